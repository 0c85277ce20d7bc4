import { formatMean } from '../../../shared/domain/report-words.ts'
import type { SurveyReport } from '../../../shared/schemas/reports.ts'

// Words for the school report: figures formatted the same way everywhere on the page, and the
// continuum position said in sentences (the text alternative of the strip). No figure is computed
// here: every number comes from the report as the API sent it.

export type Continuum = SurveyReport['continuum']

// The formats the server's CSV shares (shared/domain/report-words.ts), here too for the pages that
// format figures beside them.
export { capitalise, formatMean, formatShare, patternLabeller } from '../../../shared/domain/report-words.ts'

/** "+0.42" or "−0.42" (a true minus sign, read as "minus"). */
export const formatDifference = (x: number): string => `${x < 0 ? '\u2212' : '+'}${Math.abs(x).toFixed(2)}`

/** "57" — an index from 0..100. */
export const formatIndex = (x: number): string => String(Math.round(x))

/** "3.10 to 3.58", or null when the interval is unknown; `span` words it in the page's language. */
export function formatInterval(
  low: number | null,
  high: number | null,
  format: (x: number) => string = formatMean,
  span: (low: string, high: string) => string = (a, b) => `${a} to ${b}`,
): string | null {
  return low === null || high === null ? null : span(format(low), format(high))
}

/**
 * "1 May 2026 to 31 August 2026": the days of a survey cycle. A cycle runs up to (not including)
 * its `to`, and its days are UTC days (as the API counts them), whatever the browser's time zone.
 */
export function cycleDates(cycle: { from: string; to: string }): string {
  const day = (ms: number) => new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
  return `${day(Date.parse(cycle.from))} to ${day(Date.parse(cycle.to) - 1)}`
}

/** Where the trust overview places a school, in words: what staff say now, and what their answers show. */
export function placementWords(
  point: { perceivedMedian: number | null; perceivedQ1: number | null; perceivedQ3: number | null; evidencePattern: number | null },
  label: (p: number) => string,
): string {
  const { perceivedMedian: median, perceivedQ1: q1, perceivedQ3: q3, evidencePattern: evidence } = point
  const now =
    median === null
      ? 'Too few staff answered how leadership works now'
      : q1 === null || q3 === null || q1 === q3
        ? `Staff say ${label(median)}`
        : `Staff say ${label(median)} (most answers between ${label(q1)} and ${label(q3)})`
  const placed = evidence === null ? 'too few answered enough statements to place it by their answers' : `their answers place it at ${label(evidence)}`
  return `${now}; ${placed}.`
}

/** "Synergy and Shared power and authority"; "A, B and C"; "A or B" (the conjunction in the page's language). */
export function listWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? ''
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`
}

/** A scale name broken into lines of about `width` characters, for the radar chart's labels. */
export function wrapWords(text: string, width = 16): string[] {
  const lines: string[] = []
  for (const word of text.split(' ')) {
    const last = lines.at(-1)
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
  }
  return lines
}
