// Days in a school's own time zone. A leader chooses the day a survey opens and the day it closes;
// "closes on 12 December" means staff can answer all through 12 December where the school is, so
// the survey opens at the first instant of its opening day and stops taking answers at the first
// instant of the day after its closing day. Time zones are IANA names ("Europe/London"); the
// arithmetic goes through Intl, so it follows the clock changes (and a zone whose midnight is
// skipped by a change starts its day at the first instant that exists).

/** A calendar day, YYYY-MM-DD. */
export type Day = string

export const DEFAULT_TIME_ZONE = 'Europe/London'

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether `text` is a real calendar day written YYYY-MM-DD. */
export function isDay(text: string): boolean {
  const parts = DAY_PATTERN.exec(text)
  if (!parts) return false
  const [y, m, d] = [Number(parts[1]), Number(parts[2]), Number(parts[3])]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** Whether `zone` is a time zone this runtime knows (an IANA name, e.g. "Europe/London"). */
export function isTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>()
function partsIn(zone: string, instant: Date) {
  let format = formatters.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    formatters.set(zone, format)
  }
  const parts = format.formatToParts(instant)
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value)
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') }
}

function dayOf(zone: string, instant: Date): Day {
  const p = partsIn(zone, instant)
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}

/**
 * Days already worked out, by zone and instant: Intl's formatting costs some 25 µs, and a trust
 * overview names the opening and closing days of 300 surveys, the same ones each time.
 */
const knownDays = new Map<string, Day>()
const KNOWN_DAYS_MAX = 20_000

/** The calendar day an instant falls on in `zone`. */
export function dayIn(zone: string, instant: Date): Day {
  const key = `${zone} ${instant.getTime()}`
  let day = knownDays.get(key)
  if (day === undefined) {
    if (knownDays.size >= KNOWN_DAYS_MAX) knownDays.clear()
    day = dayOf(zone, instant)
    knownDays.set(key, day)
  }
  return day
}

/** The day after `day`. */
export function nextDay(day: Day): Day {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
}

/** The first instant of `day` in `zone` (00:00 there, or the first instant after a skipped midnight). */
export function startOfDay(day: Day, zone: string): Date {
  if (!isDay(day)) throw new RangeError(`not a day: ${day}`)
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const midnightUtc = Date.UTC(y, m - 1, d)
  // Every zone is within UTC-12 and UTC+14, so the day begins inside this window. Search it to the
  // minute (offsets are whole minutes) for the first instant whose date in the zone is `day` or later.
  let before = (midnightUtc - 15 * 3_600_000) / 60_000
  let after = (midnightUtc + 13 * 3_600_000) / 60_000
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2)
    if (dayOf(zone, new Date(middle * 60_000)) < day) before = middle
    else after = middle
  }
  return new Date(after * 60_000)
}

/** The instant a survey closing on `day` stops taking answers: the end of that day in `zone`. */
export function endOfDay(day: Day, zone: string): Date {
  return startOfDay(nextDay(day), zone)
}

/** The last day on which a survey closing at `closesAt` takes answers, in `zone`. */
export function lastOpenDay(closesAt: Date, zone: string): Day {
  return dayIn(zone, new Date(closesAt.getTime() - 1))
}

/**
 * A date sent for a survey: a day (YYYY-MM-DD) means the start of that day in the school's zone when
 * it opens, the end of that day when it closes; a full ISO date-time is taken as the instant it names.
 */
export function surveyInstant(value: string, edge: 'opens' | 'closes', zone: string): Date {
  if (isDay(value)) return edge === 'opens' ? startOfDay(value, zone) : endOfDay(value, zone)
  return new Date(value)
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** "Saturday 12 December 2026": a day in words, the same wherever the reader is. */
export function formatDay(day: Day, options: { weekday?: boolean; year?: boolean } = {}): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  const words = [options.weekday === false ? null : WEEKDAYS[date.getUTCDay()], String(d), MONTHS[m - 1], options.year === false ? null : String(y)]
  return words.filter((w) => w !== null).join(' ')
}
