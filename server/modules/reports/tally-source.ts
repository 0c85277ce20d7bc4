import type { Kysely } from 'kysely'
import { liveBatchesReleased } from '../../../shared/domain/anonymity.ts'
import { surveyPhase } from '../../../shared/domain/survey-phase.ts'
import type { SurveyTally } from '../../../shared/domain/tally.ts'
import type { Instrument } from '../../../shared/instrument/types.ts'
import type { Database } from '../../db/schema.ts'
import type { SurveyRecord } from '../surveys/surveys.service.ts'
import { tallyEachSurvey } from './reports.repository.ts'

// Tallies of surveys, remembered once a survey has closed. A closed survey never reopens and takes
// no more answers, so its tally is fixed; the entry is still keyed by its response count and
// release settings, so should anything change the tally is computed again. Open surveys are always
// computed afresh. This is what keeps a trust overview (hundreds of surveys) in milliseconds:
// Postgres reads each response's answers at about a microsecond an array element, so a trust's
// six cycles cost half a second to aggregate from scratch (docs/benchmarks.md).

interface Entry { key: string; detail: boolean; tally: SurveyTally }

export interface TallySource {
  /** One tally per survey; `detail` adds item distributions and alpha (a school report needs them, an overview does not). */
  tallies(surveys: readonly SurveyRecord[], instrument: Instrument, options?: { detail?: boolean }): Promise<Map<number, SurveyTally>>
}

export function createTallySource({ db, now = () => new Date(), maxEntries = 20_000 }: { db: Kysely<Database>; now?: () => Date; maxEntries?: number }): TallySource {
  const cache = new Map<number, Entry>()
  // a closed live survey still releases its last batches the day after they completed
  const keyOf = (s: SurveyRecord) => `${s.instrumentVersion}:${s.responseCount}:${s.releaseMode}:${s.k}:${liveBatchesReleased(s.liveBatchesCompletedOn, now())}`

  return {
    async tallies(surveys, instrument, { detail = true } = {}) {
      const result = new Map<number, SurveyTally>()
      const missing: SurveyRecord[] = []
      for (const survey of surveys) {
        const entry = cache.get(survey.id)
        if (entry && entry.key === keyOf(survey) && (entry.detail || !detail)) {
          // refresh its place in the least-recently-used order
          cache.delete(survey.id)
          cache.set(survey.id, entry)
          result.set(survey.id, entry.tally)
        } else {
          missing.push(survey)
        }
      }
      if (missing.length === 0) return result
      const computed = await tallyEachSurvey(db, missing.map((s) => s.id), instrument, { detail, at: now() })
      for (const survey of missing) {
        const tally = computed.get(survey.id)!
        result.set(survey.id, tally)
        if (surveyPhase(survey, now()) !== 'closed') continue
        cache.delete(survey.id)
        cache.set(survey.id, { key: keyOf(survey), detail, tally: deepFreeze(tally) })
        if (cache.size > maxEntries) cache.delete(cache.keys().next().value!)
      }
      return result
    },
  }
}

/** Cached tallies are shared between requests: freezing them makes any accidental change throw. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}
