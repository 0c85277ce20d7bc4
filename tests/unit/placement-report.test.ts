import { describe, expect, it } from 'vitest'
import { placementSection } from '../../shared/domain/placement-report.ts'
import { seededRandom } from '../../shared/domain/random.ts'
import type { V2Response } from '../../shared/domain/response-style.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { buildModel, CONFIG_A, generateSchool, trueSchool } from '../../scripts/simulation/irt.ts'

const irt = buildModel(dlV2, CONFIG_A)
const school = trueSchool(irt, { spread: 75, coordination: 70, initiative: 80, contest: 20 }, seededRandom(1))
const staff = (n: number, seed = 2): V2Response[] => generateSchool(irt, school, n, seededRandom(seed)).map((r, i) => ({ ...r, nowPattern: 4 + (i % 2), role: i < 6 ? 'senior_leader' : 'teacher' }))
const contestPairs = dlV2.patternBlock!.pairs.flatMap((p, i) => (p.dimension === 'contest' ? [i] : []))

describe('the dl-v2 report section', () => {
  it('shows nothing below k responses', () => {
    expect(placementSection(dlV2, staff(4), 5)).toBeNull()
  })

  it('places an emergent school, with every dimension, the map, the vote and the gap', () => {
    const section = placementSection(dlV2, staff(30), 5)!
    expect(section.mostLikely).toBe(5)
    expect(section.words).toMatch(/emergent distribution \((over )?\d+ %\)/)
    expect(section.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10)
    for (const d of Object.values(section.dimensions)) expect(d!.low).toBeLessThanOrEqual(d!.mean)
    expect(section.map.every((a) => a.shares !== null)).toBe(true)
    expect(section.perceived.n).toBe(30)
    expect(section.perceptionGap).toHaveLength(9)
  })

  it('leaves out a dimension fewer than k answered, so its patterns share the probability evenly', () => {
    const answers = staff(20).map((r, i) => (i < 3 ? r : { ...r, pairs: r.pairs.map((v, p) => (contestPairs.includes(p) ? null : v)) }))
    const section = placementSection(dlV2, answers, 5)!
    expect(section.dimensions.contest).toBeNull()
    expect(section.probabilities[4]! / section.probabilities[5]!).toBeCloseTo(1, 6)
  })

  it('withholds a map area fewer than k named leaders for, and the gap when senior leaders are fewer than k', () => {
    const answers = staff(12).map((r, i) => ({ ...r, role: i < 3 ? ('senior_leader' as const) : ('teacher' as const), map: r.map.map((m, a) => (a === 0 && i >= 3 ? ['dont_know'] : m)) }))
    const section = placementSection(dlV2, answers, 5)!
    expect(section.map[0]!.shares).toBeNull()
    expect(section.map[0]!.dontKnow).toBeGreaterThanOrEqual(9)
    expect(section.perceptionGap).toBeNull()
  })
})
