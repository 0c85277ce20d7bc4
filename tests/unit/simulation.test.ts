import { beforeAll, describe, expect, it } from 'vitest'
import { disclose, planRelease } from '../../shared/domain/anonymity.ts'
import { PATTERN_MAP, type PatternMap } from '../../shared/domain/continuum.ts'
import { seededRandom } from '../../shared/domain/random.ts'
import { buildReport, itemCountsOf } from '../../shared/domain/report.ts'
import { answersInOrder, generateResponses, schoolProfile } from '../../shared/domain/synthetic.ts'
import { tallyResponses } from '../../shared/domain/tally.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { PATTERN_VALUES } from '../../shared/instrument/types.ts'
import type { SurveyReport } from '../../shared/schemas/reports.ts'
import { placeSchool, pooledRecovery, recoveryOf, runStudy, STUDY_SIZES, studySeeds, TEST_SEED_BASE, type RecoveryCell, type StudyResult } from '../../scripts/simulation/study.ts'
import { expectedScaleScore, populationScaleMeans, trueScaleMeans } from '../../scripts/simulation/truth.ts'

// DESIGN.md §7: the evidence position and the CIs, checked on simulated schools (the test seeds;
// `npm run simulate:v1` runs the same study on 400 schools per cell, and docs/scoring.md reports it).
// The study is seeded, so this test always sees the same schools: the first SCHOOLS of each cell
// of the full study. Its bars sit a little below what the full study measures, so that they hold
// for this subset as for the whole, and well above what a mis-set map gives (a test below shows it).

const SCHOOLS = 150

/** The documented accuracy (docs/scoring.md, "Simulation study"), as lower bounds. */
const BARS = {
  /** DESIGN.md's bar: at n = 20, every pattern within one pattern of the truth in at least 95 % of schools. */
  withinOneEveryPattern: { 20: 0.95, 50: 0.95 },
  /** Measured: 100 % at n = 20 and 50. */
  withinOnePooled: { 20: 0.995, 50: 0.995 },
  /** Measured: the weakest pattern 93.3 % at n = 20 (emergent), 96.8 % at n = 50 (emergent). */
  exactEveryPattern: { 20: 0.9, 50: 0.95 },
  /** Measured: 96.8 % at n = 20, 99.2 % at n = 50. */
  exactPooled: { 20: 0.95, 50: 0.98 },
} as const

function unmetBars(cells: readonly RecoveryCell[]): string[] {
  const unmet: string[] = []
  for (const n of [20, 50] as const) {
    for (const c of cells.filter((c) => c.n === n)) {
      if (c.withinOne < BARS.withinOneEveryPattern[n]) unmet.push(`pattern ${c.pattern} at n = ${n}: within one ${c.withinOne}`)
      if (c.exact < BARS.exactEveryPattern[n]) unmet.push(`pattern ${c.pattern} at n = ${n}: exact ${c.exact}`)
    }
    const pooled = pooledRecovery(cells, n)
    if (pooled.exact < BARS.exactPooled[n]) unmet.push(`all patterns at n = ${n}: exact ${pooled.exact}`)
    if (pooled.withinOne < BARS.withinOnePooled[n]) unmet.push(`all patterns at n = ${n}: within one ${pooled.withinOne}`)
  }
  return unmet
}

describe('simulation study (test seeds)', () => {
  let study: StudyResult
  // about 6 s on 2 idle cores; allow for a busy machine
  beforeAll(() => {
    study = runStudy({ schoolsPerCell: SCHOOLS, seedBase: TEST_SEED_BASE })
  }, 60_000)

  it('covers every pattern at every size', () => {
    expect(study.recovery).toHaveLength(PATTERN_VALUES.length * STUDY_SIZES.length)
    expect(study.recovery.every((c) => c.schools === SCHOOLS)).toBe(true)
  })

  it('places schools of 20 and 50 staff as accurately as docs/scoring.md says', () => {
    expect(unmetBars(study.recovery)).toEqual([])
  })

  it('places small schools at least within one pattern nearly always', () => {
    expect(pooledRecovery(study.recovery, 5).withinOne).toBeGreaterThanOrEqual(0.97)
    expect(pooledRecovery(study.recovery, 10).withinOne).toBeGreaterThanOrEqual(0.99)
  })

  it('gives 95 % CIs of the scale means that cover the true means about 95 % of the time from n = 20', () => {
    for (const { n, cell } of study.coverage.byN.filter((c) => c.n >= 20)) {
      expect(cell.noInterval, `n = ${n}`).toBe(0)
      expect(cell.rate, `n = ${n}`).toBeGreaterThanOrEqual(0.93)
      expect(cell.rate, `n = ${n}`).toBeLessThanOrEqual(0.97)
    }
    for (const { n, scale, cell } of study.coverage.byScale.filter((c) => c.n >= 20)) {
      expect(cell.rate, `${scale} at n = ${n}`).toBeGreaterThanOrEqual(0.92)
    }
  })

  it('fails its own bars when the map is mis-set', () => {
    const broken: Record<string, PatternMap> = {
      'two bounds swapped': { ...PATTERN_MAP, distributionBounds: [PATTERN_MAP.distributionBounds[0], PATTERN_MAP.distributionBounds[2], PATTERN_MAP.distributionBounds[1], PATTERN_MAP.distributionBounds[3], PATTERN_MAP.distributionBounds[4]] },
      'every bound 5 points high': { ...PATTERN_MAP, distributionBounds: PATTERN_MAP.distributionBounds.map((b) => b + 5) as unknown as PatternMap['distributionBounds'] },
      'anarchy needs coordination below 15': { ...PATTERN_MAP, anarchyMaxCoordination: 15 },
    }
    for (const [name, map] of Object.entries(broken)) expect(unmetBars(recoveryOf(study.schools, map)), name).not.toEqual([])
  })
})

describe('the study scores schools as the report does', () => {
  const survey: SurveyReport['survey'] = {
    id: 1, title: 'T', schoolId: 1, schoolName: 'S', phase: 'closed', opensAt: '2026-01-01T00:00:00.000Z', closesAt: '2026-01-15T00:00:00.000Z',
    k: 5, releaseMode: 'at_close', expectedStaff: null, instrumentVersion: 'dl-v1', accessMode: 'link', codeCustodianName: null,
    timeZone: 'Europe/London', opensOn: '2026-01-01', closesOn: '2026-01-15', closedAt: null, responseCount: 0, responseCountPrecision: 'exact',
  }
  const study = runStudy({ patterns: [3, 7], sizes: [5, 20], schoolsPerCell: 3, seedBase: TEST_SEED_BASE })

  it.each(study.schools.map((s) => [s.pattern, s.n, s.school, s] as const))('pattern %d, n = %d, school %d: same evidence position and CIs', (pattern, n, school, simulated) => {
    const { profileSeed, seed } = studySeeds(TEST_SEED_BASE, pattern, n, school)
    expect([simulated.profileSeed, simulated.seed]).toEqual([profileSeed, seed])
    const bodies = generateResponses({ instrument: dlV1, pattern, respondents: n, seed, profileSeed })
    const rows = bodies.map((b) => ({ answers: answersInOrder(dlV1, b), role: b.role ?? null, nowPattern: b.nowPattern ?? null, aimPattern: b.aimPattern ?? null }))
    const plan = planRelease({ phase: 'closed', releaseMode: 'at_close', k: 5, responseCount: n })
    const report = buildReport({ instrument: dlV1, survey, plan, disclosed: disclose(tallyResponses(dlV1, rows), plan, 5, itemCountsOf(dlV1)), comments: [], overlays: { previous: null, trust: null } })
    expect(report.continuum.evidence?.pattern ?? null).toBe(placeSchool(simulated))
    expect(report.scales.map((s) => [s.id, s.n ?? 0, s.mean, s.ciLow, s.ciHigh])).toEqual(simulated.scales.map((s) => [s.id, s.n, s.mean, s.ciLow, s.ciHigh]))
  })
})

describe('true scale means', () => {
  it('are pulled towards the middle by rounding and clamping to 1..5', () => {
    expect(expectedScaleScore(3)).toBeCloseTo(3 + 0.08 * 0.35, 2)
    expect(expectedScaleScore(1.4)).toBeGreaterThan(1.5)
    expect(expectedScaleScore(4.6)).toBeLessThan(4.5)
  })

  it('match a population of 20 000 staff drawn from the same school profile', () => {
    const pattern = 6
    const { profileSeed } = studySeeds(TEST_SEED_BASE, pattern, 5, 0)
    const exact = trueScaleMeans(schoolProfile(dlV1, pattern, seededRandom(profileSeed)))
    for (const [id, s] of populationScaleMeans({ instrument: dlV1, pattern, profileSeed, seed: 9_000_006, respondents: 20_000 })) {
      const standardError = s.sd! / Math.sqrt(s.n)
      expect(Math.abs(s.mean! - exact.get(id)!), id).toBeLessThan(4 * standardError)
    }
  })
})

describe('generateResponses with a profile seed', () => {
  it('draws the profile from the profile seed and the staff from the seed', () => {
    const options = { instrument: dlV1, pattern: 4 as const, respondents: 30, profileSeed: 77 }
    const a = generateResponses({ ...options, seed: 1 })
    expect(generateResponses({ ...options, seed: 1 })).toEqual(a)
    expect(generateResponses({ ...options, seed: 2 })).not.toEqual(a)
    expect(generateResponses({ ...options, seed: 1, profileSeed: 78 })).not.toEqual(a)
    expect(generateResponses({ ...options, seed: 1, profileSeed: undefined })).toEqual(generateResponses({ instrument: dlV1, pattern: 4, respondents: 30, seed: 1 }))
  })
})
