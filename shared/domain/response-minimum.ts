import type { Instrument } from '../instrument/types.ts'
import { minAnswered } from './anonymity.ts'

// The least a response needs to be counted (docs/scoring.md, "What a counted response needs").
// A response counts toward the response rate, k and the comment threshold only if it gives at
// least one score: one section answered to the 60 % rule, with "Don't know" not counting as an
// answer. A blank or almost blank response would inflate all three while saying nothing, so the
// server refuses it and the staff survey's review step says so before Send. One function decides,
// for both.

/** Answers by item id: 1..5, null for "Don't know", missing (or undefined) when left out. */
export type AnswersById = Readonly<Record<string, number | null | undefined>>

export interface ResponseMinimum {
  /** Whether the response may be sent and counted. */
  counts: boolean
  /** Sections answered to the 60 % rule. */
  scoredSections: number
  /** Statements given an answer other than "Don't know". */
  answered: number
  /** What is missing, in words a member of staff understands (English); null when the response counts. */
  shortfall: string | null
  /** The rule in figures, for the staff survey to say in its reader's language: answers needed of the smallest section's statements. */
  needed: number
  smallest: number
  /** The section nearest to counting, and how many more answers it needs; null when none has an answer. */
  nearest: { title: string; more: number } | null
}

export function checkResponseMinimum(instrument: Instrument, answers: AnswersById): ResponseMinimum {
  let scoredSections = 0
  let answered = 0
  let nearest: { title: string; more: number } | null = null
  for (const scale of instrument.scales) {
    const given = scale.items.filter((item) => typeof answers[item.id] === 'number').length
    const needed = minAnswered(scale.items.length)
    answered += given
    if (given >= needed) scoredSections++
    else if (given > 0 && (nearest === null || needed - given < nearest.more)) nearest = { title: scale.sectionTitle, more: needed - given }
  }
  const smallest = Math.min(...instrument.scales.map((s) => s.items.length))
  const needed = minAnswered(smallest)
  if (scoredSections > 0) return { counts: true, scoredSections, answered, shortfall: null, needed, smallest, nearest: null }
  const rule =
    `A response is counted only when at least one section is answered: ${minAnswered(smallest)} of its ${smallest} statements ` +
    `with an answer other than "${instrument.dontKnowLabel}".`
  const progress =
    nearest === null
      ? ' No statement has been answered yet.'
      : ` The nearest is "${nearest.title}": answer ${nearest.more} more ${nearest.more === 1 ? 'statement' : 'statements'} there.`
  return { counts: false, scoredSections, answered, shortfall: rule + progress, needed, smallest, nearest }
}
