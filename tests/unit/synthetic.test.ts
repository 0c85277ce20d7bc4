import { describe, expect, it } from 'vitest'
import { evidencePattern, toIndex } from '../../shared/domain/continuum.ts'
import { seededRandom } from '../../shared/domain/random.ts'
import { answersInOrder, generateResponses } from '../../shared/domain/synthetic.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { HALLMARK_IDS, PATTERN_VALUES } from '../../shared/instrument/types.ts'
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
