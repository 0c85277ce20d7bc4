import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { evidencePattern, toIndex } from '../../shared/domain/continuum.ts'
import { seededRandom } from '../../shared/domain/random.ts'
import { patternAt, placeSchool } from '../../shared/domain/placement.ts'
import type { V2Response } from '../../shared/domain/response-style.ts'
import { answersInOrder, generateResponses, PATTERN_POINTS } from '../../shared/domain/synthetic.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { HALLMARK_IDS, PATTERN_VALUES, type PatternValue } from '../../shared/instrument/types.ts'
import { SubmitResponseBodySchema, toSubmission } from '../../shared/schemas/forms.ts'

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

describe('seededRandom', () => {
  it('repeats itself for a seed and differs across seeds', () => {
    const a = seededRandom(42)
    const b = seededRandom(42)
    const first = Array.from({ length: 5 }, () => a.next())
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first)
    expect(seededRandom(43).next()).not.toBe(first[0])
    const normals = Array.from({ length: 20_000 }, () => a.normal(10, 2))
    expect(mean(normals)).toBeCloseTo(10, 1)
  })
})

describe('generateResponses', () => {
  it('is reproducible: the same seed gives the same responses', () => {
    const options = { instrument: dlV1, pattern: 4 as const, respondents: 12, seed: 99 }
    expect(generateResponses(options)).toEqual(generateResponses(options))
    expect(generateResponses({ ...options, seed: 100 })).not.toEqual(generateResponses(options))
  })

  it('makes responses the API accepts, with some "Don\'t know" and skipped items', () => {
    const bodies = generateResponses({ instrument: dlV1, pattern: 5, respondents: 60, seed: 1 })
    expect(bodies).toHaveLength(60)
    for (const body of bodies) expect(toSubmission(dlV1, SubmitResponseBodySchema.parse(body)).ok).toBe(true)
    const values = bodies.flatMap((b) => Object.values(b.answers))
    expect(values.filter((v) => v === null).length).toBeGreaterThan(0)
    expect(bodies.some((b) => Object.keys(b.answers).length < 45)).toBe(true)
  })

  it.each(PATTERN_VALUES)('draws a large school of pattern %d back to its own region of the map', (pattern) => {
    const bodies = generateResponses({ instrument: dlV1, pattern, respondents: 400, seed: pattern })
    const order = dlV1.scales.flatMap((s) => s.items.map((i) => ({ id: i.id, scale: s.id })))
    const scaleMean = (ids: readonly string[]) => {
      const values = bodies.flatMap((b) => answersInOrder(dlV1, b).filter((v, i): v is number => v !== null && ids.includes(order[i]!.scale)))
      return mean(values)
    }
    const distribution = toIndex(scaleMean(HALLMARK_IDS))
    const coordination = toIndex(scaleMean(['coordination']))
    expect(Math.abs(evidencePattern(distribution, coordination) - pattern)).toBeLessThanOrEqual(pattern === 7 ? 0 : 1)
  })
})

describe('generateResponses for dl-v1', () => {
  it('gives the same responses for a seed as before dl-v2 generation was added', () => {
    // The hash was computed on main before the dl-v2 branch of the generator existed: the demo's
    // and the benchmarks' dl-v1 data stay what they were.
    const runs = PATTERN_VALUES.flatMap((pattern) => [
      generateResponses({ instrument: dlV1, pattern, respondents: 30, seed: 7 + pattern }),
      generateResponses({ instrument: dlV1, pattern, respondents: 30, seed: 7 + pattern, profileSeed: 3 }),
    ])
    expect(createHash('sha256').update(JSON.stringify(runs)).digest('hex')).toBe('8b3b443d60c4389dc21a2f4e0f65976aa0e93a68a9303b5033955d3eb399c070')
  })
})

/** A dl-v2 school as the API would store it, in the shape the placement reads. */
function v2School(pattern: PatternValue, respondents: number, seed: number): V2Response[] {
  return generateResponses({ instrument: dlV2, pattern, respondents, seed }).map((body) => {
    const checked = toSubmission(dlV2, SubmitResponseBodySchema.parse(body))
    if (!checked.ok) throw new Error(JSON.stringify(checked.mismatches))
    const { answers, pairs, origin, map, role, nowPattern, aimPattern } = checked.submission
    return { likert: answers, pairs, origin, map, role, nowPattern, aimPattern }
  })
}

describe('generateResponses for dl-v2', () => {
  it('puts every pattern\'s point inside its own region of the placement', () => {
    for (const pattern of PATTERN_VALUES) expect(patternAt(PATTERN_POINTS[pattern])).toBe(pattern)
  })

  it.each(PATTERN_VALUES)('places schools of 30 generated for pattern %d in that pattern most of the time', (pattern) => {
    const seeds = Array.from({ length: 10 }, (_, i) => 100 * (i + 1) + pattern)
    const placed = seeds.map((seed) => placeSchool(dlV2, v2School(pattern, 30, seed)).mostLikely)
    expect(placed.filter((p) => p === pattern).length).toBeGreaterThanOrEqual(7)
  })

  it('answers every part the API accepts: reverse-keyed items the other way, pairs, origin, a map with "Don\'t know"', () => {
    const distributed = v2School(6, 60, 5)
    const topDown = v2School(2, 60, 5)
    const order = dlV2.scales.flatMap((s) => s.items)
    const rawMean = (school: V2Response[], keying: 'positive' | 'negative') =>
      mean(school.flatMap((r) => r.likert.filter((v, i): v is number => v !== null && order[i]!.keying === keying)))
    // staff of a distributed school agree with the positive items and disagree with the reversed ones; the reverse in a top-down school
    expect(rawMean(distributed, 'positive')).toBeGreaterThan(3.5)
    expect(rawMean(distributed, 'negative')).toBeLessThan(2.5)
    expect(rawMean(topDown, 'positive')).toBeLessThan(2.8)
    expect(rawMean(topDown, 'negative')).toBeGreaterThan(3.2)
    for (const school of [distributed, topDown]) {
      expect(school.every((r) => r.pairs.length === 8 && r.map.length === 6)).toBe(true)
      expect(school.some((r) => r.pairs.includes(null))).toBe(true)
      expect(school.some((r) => r.map.some((a) => a?.[0] === 'dont_know'))).toBe(true)
      expect(school.filter((r) => r.origin !== null).length).toBeGreaterThan(50)
    }
    // a wider spread is seen on the map: more non-senior groups lead each area
    const groups = (school: V2Response[]) => mean(school.flatMap((r) => r.map.flatMap((a) => (a && a[0] !== 'dont_know' && a[0] !== 'no_one_clear' ? [a.filter((g) => g !== 'senior_leaders').length] : []))))
    expect(groups(distributed)).toBeGreaterThan(groups(topDown) + 1)
  })

  it('tells emergent from assertive by the pairs on contest, and guided from both by initiative', () => {
    const dims = (pattern: PatternValue) => placeSchool(dlV2, v2School(pattern, 40, 9)).dimensions
    const [guided, emergent, assertive] = [dims(4), dims(5), dims(6)]
    expect(emergent.contest!.high).toBeLessThan(assertive.contest!.low)
    expect(guided.initiative!.high).toBeLessThan(emergent.initiative!.low)
    expect(guided.initiative!.high).toBeLessThan(assertive.initiative!.low)
  })
})
