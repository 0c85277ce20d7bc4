// Words and dates for the leaders' app. Dates are shown in British English, in the browser's own
// time zone; a date picked in an <input type="date"> means the start (00:00) of that local day.

export type Phase = 'draft' | 'scheduled' | 'open' | 'closed'

const PHASE_WORDS: Record<Phase, string> = {
  draft: 'Draft',
  scheduled: 'Not open yet',
  open: 'Open',
  closed: 'Closed',
}

/** A survey's phase in words, as leaders and staff would say it. */
export function phaseLabel(phase: Phase): string {
  return PHASE_WORDS[phase]
}

/** "7 December 2026" */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })
}

/** "Monday 7 December 2026" */
export function formatLongDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
}

/** "00:00 on Monday 7 December 2026": when a survey closes (a date picked means 00:00 that day). */
export function formatClosing(iso: string): string {
  const d = new Date(iso)
  return `${d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })} on ${formatLongDate(iso)}`
}

/** "7 Dec 2026, 21:30": only for the leader's own session, never for anything staff did. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })
}

/** "12 responses", "1 response" */
export function countLabel(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`
}

/**
 * A response count as a leader may see it: exact once the survey has closed; while it is open, in
 * steps of k ("At least 10 responses", "Fewer than 5 responses"), so no one can be seen answering.
 */
export function shownCountLabel({ responseCount, responseCountPrecision, k }: { responseCount: number; responseCountPrecision: 'exact' | 'coarse'; k: number }): string {
  if (responseCountPrecision === 'exact') return countLabel(responseCount, 'response', 'responses')
  if (responseCount === 0) return `Fewer than ${countLabel(k, 'response', 'responses')}`
  return `At least ${countLabel(responseCount, 'response', 'responses')}`
}

/** "40 %", or null when the rate is unknown. */
export function formatRate(rate: number | null): string | null {
  return rate === null ? null : `${Math.round(rate * 100)} %`
}

/** Responses as a share of the expected staff count, or null when that count is unknown. */
export function responseRate(responseCount: number, expectedStaff: number | null): number | null {
  return expectedStaff ? responseCount / expectedStaff : null
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The local calendar date of an instant, as an <input type="date"> value (YYYY-MM-DD). */
export function toDateInput(value: string | Date): string {
  const d = typeof value === 'string' ? new Date(value) : value
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** A YYYY-MM-DD value at 00:00 local time, as an ISO instant; undefined when empty or malformed. */
export function fromDateInput(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return undefined
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

/** The local date `days` after an instant, as an <input type="date"> value. */
export function addDaysToDateInput(value: string | Date, days: number): string {
  const d = new Date(value)
  return toDateInput(new Date(d.getFullYear(), d.getMonth(), d.getDate() + days))
}

/** A whole number typed into a field: undefined when empty, NaN kept so the schema reports it. */
export function parseWholeNumber(value: string | number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined
  const text = String(value).trim()
  return text === '' ? undefined : Number(text)
}
