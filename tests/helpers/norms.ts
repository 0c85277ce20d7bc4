import type { Kysely } from 'kysely'
import { newToken } from '../../server/crypto.ts'
import type { Database } from '../../server/db/schema.ts'
import { DIMENSION_MEASURE_PREFIX, NORM_WINDOW_DAYS, PLACEMENT_MEASURE, type NormContributor } from '../../shared/domain/norms.ts'
import { MODEL_DIMENSIONS } from '../../shared/domain/placement.ts'
import { seededRandom } from '../../shared/domain/random.ts'
import { CURRENT_INSTRUMENT_ID, requireInstrument } from '../../shared/instrument/versions.ts'
import type { Nation, SchoolPhase, StaffBand } from '../../shared/schemas/organisations.ts'

/** Norms are of the questionnaire new surveys use (the norm routes read its norms). */
const instrument = requireInstrument(CURRENT_INSTRUMENT_ID)

// Schools with closed surveys and their stored figures (survey_tallies.figures, as each school's
// own report discloses them), written in bulk: what norms are computed from. Used by the norms
// tests and the norms benchmark.

const DAY = 86_400_000
const SCALES = instrument.scales.map((s) => s.id)

/** A survey's disclosed figures: scale means, and (dl-v2) its placement's dimension means (MODEL_DIMENSIONS order) and most likely pattern. */
export interface FigureSurvey { closedDaysAgo: number; k?: number; means: readonly (number | null)[]; dimensions?: readonly (number | null)[]; mostLikely?: number }
export interface FigureSchool { trust: number | null; phase: SchoolPhase | null; staffBand: StaffBand | null; nation: Nation | null; surveys: readonly FigureSurvey[] }

/** Writes trusts (by index; opted out where asked), their schools and closed surveys with stored figures; returns the school ids in order. */
export async function seedFigureSchools(db: Kysely<Database>, now: Date, trusts: readonly { optOut?: boolean }[], schools: readonly FigureSchool[]): Promise<{ trustIds: number[]; schoolIds: number[] }> {
  const trustIds: number[] = []
  for (let i = 0; i < trusts.length; i += 1000) {
    const rows = await db.insertInto('trusts').values(trusts.slice(i, i + 1000).map((t, j) => ({ name: `Reference trust ${i + j + 1}`, norms_opt_out: t.optOut ?? false }))).returning('id').execute()
    trustIds.push(...rows.map((r) => r.id))
  }
  const schoolIds: number[] = []
  for (let i = 0; i < schools.length; i += 1000) {
    const rows = await db
      .insertInto('schools')
      .values(schools.slice(i, i + 1000).map((s, j) => ({ name: `Reference school ${i + j + 1}`, trust_id: s.trust === null ? null : trustIds[s.trust]!, phase: s.phase, staff_band: s.staffBand, nation: s.nation })))
      .returning('id')
      .execute()
    schoolIds.push(...rows.map((r) => r.id))
  }
  const surveys = schools.flatMap((s, i) => s.surveys.map((v) => ({ schoolId: schoolIds[i]!, ...v })))
  for (let i = 0; i < surveys.length; i += 1000) {
    const batch = surveys.slice(i, i + 1000)
    const rows = await db
      .insertInto('surveys')
      .values(batch.map((v) => {
        const closes = new Date(now.getTime() - v.closedDaysAgo * DAY)
        return { school_id: v.schoolId, instrument_version_id: instrument.id, title: 'Reference survey', token: newToken(), status: 'closed' as const, opens_at: new Date(closes.getTime() - 14 * DAY), closes_at: closes, closed_at: closes, k: v.k ?? 5 }
      }))
      .returning('id')
      .execute()
    await db
      .insertInto('survey_tallies')
      .values(rows.map((r, j) => {
        const v = batch[j]!
        const figures = { k: v.k ?? 5, responseCount: 20, scales: SCALES.map((id, n) => ({ id, mean: v.means[n] ?? null, n: v.means[n] === null ? null : 20 })), perceivedNow: null, evidence: null }
        // The placement as stored beside the tally: only the parts norms read (the dimensions, the most likely pattern).
        const dimensions = Object.fromEntries(MODEL_DIMENSIONS.map((id, n) => {
          const mean = v.dimensions?.[n] ?? null
          return [id, mean === null ? null : { n: 20, mean, low: mean - 10, high: mean + 10 }]
        }))
        const placement = v.mostLikely === undefined ? null : JSON.stringify({ k: v.k ?? 5, section: { mostLikely: v.mostLikely, dimensions } })
        return { survey_id: r.id, released: 0, responses: 20, tally: '{}', detail: '{}', figures: JSON.stringify(figures), placement }
      }))
      .execute()
  }
  return { trustIds, schoolIds }
}

/** What each school contributes as the pure computation sees it: its latest survey in the window, unless its trust opted out. */
export function contributorsOf(trusts: readonly { optOut?: boolean }[], schools: readonly FigureSchool[], schoolIds: readonly number[]): NormContributor[] {
  return schools.flatMap((s, i) => {
    if (s.trust !== null && trusts[s.trust]!.optOut) return []
    const inWindow = s.surveys.filter((v) => v.closedDaysAgo < NORM_WINDOW_DAYS)
    if (inWindow.length === 0) return []
    const latest = inWindow.reduce((a, b) => (b.closedDaysAgo <= a.closedDaysAgo ? b : a))
    const values = {
      ...Object.fromEntries(SCALES.map((id, n) => [id, latest.means[n] ?? null])),
      ...Object.fromEntries(MODEL_DIMENSIONS.map((id, n) => [`${DIMENSION_MEASURE_PREFIX}${id}`, latest.dimensions?.[n] ?? null])),
      [PLACEMENT_MEASURE]: latest.mostLikely ?? null,
    }
    return [{ schoolId: schoolIds[i]!, trustId: s.trust, phase: s.phase, staffBand: s.staffBand, nation: s.nation, values }]
  })
}

/** Generated schools: contexts drawn from a few phases, bands and nations, means around 3.2, some withheld. */
export function generateFigureSchools(count: number, trustCount: number, seed: number): FigureSchool[] {
  const rng = seededRandom(seed)
  const random = () => rng.next()
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!
  return Array.from({ length: count }, () => ({
    trust: random() < 0.15 ? null : Math.floor(random() * trustCount),
    phase: random() < 0.05 ? null : pick(['primary', 'secondary', 'special'] as const),
    staffBand: pick(['20_to_49', '50_to_99'] as const),
    nation: pick(['england', 'wales'] as const),
    surveys: Array.from({ length: 1 + Math.floor(random() * 2) }, () => ({
      closedDaysAgo: Math.floor(random() * 500),
      means: SCALES.map(() => (random() < 0.05 ? null : Math.round((2 + random() * 2.5) * 100) / 100)),
      dimensions: MODEL_DIMENSIONS.map(() => (random() < 0.05 ? null : Math.round(random() * 10_000) / 100)),
      mostLikely: 1 + Math.floor(random() * 7),
    })),
  }))
}
