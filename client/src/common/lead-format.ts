// Dates and numbers for the leaders' app's forms, and the report's British English words (the other
// pages say theirs through the lead messages, lead/lead-words.ts). A survey's days (the day it opens,
// the last day it takes answers) are days in its school's time zone, sent and shown as such: a
// closing day picked in an <input type="date"> keeps the survey open until the end of that day.

import { dayIn, isDay } from '../../../shared/domain/school-days.ts'

/** "7 December 2026" */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })
}


/**
 * The last day a survey takes (or took) answers, in its school's time zone: its closing day, or the
 * day its leader closed it if that was earlier.
 */
export function lastSurveyDay(survey: { closesOn: string; closesAt: string; closedAt: string | null; timeZone: string }): string {
  return survey.closedAt && Date.parse(survey.closedAt) < Date.parse(survey.closesAt) ? dayIn(survey.timeZone, new Date(survey.closedAt)) : survey.closesOn
}



/** "12 responses", "1 response" */
export function countLabel(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`
}

/**
 * A response count as a leader may see it: exact once the survey has closed; while it is open, in
 * steps of k, counting earlier days only ("At least 10 responses", "Fewer than 5 responses"), so no one can be seen answering.
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


const pad = (n: number) => String(n).padStart(2, '0')

/** The local calendar date of an instant, as an <input type="date"> value (YYYY-MM-DD). */
export function toDateInput(value: string | Date): string {
  const d = typeof value === 'string' ? new Date(value) : value
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** A YYYY-MM-DD value as the API takes it (a day in the school's time zone); undefined when empty or malformed. */
export function fromDateInput(value: string): string | undefined {
  return isDay(value) ? value : undefined
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
