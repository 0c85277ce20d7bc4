import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  differenceOfMeans,
  estimateDimension,
  MODEL_DIMENSIONS,
  patternAt,
  patternProbabilities,
  perceivedPosition,
  perceptionGap,
  placementWords,
  placeSchool,
  PLACEMENT_MODEL,
  respondentPoint,
  riskFlags,
  scaleReliability,
  type DimensionEstimate,
  type ModelDimension,
} from '../../shared/domain/placement.ts'
import { carelessness, respondentDimensions, responseStyle, type V2Response } from '../../shared/domain/response-style.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { itemOrder, keyingOf, MAP_ROLE_IDS } from '../../shared/instrument/types.ts'

const items = dlV2.scales.flatMap((s) => s.items)
const pairs = dlV2.patternBlock!.pairs
const areas = dlV2.leadershipMap!.areas

/** A respondent who sees `level` (1..5, keyed) on every scale, and the pattern block at the given keyed pair levels (1..4). */
function respondent(level: number, pairLevels: Partial<Record<string, number>>, origin: number | null, map: string[]): V2Response {
  return {
    likert: items.map((item) => (keyingOf(item) === 'negative' ? 6 - level : level)),
    pairs: pairs.map((p) => {
      const k = pairLevels[p.dimension] ?? null
      return k === null ? null : p.high === 'second' ? k : 5 - k
    }),
    origin,
    map: areas.map(() => map),
    role: 'teacher',
    nowPattern: null,
    aimPattern: null,
  }
}

const estimate = (mean: number, sd = 10, n = 20): DimensionEstimate => ({ n, df: n - 1, mean, sd, se: sd / Math.sqrt(n), low: mean, high: mean })
const label = (p: number) => dlV2.continuum.patterns.find((x) => x.value === p)!.label

describe('the dl-v2 placement', () => {
  it('places a school where all staff describe guided distribution as most likely guided', () => {
    const staff = Array.from({ length: 12 }, (_, i) =>
      respondent(i % 2 ? 4 : 5, { authority: 3, initiative: 1 + (i % 2), coherence: 4, contest: 1 }, 2, ['senior_leaders', 'middle_leaders', 'teachers']),
    )
    const placement = placeSchool(dlV2, staff)
    expect(placement.mostLikely).toBe(4)
    expect(placement.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10)
    expect(placementWords(placement.probabilities, label)).toMatch(/guided distribution \((over )?\d+ %\)/)
  })

  it('separates emergent from assertive by contest alone', () => {
    const staff = (contest: number) =>
      Array.from({ length: 20 }, (_, i) => respondent(4 + (i % 2), { authority: 3, initiative: 4, coherence: 4, contest: contest + (i % 2) }, 3, ['middle_leaders', 'teachers', 'support_staff']))
    expect(placeSchool(dlV2, staff(1)).mostLikely).toBe(5)
    expect(placeSchool(dlV2, staff(3)).mostLikely).toBe(6)
  })

  it('has no cliff at any border: a tiny move of any dimension moves every probability a little', () => {
    const cuts = { spread: [22, 38, 52], coordination: [40], initiative: [50], contest: [50] }
    const base = { spread: estimate(70), coordination: estimate(60), initiative: estimate(60), contest: estimate(30) }
    for (const dim of MODEL_DIMENSIONS) {
      for (const cut of cuts[dim]) {
        const at = (x: number) => patternProbabilities({ ...base, [dim]: estimate(x) } as Record<ModelDimension, DimensionEstimate>)
        const below = at(cut - 0.01)
        const above = at(cut + 0.01)
        for (let k = 0; k < 7; k++) expect(Math.abs(above[k]! - below[k]!), `${dim} at ${cut}, pattern ${k + 1}`).toBeLessThan(0.01)
      }
    }
  })

  it('counts every dimension in the uncertainty: a school on the initiative border is near 50/50 however sure its spread is', () => {
    const p = patternProbabilities({ spread: estimate(80, 5, 50), coordination: estimate(70, 5, 50), initiative: estimate(50), contest: estimate(20) })
    expect(p[3]).toBeGreaterThan(0.4)
    expect(p[3]).toBeLessThan(0.6)
  })

  it('keeps a smooth, finite answer when every respondent answers alike', () => {
    const staff = Array.from({ length: 8 }, () => respondent(4, { authority: 3, initiative: 3, coherence: 3, contest: 2 }, 3, ['teachers']))
    const p = placeSchool(dlV2, staff).probabilities
    expect(p.every((x) => Number.isFinite(x))).toBe(true)
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10)
    expect(estimateDimension([50, 50, 50, 50, 50], 0)!.se).toBeGreaterThan(0)
  })

  it('leaves careless answers out of the placement and counts them: one answer throughout, or statements that say the same thing answered at random', () => {
    const attentive = Array.from({ length: 12 }, (_, i) => respondent(1 + (i % 2), { authority: 1, initiative: 1, coherence: 3, contest: 1 }, 1, ['senior_leaders']))
    const sameAnswer = { ...attentive[0]!, likert: items.map(() => 5) }
    const atRandom = { ...attentive[0]!, likert: items.map((_, i) => (Math.floor(i / 2) % 2 ? 5 : 1)) }
    const flags = carelessness([...attentive, sameAnswer, atRandom].map((r) => responseStyle(dlV2, r.likert)))
    expect(flags.slice(-2)).toEqual([{ inconsistent: false, careless: true }, { inconsistent: true, careless: true }])
    expect(flags.slice(0, -2).some((f) => f.careless)).toBe(false)
    const alone = placeSchool(dlV2, attentive)
    const mixed = placeSchool(dlV2, [...attentive, sameAnswer, sameAnswer, atRandom, atRandom])
    expect(mixed.dimensions).toEqual(alone.dimensions)
    expect(mixed.probabilities).toEqual(alone.probabilities)
    expect(mixed.respondents).toBe(16)
    expect(mixed.quality).toMatchObject({ straightLining: 2, inconsistent: 2 })
  })

  it('takes no one for a random responder when the whole school answers noisily: the bar rises with the school\'s own spread', () => {
    const style = (spread: number) => ({ ...responseStyle(dlV2, items.map(() => 3)), straightLining: false, spread })
    const calm = [...Array.from({ length: 9 }, (_, i) => style(0.7 + i * 0.02)), style(1.3)]
    const noisy = [...Array.from({ length: 9 }, (_, i) => style(1.0 + i * 0.05)), style(1.3)]
    expect(carelessness(calm).at(-1)).toEqual({ inconsistent: true, careless: true })
    expect(carelessness(noisy).at(-1)).toEqual({ inconsistent: false, careless: false })
  })

  it('moves no scale score when every answer agrees one point more (balanced keying)', () => {
    const honest = respondent(3, { authority: 2, initiative: 2, coherence: 3, contest: 2 }, 2, ['teachers'])
    const shifted = { ...honest, likert: honest.likert.map((v) => Math.min(5, v! + 1)) }
    const a = respondentDimensions(dlV2, honest)
    const b = respondentDimensions(dlV2, shifted)
    for (const [id, score] of a.scales) expect(b.scales.get(id), id).toBeCloseTo(score!, 10)
    expect(responseStyle(dlV2, shifted.likert).agreement! - responseStyle(dlV2, honest.likert).agreement!).toBeCloseTo(1, 10)
  })

  it('never lowers any score or index when one answer moves one step towards more of what it measures (property)', () => {
    const order = itemOrder(dlV2)
    const answer = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null, freq: 5 })
    const pairAnswer = fc.option(fc.integer({ min: 1, max: 4 }), { nil: null, freq: 5 })
    const mapAnswer = fc.oneof(
      fc.subarray([...MAP_ROLE_IDS], { minLength: 1 }),
      fc.constant(['no_one_clear']),
      fc.constant(['dont_know']),
      fc.constant(null),
    )
    const response = fc.record({
      likert: fc.array(answer, { minLength: order.length, maxLength: order.length }),
      pairs: fc.array(pairAnswer, { minLength: pairs.length, maxLength: pairs.length }),
      origin: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
      map: fc.array(mapAnswer, { minLength: areas.length, maxLength: areas.length }),
    })
    const scores = (r: V2Response) => {
      const d = respondentDimensions(dlV2, r)
      const point = respondentPoint(d)
      return [...d.scales.values(), d.distribution, d.coordination, d.authority, d.initiative, d.coherence, d.contest, d.breadth, ...Object.values(point)]
    }
    fc.assert(
      fc.property(response, fc.nat(), (raw, pick) => {
        const before: V2Response = { ...raw, role: null, nowPattern: null, aimPattern: null }
        const after: V2Response = { ...before, likert: [...before.likert], pairs: [...before.pairs], map: [...before.map] }
        const slots = order.length + pairs.length + 1 + areas.length
        const at = pick % slots
        if (at < order.length) {
          const v = before.likert[at]
          if (v == null) return
          const up = keyingOf(items[at]!) === 'negative' ? v - 1 : v + 1
          if (up < 1 || up > 5) return
          ;(after.likert as (number | null)[])[at] = up
        } else if (at < order.length + pairs.length) {
          const i = at - order.length
          const v = before.pairs[i]
          if (v == null) return
          const up = pairs[i]!.high === 'second' ? v + 1 : v - 1
          if (up < 1 || up > 4) return
          ;(after.pairs as (number | null)[])[i] = up
        } else if (at === order.length + pairs.length) {
          if (before.origin === null || before.origin === 4) return
          after.origin = before.origin + 1
        } else {
          const i = at - order.length - pairs.length - 1
          const ticked = before.map[i]
          if (!ticked || ticked.includes('no_one_clear') || ticked.includes('dont_know')) return
          const missing = MAP_ROLE_IDS.find((r) => !ticked.includes(r))
          if (!missing) return
          ;(after.map as (readonly string[] | null)[])[i] = [...ticked, missing]
        }
        const a = scores(before)
        const b = scores(after)
        a.forEach((x, k) => {
          if (x === null) expect(b[k]).toBeNull()
          else expect(b[k]!).toBeGreaterThanOrEqual(x - 1e-9)
        })
      }),
      { numRuns: 2000, seed: 11 },
    )
  })
})

describe('school estimates', () => {
  it("never fall when one respondent's value rises (the trimmed mean is monotone; property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 60 }), fc.nat(), fc.double({ min: 0, max: 100, noNaN: true }), (values, pick, rise) => {
        const i = pick % values.length
        const after = values.map((v, k) => (k === i ? Math.min(100, v + rise) : v))
        expect(estimateDimension(after, 0)!.mean).toBeGreaterThanOrEqual(estimateDimension(values, 0)!.mean - 1e-9)
      }),
      { numRuns: 2000, seed: 12 },
    )
  })
})

describe('the perceived position', () => {
  it('says when staff split into two separated camps, and not when votes merely spread', () => {
    expect(perceivedPosition([5, 1, 0, 0, 4, 1, 0], null).split).toMatchObject({ low: 1, high: 5 })
    expect(perceivedPosition([0, 2, 4, 5, 3, 1, 0], null).split).toBeNull()
  })

  it('gives the chance that a staff vote is a pattern the evidence supports', () => {
    const evidence = [0, 0, 0, 0.7, 0.3, 0, 0]
    expect(perceivedPosition([0, 0, 0, 10, 0, 0, 0], evidence).matchWithEvidence).toBeCloseTo(0.7)
  })
})

describe('small figures', () => {
  it('gives differences of means with a Welch interval, clear only beyond noise', () => {
    expect(differenceOfMeans([4, 4.5, 5, 4.5], [2, 2.5, 2, 1.5])!.clear).toBe(true)
    expect(differenceOfMeans([4, 2, 5, 3], [3, 4, 2, 4])!.clear).toBe(false)
  })

  it('gives the perception gap per scale with an interval', () => {
    const staff = Array.from({ length: 16 }, (_, i) => ({ ...respondent(i < 6 ? 4 + (i % 2) : 2 + (i % 2), {}, null, []), role: i < 6 ? ('senior_leader' as const) : ('teacher' as const) }))
    const gap = perceptionGap(dlV2, staff)
    expect(gap).toHaveLength(9)
    for (const g of gap) {
      expect(g.difference.difference).toBeCloseTo(2, 10)
      expect(g.difference.clear).toBe(true)
    }
  })

  it('fires a flag only when both of its items lie below neutral beyond sampling noise', () => {
    const low = Array.from({ length: 10 }, (_, i) => respondent(i % 2 ? 1 : 2, { coherence: 1 }, null, ['teachers']))
    const mixed = Array.from({ length: 10 }, (_, i) => respondent(i % 2 ? 1 : 5, { coherence: 1 }, null, ['teachers']))
    expect(riskFlags(dlV2, low).every((f) => f.fires)).toBe(true)
    expect(riskFlags(dlV2, mixed).some((f) => f.fires)).toBe(false)
  })

  it('gives reliability with an interval around it', () => {
    const staff = Array.from({ length: 30 }, (_, i) => {
      const r = respondent(1 + (i % 5), {}, null, [])
      r.likert = r.likert.map((v, k) => (k % 7 === i % 7 ? null : v))
      return r
    })
    const r = scaleReliability(dlV2, staff, 'shared_power')!
    expect(r.low).toBeLessThan(r.alpha)
    expect(r.alpha).toBeLessThan(r.high)
    expect(r.alpha).toBeGreaterThan(0.9)
  })

  it('estimates a dimension with an interval that widens with model error', () => {
    const values = [40, 50, 60, 55, 45]
    const a = estimateDimension(values, 0)!
    const b = estimateDimension(values, 5)!
    expect(b.high - b.low).toBeGreaterThan(a.high - a.low)
    expect(patternAt({ spread: 60, coordination: 30, initiative: 70, contest: 70 }, PLACEMENT_MODEL)).toBe(7)
  })
})
