import type { SurveyPhase } from './survey-phase.ts'

// What a leader may see of how many people have answered (DESIGN.md §4.5). While a survey can
// still take answers, the count moves only in steps of k: a leader who watches it can never see one
// person arrive, which is what a padding attack (submitting k − 1 answers of known content just
// after someone else answered) needs. Once the survey has closed the count is exact, because
// nothing can be added to it any more.

export type ResponseCountPrecision = 'exact' | 'coarse'

export interface ShownCount {
  /** The count to show: exact once closed, else floored to a multiple of k. */
  responseCount: number
  precision: ResponseCountPrecision
}

export function shownResponseCount({ phase, k, responseCount }: { phase: SurveyPhase; k: number; responseCount: number }): ShownCount {
  if (phase === 'closed') return { responseCount, precision: 'exact' }
  return { responseCount: Math.floor(responseCount / k) * k, precision: 'coarse' }
}

/**
 * The anonymity settings (k, access mode, release mode, and the opening date) are fixed once staff
 * can answer, whether or not anyone has: a lock that waited for the first response would itself
 * tell the leader that someone had answered.
 */
export function settingsLocked(phase: SurveyPhase): boolean {
  return phase === 'open' || phase === 'closed'
}
