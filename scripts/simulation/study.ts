import { disclose, planRelease } from '../../shared/domain/anonymity.ts'
import { evidencePattern, PATTERN_MAP, toIndex, type PatternMap } from '../../shared/domain/continuum.ts'
import { seededRandom } from '../../shared/domain/random.ts'
import { itemCountsOf, scoreSummary } from '../../shared/domain/report.ts'
import { answersInOrder, generateResponses, schoolProfile } from '../../shared/domain/synthetic.ts'
import { tallyResponses } from '../../shared/domain/tally.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { PATTERN_VALUES, type Instrument, type PatternValue, type ScaleId } from '../../shared/instrument/types.ts'
import { DEFAULT_K } from '../../shared/schemas/surveys.ts'
import { trueScaleMeans } from './truth.ts'

// The simulation study of DESIGN.md §7: schools generated from each continuum pattern by the one
// synthetic generator (its default noise: personal offsets, dissenters, a senior-leader gap, item
// noise, "Don't know" and skipped items), scored exactly as the school report scores them
// (tally → disclose → scoreSummary → toIndex → evidencePattern), and compared with the truth:
//  - recovery: does the evidence position name the pattern the school was generated from?
//  - coverage: does each scale's 95 % CI contain the school's true scale mean (truth.ts)?
// Pure and seeded: the same options give the same numbers on every machine.

/** Seeds the thresholds were tuned on (tune.ts). */
export const TRAINING_SEED_BASE = 1_000_000
/** Seeds every reported and asserted figure comes from: disjoint from the training seeds. */
export const TEST_SEED_BASE = 5_000_000
export const STUDY_SIZES = [5, 10, 20, 50] as const
/** Schools per (pattern, size) cell at most: seeds are laid out in strides of this. */
export const MAX_SCHOOLS_PER_CELL = 1000

export interface StudyOptions {
  patterns?: readonly PatternValue[]
  sizes?: readonly number[]
  schoolsPerCell: number
  seedBase: number
  map?: PatternMap
  instrument?: Instrument
}

/**
 * Seeds of school `school` of `pattern`: its profile (shared by every size, so a school is surveyed
 * at n = 5, 10, 20 and 50 with the same true means) and its respondents at size `n`. A school's
 * seeds depend on nothing else, so a smaller study is a subset of a larger one. All seeds of one
 * base sit in [base, base + 35 000): mulberry32 streams started that close together do not overlap
 * within the draws a school of 50 uses, and the training and test bases are 4 000 000 apart, so
 * the two sets share no stream either.
 */
export function studySeeds(seedBase: number, pattern: PatternValue, n: number, school: number): { profileSeed: number; seed: number } {
  const slot = STUDY_SIZES.indexOf(n as (typeof STUDY_SIZES)[number])
  if (slot === -1) throw new RangeError(`the study's sizes are ${STUDY_SIZES.join(', ')}; got ${n}`)
  if (!(school >= 0 && school < MAX_SCHOOLS_PER_CELL)) throw new RangeError(`at most ${MAX_SCHOOLS_PER_CELL} schools per cell`)
  const offset = (pattern - 1) * MAX_SCHOOLS_PER_CELL + school
  return { profileSeed: seedBase + offset, seed: seedBase + 7 * MAX_SCHOOLS_PER_CELL * (1 + slot) + offset }
}

export interface ScaleEstimate {
  id: ScaleId
  /** Respondents with a score on the scale; mean and CI as the report gives them (null where it gives none). */
  n: number
  mean: number | null
  ciLow: number | null
  ciHigh: number | null
  /** The school's true mean on the scale (truth.ts). */
  truth: number
}

export interface SimulatedSchool {
  pattern: PatternValue
  n: number
  school: number
  profileSeed: number
  seed: number
  /** The report's distribution and coordination indices (0..100); null where the report has none. */
  distribution: number | null
  coordination: number | null
  scales: ScaleEstimate[]
}

/** The schools of a study, each scored as its report would score it. Thresholds play no part here. */
export function simulateSchools({ patterns = PATTERN_VALUES, sizes = STUDY_SIZES, schoolsPerCell, seedBase, instrument = dlV1 }: StudyOptions): SimulatedSchool[] {
  const itemCounts = itemCountsOf(instrument)
  const out: SimulatedSchool[] = []
  for (const pattern of patterns) {
    for (let school = 0; school < schoolsPerCell; school++) {
      const { profileSeed } = studySeeds(seedBase, pattern, sizes[0]!, school)
      const truth = trueScaleMeans(schoolProfile(instrument, pattern, seededRandom(profileSeed)))
      for (const n of sizes) {
        const { seed } = studySeeds(seedBase, pattern, n, school)
        const bodies = generateResponses({ instrument, pattern, respondents: n, seed, profileSeed })
        const rows = bodies.map((b) => ({ answers: answersInOrder(instrument, b), role: b.role ?? null, nowPattern: b.nowPattern ?? null, aimPattern: b.aimPattern ?? null }))
        const plan = planRelease({ phase: 'closed', releaseMode: 'at_close', k: DEFAULT_K, responseCount: rows.length })
        const disclosed = plan.released ? disclose(tallyResponses(instrument, rows), plan, DEFAULT_K, itemCounts) : null
        // As buildReport: the indices are the means of respondent scores (60 % rule) on 0..100.
        const index = (key: 'distribution' | 'coordination') => {
          const bins = disclosed?.overall[key]
          return bins ? toIndex(scoreSummary(bins, itemCounts[key]).mean!) : null
        }
        out.push({
          pattern,
          n,
          school,
          profileSeed,
          seed,
          distribution: index('distribution'),
          coordination: index('coordination'),
          scales: instrument.scales.map((scale) => {
            const bins = disclosed?.overall[scale.id]
            const s = bins ? scoreSummary(bins, scale.items.length) : null
            return { id: scale.id, n: s?.n ?? 0, mean: s?.mean ?? null, ciLow: s?.ciLow ?? null, ciHigh: s?.ciHigh ?? null, truth: truth.get(scale.id)! }
          }),
        })
      }
    }
  }
  return out
}

/** The pattern a school's report would show under `map`; null where it shows no evidence position. */
export function placeSchool(school: SimulatedSchool, map: PatternMap = PATTERN_MAP): PatternValue | null {
  return school.distribution === null || school.coordination === null ? null : evidencePattern(school.distribution, school.coordination, map)
}

export interface RecoveryCell {
  pattern: PatternValue
  n: number
  schools: number
  /** Share placed in the pattern they were generated from. */
  exact: number
  /** Share placed at most one pattern away in the continuum's numbering (so anarchy's neighbour is assertive only). */
  withinOne: number
  /** How many were placed in each pattern (index 0 = pattern 1). */
  confusion: number[]
  /** Schools whose report shows no evidence position (too few scores to disclose). */
  unplaced: number
}

export interface CoverageCell {
  covered: number
  /** Scale results with a CI. */
  total: number
  /** Scale results without a CI (fewer than two scores, or withheld): left out of `total`. */
  noInterval: number
  /** Of the misses, how many had the truth below the interval (the interval too high). */
  missedLow: number
  rate: number
}

export interface CoverageResult {
  byN: { n: number; cell: CoverageCell }[]
  byScale: { n: number; scale: ScaleId; cell: CoverageCell }[]
  byPatternScale: { n: number; pattern: PatternValue; scale: ScaleId; cell: CoverageCell }[]
}

export interface StudyResult {
  seedBase: number
  schoolsPerCell: number
  map: PatternMap
  recovery: RecoveryCell[]
  coverage: CoverageResult
  /** The schools themselves, to re-place under another map without simulating again. */
  schools: SimulatedSchool[]
}

/** Recovery by (pattern, size) for one map. Cheap: re-run it for every candidate map when tuning. */
export function recoveryOf(schools: readonly SimulatedSchool[], map: PatternMap = PATTERN_MAP): RecoveryCell[] {
  const cells = new Map<string, RecoveryCell>()
  for (const school of schools) {
    const key = `${school.pattern}:${school.n}`
    const cell = cells.get(key) ?? cells.set(key, { pattern: school.pattern, n: school.n, schools: 0, exact: 0, withinOne: 0, confusion: [0, 0, 0, 0, 0, 0, 0], unplaced: 0 }).get(key)!
    cell.schools++
    const placed = placeSchool(school, map)
    if (placed === null) {
      cell.unplaced++
      continue
    }
    cell.confusion[placed - 1]!++
    if (placed === school.pattern) cell.exact++
    if (Math.abs(placed - school.pattern) <= 1) cell.withinOne++
  }
  return [...cells.values()].map((c) => ({ ...c, exact: c.exact / c.schools, withinOne: c.withinOne / c.schools }))
}

/** CI coverage of the true scale means, pooled by size, by (size, scale) and by (size, pattern, scale). */
export function coverageOf(schools: readonly SimulatedSchool[]): CoverageResult {
  const cells = new Map<string, Omit<CoverageCell, 'rate'>>()
  const add = (key: string, s: ScaleEstimate) => {
    const cell = cells.get(key) ?? cells.set(key, { covered: 0, total: 0, noInterval: 0, missedLow: 0 }).get(key)!
    if (s.ciLow === null || s.ciHigh === null) {
      cell.noInterval++
      return
    }
    cell.total++
    if (s.ciLow <= s.truth && s.truth <= s.ciHigh) cell.covered++
    else if (s.truth < s.ciLow) cell.missedLow++
  }
  for (const school of schools) {
    for (const s of school.scales) {
      add(`${school.n}`, s)
      add(`${school.n}:${s.id}`, s)
      add(`${school.n}:${school.pattern}:${s.id}`, s)
    }
  }
  const get = (key: string): CoverageCell => {
    const c = cells.get(key) ?? { covered: 0, total: 0, noInterval: 0, missedLow: 0 }
    return { ...c, rate: c.total === 0 ? NaN : c.covered / c.total }
  }
  const sizes = [...new Set(schools.map((s) => s.n))]
  const patterns = [...new Set(schools.map((s) => s.pattern))]
  const scales = schools[0]?.scales.map((s) => s.id) ?? []
  return {
    byN: sizes.map((n) => ({ n, cell: get(`${n}`) })),
    byScale: sizes.flatMap((n) => scales.map((scale) => ({ n, scale, cell: get(`${n}:${scale}`) }))),
    byPatternScale: sizes.flatMap((n) => patterns.flatMap((pattern) => scales.map((scale) => ({ n, pattern, scale, cell: get(`${n}:${pattern}:${scale}`) })))),
  }
}

/** The study: recovery of the evidence position and coverage of the CIs, per pattern and size. */
export function runStudy(options: StudyOptions): StudyResult {
  const map = options.map ?? PATTERN_MAP
  const schools = simulateSchools(options)
  return { seedBase: options.seedBase, schoolsPerCell: options.schoolsPerCell, map, recovery: recoveryOf(schools, map), coverage: coverageOf(schools), schools }
}

/** Recovery pooled over patterns at one size (every pattern weighs the same: cells are equal in size). */
export function pooledRecovery(cells: readonly RecoveryCell[], n: number): { exact: number; withinOne: number } {
  const at = cells.filter((c) => c.n === n)
  const mean = (f: (c: RecoveryCell) => number) => at.reduce((sum, c) => sum + f(c), 0) / at.length
  return { exact: mean((c) => c.exact), withinOne: mean((c) => c.withinOne) }
}
