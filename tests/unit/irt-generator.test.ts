import { describe, expect, it } from 'vitest'
import { patternAt, patternProbabilities } from '../../shared/domain/placement.ts'
import { seededRandom } from '../../shared/domain/random.ts'
import { respondentDimensions } from '../../shared/domain/response-style.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { PATTERN_VALUES } from '../../shared/instrument/types.ts'
import { buildModel, CONFIG_A, CONFIG_B, generateSchool, pointInRegion, trueSchool, type IrtConfig } from '../../scripts/simulation/irt.ts'
import { argmax, simulate, TEST_SEED_BASE, touching } from '../../scripts/simulation/validate.ts'

// The validation generator's truth: a school's true index on each part is what a very large staff
// answers with no response style, no careless answers and no "Don't know". Checked here by brute force.

const styleFree = (config: IrtConfig): IrtConfig => ({
  ...config,
  acquiescence: { mean: 0, sd: 0 },
  extremeSd: 0,
  positionSd: 0,
  carelessRate: 0,
  dontKnow: { base: 0, supportOnAuthority: 0, lowViewSlope: 0 },
})

describe('the IRT validation generator', () => {
  it('draws schools inside the region of the pattern asked for', () => {
    const random = seededRandom(7)
    for (const pattern of PATTERN_VALUES) for (let i = 0; i < 50; i++) expect(patternAt(pointInRegion(pattern, random))).toBe(pattern)
  })

  for (const config of [CONFIG_A, CONFIG_B]) {
    it(`gives a large style-free staff the true index of every part (configuration ${config.name})`, () => {
      const model = buildModel(dlV2, styleFree(config))
      const random = seededRandom(3)
      const school = trueSchool(model, { spread: 30, coordination: 70, initiative: 40, contest: 60 }, random)
      const staff = generateSchool(model, school, 4000, seededRandom(4))
      const dims = staff.map((r) => respondentDimensions(dlV2, r))
      const mean = (f: (d: (typeof dims)[number]) => number | null) => {
        const xs = dims.map(f).filter((v): v is number => v !== null)
        return xs.reduce((a, b) => a + b, 0) / xs.length
      }
      expect(mean((d) => d.authority)).toBeCloseTo(school.parts.get('authority')!.truth, 0)
      expect(mean((d) => d.contest)).toBeCloseTo(school.parts.get('contest')!.truth, 0)
      expect(mean((d) => d.coordination)).toBeCloseTo(school.parts.get('coordination')!.truth, 0)
      expect(mean((d) => d.scales.get('shared_power') ?? null)).toBeCloseTo(1 + (school.parts.get('shared_power')!.truth / 100) * 4, 1)
      expect(Math.abs(mean((d) => d.breadth) - school.parts.get('breadth')!.truth)).toBeLessThan(1.5)
    })
  }

  it('knows which regions touch in the model\'s space (the additional reading beside "within one")', () => {
    const touches = (a: (typeof PATTERN_VALUES)[number]) => PATTERN_VALUES.filter((b) => touching(a, b))
    expect(touches(1)).toEqual([1, 2])
    expect(touches(3)).toEqual([2, 3, 4, 5, 6, 7])
    expect(touches(7)).toEqual([3, 4, 5, 6, 7])
    expect(touching(4, 6)).toBe(true)
    expect(touching(2, 7)).toBe(false)
  })

  // A seeded slice of `npm run simulate` (30 schools per pattern at n = 20; measured 87.6 % / 87.1 %
  // exact and 7.6 % / 4.3 % changed by the shift): the placement must meet the bars.
  for (const config of [CONFIG_A, CONFIG_B]) {
    it(`places schools of 20 and resists a +0.5 agreement shift (configuration ${config.name})`, () => {
      const schools = simulate(buildModel(dlV2, config), TEST_SEED_BASE, 30, [20])
      const placed = (s: (typeof schools)[number], shifted = false) => argmax(patternProbabilities(shifted ? s.shiftedDimensions : s.dimensions))
      expect(schools.filter((s) => placed(s) === s.pattern).length / schools.length).toBeGreaterThanOrEqual(0.85)
      expect(schools.filter((s) => placed(s) !== placed(s, true)).length / schools.length).toBeLessThanOrEqual(0.1)
    }, 60_000)
  }
})
