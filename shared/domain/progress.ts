import type { SurveyPhase } from './survey-phase.ts'

// What a leader may see of how many people have answered (DESIGN.md §4.5). While a survey can
// still take answers, the count covers only the days before today and moves in steps of k: a leader
// who watches it can never see one person arrive, which is what a padding attack needs (submitting
// k − 1 answers of known content, then closing, or reading the next release, the moment the count
// shows one more). Counting to the end of yesterday also means a leader who pads at opening learns
// that the count reached k only the next day, by when most of the staff who answer that day have
// (docs/anonymity.md, "Padding", has the figures). Once the survey has closed the count is exact,
// because nothing can be added to it any more.

export type ResponseCountPrecision = 'exact' | 'coarse'

export interface ShownCount {
  /** The count to show: exact once closed, else the earlier days' count floored to a multiple of k. */
  responseCount: number
  precision: ResponseCountPrecision
}

export function shownResponseCount({ phase, k, responseCount, responsesBeforeToday }: { phase: SurveyPhase; k: number; responseCount: number; responsesBeforeToday: number }): ShownCount {
  if (phase === 'closed') return { responseCount, precision: 'exact' }
  return { responseCount: Math.floor(responsesBeforeToday / k) * k, precision: 'coarse' }
}

/** Responses as a share of the expected staff count, or null when that count is unknown; may pass 1. */
export function responseRate(responseCount: number, expectedStaff: number | null): number | null {
  return expectedStaff ? responseCount / expectedStaff : null
}

/**
 * The anonymity settings (k, access mode, release mode, and the opening date) are fixed once staff
 * can answer, whether or not anyone has: a lock that waited for the first response would itself
 * tell the leader that someone had answered.
 */
export function settingsLocked(phase: SurveyPhase): boolean {
  return phase === 'open' || phase === 'closed'
}
