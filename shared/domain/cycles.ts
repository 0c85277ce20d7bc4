// Survey cycles for comparing schools: a school term, or any date range. A survey belongs to the
// cycle in which it closed (`closedOn`: its closing date, or the day its leader closed it early).
// Terms follow the English school year: autumn September–December, spring January–April, summer
// May–August (dates in UTC).

export const TERMS = ['spring', 'summer', 'autumn'] as const
export type Term = (typeof TERMS)[number]
const TERM_START_MONTH: Record<Term, number> = { spring: 0, summer: 4, autumn: 8 }
const TERM_LABEL: Record<Term, string> = { spring: 'Spring', summer: 'Summer', autumn: 'Autumn' }

export interface Cycle {
  /** "2026-autumn" for a term, "2026-09-01..2026-12-31" for a range. */
  id: string
  label: string
  /** First instant of the cycle. */
  from: Date
  /** First instant after the cycle. */
  to: Date
}

export const TERM_ID = /^(\d{4})-(spring|summer|autumn)$/

/**
 * The years a survey, a cycle or a date range may fall in. Anything outside is a typing slip or an
 * attack (a survey closing on 9999-12-31 gives a term that ends in year 10000, which no ISO date
 * can name): the schemas refuse it, and the trust overview ignores any stored survey outside it.
 */
export const MIN_YEAR = 2000
export const MAX_YEAR = 2100
export const SANE_FROM = new Date(Date.UTC(MIN_YEAR, 0, 1))
export const SANE_TO = new Date(Date.UTC(MAX_YEAR + 1, 0, 1))
export const SANE_YEARS = `between ${MIN_YEAR} and ${MAX_YEAR}`

export function inSaneRange(date: Date): boolean {
  return date >= SANE_FROM && date < SANE_TO
}

/** For schemas: a date string that is either not a date at all (another check says so) or in the sane range. */
export function saneOrUnparsable(value: string): boolean {
  const date = new Date(value)
  return Number.isNaN(date.getTime()) || inSaneRange(date)
}

/** When a survey actually closed: its closing date, or earlier if its leader closed it early. */
export function closedOn({ closesAt, closedAt }: { closesAt: Date; closedAt: Date | null }): Date {
  return closedAt && closedAt < closesAt ? closedAt : closesAt
}

export function termCycle(year: number, term: Term): Cycle {
  const start = TERM_START_MONTH[term]
  return {
    id: `${year}-${term}`,
    label: `${TERM_LABEL[term]} ${year}`,
    from: new Date(Date.UTC(year, start, 1)),
    to: new Date(Date.UTC(year, start + 4, 1)),
  }
}

/** The term a moment falls in. */
export function termOf(date: Date): Cycle {
  const month = date.getUTCMonth()
  const term: Term = month < 4 ? 'spring' : month < 8 ? 'summer' : 'autumn'
  return termCycle(date.getUTCFullYear(), term)
}

export function parseTermId(id: string): Cycle | undefined {
  const match = TERM_ID.exec(id)
  if (!match || Number(match[1]) < MIN_YEAR || Number(match[1]) > MAX_YEAR) return undefined
  return termCycle(Number(match[1]), match[2] as Term)
}

/** A date range, both days included (YYYY-MM-DD, UTC). */
export function rangeCycle(fromDay: string, toDay: string): Cycle {
  const from = new Date(`${fromDay}T00:00:00Z`)
  const to = new Date(new Date(`${toDay}T00:00:00Z`).getTime() + 86_400_000)
  const fmt = (d: Date) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
  return { id: `${fromDay}..${toDay}`, label: `${fmt(from)} – ${fmt(new Date(to.getTime() - 1))}`, from, to }
}

/** Distinct terms of the given moments, newest first. */
export function termsOf(dates: readonly Date[]): Cycle[] {
  const byId = new Map(dates.map((d) => termOf(d)).map((c) => [c.id, c]))
  return [...byId.values()].sort((a, b) => b.from.getTime() - a.from.getTime())
}
