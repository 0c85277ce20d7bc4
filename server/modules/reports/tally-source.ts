import { sql, type Kysely } from 'kysely'
import { liveBatchesReleased, planRelease, releaseInput, type ReleasePlan } from '../../../shared/domain/anonymity.ts'
import { surveyFigures, type SurveyFigures } from '../../../shared/domain/overview.ts'
import { placementResult } from '../../../shared/domain/placement-report.ts'
import { surveyPhase } from '../../../shared/domain/survey-phase.ts'
import { PlacementSectionSchema, type PlacementSectionResult } from '../../../shared/schemas/reports.ts'
import { emptyTally, scoreKeys, type AlphaTally, type GroupKey, type ItemTally, type ScoreKey, type SurveyTally } from '../../../shared/domain/tally.ts'
import type { Instrument, ScaleId } from '../../../shared/instrument/types.ts'
import type { Database } from '../../db/schema.ts'
import type { SurveyRecord } from '../surveys/surveys.service.ts'
import { listReleasedV2Responses, tallyEachSurvey } from './reports.repository.ts'

// Tallies of surveys. A closed survey never reopens and takes no more answers, so its tally is
// fixed: the first request that needs it, on any instance, aggregates its responses once and
// stores the tally in Postgres (survey_tallies, one row per release state); every later request,
// on every instance and after any restart, reads that row. Nothing is kept in the process, so no
// speed or answer depends on which instance a request lands on. Open surveys are aggregated
// afresh every time (only live surveys show figures while open). Aggregating from scratch costs
// about a microsecond per answer element (docs/benchmarks.md), a few milliseconds a survey.
//
// Beside each stored tally, its survey's *figures* in that release state: what its own report
// discloses that the trust overview and the comparison with the rest of the trust use
// (`surveyFigures`, the report's own functions). Those read other schools only as figures, a small
// jsonb column, never their tallies. Rows stored without them (before migration 202611291520, or
// a survey whose k differs from the one they were computed with) are filled on first read.
//
// dl-v2 surveys also have a placement (shared/domain/placement-report.ts), which rests on the
// responses themselves, not on the tally: it is computed from the released responses and, for a
// closed survey, stored beside the tally in that release state (`placement`), so a later report
// or overview reads it instead of every response.

export interface TallySource {
  /**
   * dl-v2 onwards: each survey's placement section as its report shows it (`placementResult`), from
   * the responses the report may use; null where the report releases nothing (and for dl-v1).
   * Closed surveys' sections are stored beside their tallies.
   */
  placements(surveys: readonly SurveyRecord[], instrument: Instrument): Promise<Map<number, PlacementSectionResult | null>>
  /** One tally per survey; `detail` adds item distributions and alpha (a school report needs them, an overview does not). */
  tallies(surveys: readonly SurveyRecord[], instrument: Instrument, options?: { detail?: boolean }): Promise<Map<number, SurveyTally>>
  /** What each survey's own report discloses (`surveyFigures`), for the surveys whose reports are released now; others are left out. */
  figures(surveys: readonly SurveyRecord[], instrument: Instrument): Promise<Map<number, SurveyFigures>>
}

/** The release plan a survey's report follows at `at` (as the report service plans it). */
export const planAt = (survey: SurveyRecord, at: Date): ReleasePlan => planRelease(releaseInput(survey, surveyPhase(survey, at), at))

/** Figures as stored: with the k they were disclosed under. */
type StoredFigures = SurveyFigures & { k: number }
const figuresJson = (instrument: Instrument, tally: SurveyTally, survey: SurveyRecord, plan: ReleasePlan, placement: PlacementSectionResult | null): string | null =>
  plan.released ? JSON.stringify({ k: survey.k, ...surveyFigures(instrument, tally, plan, survey.k, placement) } satisfies StoredFigures) : null

/** A placement section as stored: with the k it was disclosed under (null section: its report releases nothing). */
interface StoredPlacement { k: number; section: PlacementSectionResult | null }
const placementJson = (survey: SurveyRecord, section: PlacementSectionResult | null): string => JSON.stringify({ k: survey.k, section } satisfies StoredPlacement)

/** A tally as stored: bins as [answered, sum, count] triples per group and score (groups with none left out). */
interface StoredTally { respondents: number; now: number[]; aim: number[]; groups: Partial<Record<GroupKey, Record<ScoreKey, [number, number, number][]>>> }
interface StoredDetail { items: Record<string, ItemTally>; alpha: Record<ScaleId, AlphaTally> }

/**
 * `readDb` answers the reads (a replica, when there is one); the tallies are written to `db`, the
 * primary. A replica that has not yet seen a survey close sees it open, and stores nothing.
 */
export function createTallySource({ db, readDb = db, now = () => new Date() }: { db: Kysely<Database>; readDb?: Kysely<Database>; now?: () => Date }): TallySource {
  return {
    tallies: (surveys, instrument, { detail = true } = {}) => talliesAt(surveys, instrument, detail, now()),
    figures: (surveys, instrument) => figuresAt(surveys, instrument, now()),
    placements: (surveys, instrument) => placementsAt(surveys, instrument, now()),
  }

  /** The placement sections of released dl-v2 surveys, computed from their responses (`placementResult`). */
  async function computePlacements(surveys: readonly SurveyRecord[], instrument: Instrument, at: Date): Promise<Map<number, PlacementSectionResult | null>> {
    const result = new Map<number, PlacementSectionResult | null>(surveys.map((s) => [s.id, null]))
    const released = instrument.patternBlock ? surveys.filter((s) => planAt(s, at).released) : []
    if (released.length === 0) return result
    const responses = await listReleasedV2Responses(readDb, released.map((s) => s.id), at)
    for (const s of released) result.set(s.id, placementResult(instrument, responses.get(s.id)!, s.k))
    return result
  }

  async function placementsAt(surveys: readonly SurveyRecord[], instrument: Instrument, at: Date): Promise<Map<number, PlacementSectionResult | null>> {
    const result = new Map<number, PlacementSectionResult | null>(surveys.map((s) => [s.id, null]))
    const released = instrument.patternBlock ? surveys.filter((s) => planAt(s, at).released) : []
    const rows = await currentRows(readDb, released.filter((s) => surveyPhase(s, at) === 'closed'), at, ['placement'])
    const wanting: SurveyRecord[] = []
    for (const survey of released) {
      const stored = rows.get(survey.id)?.placement as StoredPlacement | null | undefined
      // a section stored before the report's shape last grew (a flag's items) is computed again
      const current = stored && stored.k === survey.k && (stored.section === null || PlacementSectionSchema.safeParse(stored.section).success)
      if (current) result.set(survey.id, stored.section)
      else wanting.push(survey)
    }
    const computed = await computePlacements(wanting, instrument, at)
    for (const survey of wanting) {
      const section = computed.get(survey.id)!
      result.set(survey.id, section)
      // a closed survey's stored row without its section (or under another k, or of an older shape) gets it now
      if (rows.has(survey.id)) await updateCurrentRow(db, survey, at, { placement: placementJson(survey, section) })
    }
    return result
  }

  async function talliesAt(surveys: readonly SurveyRecord[], instrument: Instrument, detail: boolean, at: Date): Promise<Map<number, SurveyTally>> {
    const result = new Map<number, SurveyTally>()
    const closed = surveys.filter((s) => surveyPhase(s, at) === 'closed')
    const open = surveys.filter((s) => surveyPhase(s, at) !== 'closed')

    const stored = await currentRows(readDb, closed, at, detail ? ['tally', 'detail'] : ['tally'])
    const missing: SurveyRecord[] = []
    for (const survey of closed) {
      const row = stored.get(survey.id)
      if (row) result.set(survey.id, decode(instrument, row.tally as StoredTally, row.detail as StoredDetail | null))
      else missing.push(survey)
    }

    // Closed surveys not stored yet are taken with item detail, so that their row serves every reader.
    const [fresh, taken] = await Promise.all([
      open.length === 0 ? new Map<number, SurveyTally>() : tallyEachSurvey(readDb, open.map((s) => s.id), instrument, { detail, at }),
      missing.length === 0 ? new Map<number, SurveyTally>() : tallyEachSurvey(readDb, missing.map((s) => s.id), instrument, { detail: true, at }),
    ])
    for (const [id, tally] of [...fresh, ...taken]) result.set(id, tally)
    if (missing.length > 0) {
      // dl-v2: the placement section too, so that neither a report nor the overview reads the responses again
      const placements = await computePlacements(missing, instrument, at)
      await store(
        db,
        missing.map((s) => {
          const placement = placements.get(s.id)!
          return {
            survey_id: s.id,
            released: releasedOf(s, at),
            responses: s.responseCount,
            ...encode(taken.get(s.id)!),
            figures: figuresJson(instrument, taken.get(s.id)!, s, planAt(s, at), placement),
            placement: instrument.patternBlock ? placementJson(s, placement) : null,
          }
        }),
      )
    }
    return result
  }

  async function figuresAt(surveys: readonly SurveyRecord[], instrument: Instrument, at: Date): Promise<Map<number, SurveyFigures>> {
    const result = new Map<number, SurveyFigures>()
    const released = surveys.filter((s) => planAt(s, at).released)
    const rows = await currentRows(readDb, released.filter((s) => surveyPhase(s, at) === 'closed'), at, ['figures'])
    const wanting: SurveyRecord[] = []
    const unfilled = new Set<number>() // stored rows whose figures are missing or were disclosed under another k
    for (const survey of released) {
      const stored = rows.get(survey.id)?.figures as StoredFigures | null | undefined
      if (stored && stored.k === survey.k && stored.responseCount === planAt(survey, at).includedResponses) {
        const { k: _, ...figures } = stored
        result.set(survey.id, figures)
        continue
      }
      wanting.push(survey)
      if (rows.has(survey.id)) unfilled.add(survey.id)
    }
    if (wanting.length === 0) return result

    // Open surveys, closed ones not stored yet (taken and stored by `tallies`, figures and all),
    // and stored rows without figures: from their tallies, and the figures kept for next time.
    const tallies = await talliesAt(wanting, instrument, false, at)
    const placements = await placementsAt(wanting, instrument, at)
    const fill: { survey: SurveyRecord; json: string }[] = []
    for (const survey of wanting) {
      const plan = planAt(survey, at)
      const tally = tallies.get(survey.id)!
      const placement = placements.get(survey.id)!
      result.set(survey.id, surveyFigures(instrument, tally, plan, survey.k, placement))
      if (unfilled.has(survey.id)) fill.push({ survey, json: figuresJson(instrument, tally, survey, plan, placement)! })
    }
    for (const { survey, json } of fill) await updateCurrentRow(db, survey, at, { figures: json })
    return result
  }
}

const releasedOf = (s: SurveyRecord, at: Date) => (s.releaseMode === 'live' ? liveBatchesReleased(s.liveBatchesCompletedOn, at) : 0)

type StoredColumn = 'tally' | 'detail' | 'figures' | 'placement'

/**
 * Each closed survey's stored row in the release state it is in at `at` (its live batches released
 * and its response count), with the columns asked for; a row stored in another state counts as none.
 */
async function currentRows(db: Kysely<Database>, closed: readonly SurveyRecord[], at: Date, columns: readonly StoredColumn[]): Promise<Map<number, Partial<Record<StoredColumn, unknown>>>> {
  if (closed.length === 0) return new Map()
  const rows = (await db
    .selectFrom('survey_tallies')
    .select(['survey_id', 'released', 'responses', ...columns])
    .where('survey_id', 'in', closed.map((s) => s.id))
    .execute()) as ({ survey_id: number; released: number; responses: number } & Partial<Record<StoredColumn, unknown>>)[]
  const state = new Map(closed.map((s) => [s.id, `${releasedOf(s, at)}:${s.responseCount}`]))
  return new Map(rows.filter((row) => state.get(row.survey_id) === `${row.released}:${row.responses}`).map((row) => [row.survey_id, row]))
}

/** Fills columns of a closed survey's stored row in its current release state (`currentRows`). */
async function updateCurrentRow(db: Kysely<Database>, survey: SurveyRecord, at: Date, values: { figures: string } | { placement: string }): Promise<void> {
  await db
    .updateTable('survey_tallies')
    .set(values)
    .where('survey_id', '=', survey.id)
    .where('released', '=', releasedOf(survey, at))
    .where('responses', '=', survey.responseCount)
    .execute()
}

/** Written once; a row taken again (its survey's responses changed) replaces the old one. */
async function store(db: Kysely<Database>, rows: { survey_id: number; released: number; responses: number; tally: string; detail: string; figures: string | null; placement: string | null }[]): Promise<void> {
  await db
    .insertInto('survey_tallies')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['survey_id', 'released']).doUpdateSet({ responses: sql.ref('excluded.responses'), tally: sql.ref('excluded.tally'), detail: sql.ref('excluded.detail'), figures: sql.ref('excluded.figures'), placement: sql.ref('excluded.placement') }),
    )
    .execute()
}

function encode(tally: SurveyTally): { tally: string; detail: string } {
  const groups: StoredTally['groups'] = {}
  for (const group of tally.groups) {
    if (group.respondents === 0) continue
    groups[group.group] = Object.fromEntries(Object.entries(group.bins).map(([key, bins]) => [key, bins.map((b) => [b.answered, b.sum, b.count])])) as Record<ScoreKey, [number, number, number][]>
  }
  const stored: StoredTally = { respondents: tally.respondents, now: tally.now, aim: tally.aim, groups }
  const detail: StoredDetail = { items: tally.items, alpha: tally.alpha }
  return { tally: JSON.stringify(stored), detail: JSON.stringify(detail) }
}

/** The tally `encode` stored; without `detail`, item counts and alpha are zero (as tallyEachSurvey gives without detail). */
function decode(instrument: Instrument, stored: StoredTally, detail: StoredDetail | null | undefined): SurveyTally {
  const tally = emptyTally(instrument)
  tally.respondents = stored.respondents
  tally.now = stored.now
  tally.aim = stored.aim
  for (const group of tally.groups) {
    const bins = stored.groups[group.group]
    if (!bins) continue
    for (const key of scoreKeys(instrument)) group.bins[key] = (bins[key] ?? []).map(([answered, sum, count]) => ({ answered, sum, count }))
    group.respondents = group.bins.coordination.reduce((n, b) => n + b.count, 0)
  }
  if (detail) {
    // in the instrument's order (jsonb keeps object keys in an order of its own)
    for (const id of Object.keys(tally.items)) tally.items[id] = detail.items[id]!
    for (const id of Object.keys(tally.alpha) as ScaleId[]) tally.alpha[id] = detail.alpha[id]
  }
  return tally
}
