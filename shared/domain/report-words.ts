import type english from '../messages/report/en.json'
import type { ContinuumPattern } from '../instrument/types.ts'

// The report's words, shared by the report page (client/src/lead) and the server's CSV export: the
// sentences are ICU messages in shared/messages/report/<language>.json, worded from the report's
// codes and figures by the functions in advice-words.ts and placement-words.ts, which take a `Words`
// (the page's Messages, or the server's messagesIn). No figure is computed in them.

export type ReportMessageKey = keyof typeof english

/** What a wording function needs: a message in the reader's language, and that language's Intl locale. */
export interface Words {
  t: (key: ReportMessageKey, values?: Record<string, string | number>) => string
  locale: string
}

/** "3.42" — a mean on the 1..5 agreement scale. */
export const formatMean = (x: number): string => x.toFixed(2)

/**
 * "62 %" — a share from 0..1: in British English the house style (a space before the sign, as
 * every English page has it); in another language (`locale`) as that language writes it (Intl).
 */
export const formatShare = (x: number, locale = 'en-GB'): string =>
  locale === 'en-GB' ? `${Math.round(x * 100)} %` : new Intl.NumberFormat([locale, 'en-GB'], { style: 'percent', maximumFractionDigits: 0 }).format(x)

/** "Staff place…": a sentence's first letter upper case. */
export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** Looks up a pattern's label; the instrument is the one the survey was answered on. */
export function patternLabeller(patterns: readonly ContinuumPattern[]): (value: number) => string {
  return (value) => patterns.find((p) => p.value === value)?.label ?? `Pattern ${value}`
}
