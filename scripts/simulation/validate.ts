import { modelCuts, MODEL_DIMENSIONS, patternAt, patternProbabilities, placeSchool, PLACEMENT_MODEL, type DimensionEstimate, type ModelDimension, type ModelPoint, type PlacementModel } from '../../shared/domain/placement.ts'
import { seededRandom } from '../../shared/domain/random.ts'
import { carelessness, responseStyle } from '../../shared/domain/response-style.ts'
import { PATTERN_VALUES, type PatternValue } from '../../shared/instrument/types.ts'
import { buildModel, generateSchool, pointInRegion, trueSchool, type IrtConfig, type IrtModel } from './irt.ts'

// The validation study of the dl-v2 placement against the independent IRT generator (irt.ts):
// schools drawn over each pattern's whole region, surveyed at n = 5, 10, 20 and 50, placed by the
// report's own code (placeSchool), and compared with the truth. Seeded: the same options give the
// same numbers everywhere. The model error τ is tuned on the TRAINING seeds of configuration A
// only (tuneModelSd); every reported figure comes from the TEST seeds, of A and of the held-out B.

export const SIZES = [5, 10, 20, 50] as const
export const TRAINING_SEED_BASE = 21_000_000
export const TEST_SEED_BASE = 25_000_000

export interface SimSchool {
  pattern: PatternValue
  point: ModelPoint
  /** Distance (index points) from the true point to the nearest border with another pattern. */
  distance: number
  n: number
  dimensions: Record<ModelDimension, DimensionEstimate | null>
  /** The same school and staff with every respondent agreeing half a point more. */
  shiftedDimensions: Record<ModelDimension, DimensionEstimate | null>
}

export function boundaryDistance(point: ModelPoint, model: PlacementModel = PLACEMENT_MODEL): number {
  const own = patternAt(point, model)
  let best = Infinity
  const cuts = modelCuts(model)
  for (const dim of MODEL_DIMENSIONS) {
    for (const cut of cuts[dim]) {
      const moved = { ...point, [dim]: point[dim] < cut ? cut + 1e-6 : cut - 1e-6 }
      if (patternAt(moved, model) !== own) best = Math.min(best, Math.abs(point[dim] - cut))
    }
  }
  return best
}

/**
 * Whether two patterns' regions touch in the model's space: some border, crossed on one dimension,
 * leads from one to the other (a pattern touches itself). Anarchy touches progressive delegation and
 * all three distributed patterns; those three touch each other. An additional reading beside the
 * issue's "within one" (the continuum's numbering), not a replacement for it.
 */
export function touching(a: number, b: number, model: PlacementModel = PLACEMENT_MODEL): boolean {
  if (a === b) return true
  const cuts = modelCuts(model)
  // a point inside each interval between the cuts of each dimension: the cells the regions are made of
  const inside = (c: number[]) => [c[0]! - 1, ...c.slice(1).map((x, i) => (c[i]! + x) / 2), c[c.length - 1]! + 1]
  const cells = MODEL_DIMENSIONS.reduce<ModelPoint[]>(
    (points, dim) => points.flatMap((p) => inside(cuts[dim]).map((x) => ({ ...p, [dim]: x }))),
    [{ spread: 0, coordination: 0, initiative: 0, contest: 0 }],
  )
  return cells.some((cell) =>
    MODEL_DIMENSIONS.some((dim) => {
      const next = inside(cuts[dim]).find((x) => x > cell[dim])
      if (next === undefined) return false
      const pair = [patternAt(cell, model), patternAt({ ...cell, [dim]: next }, model)]
      return (pair[0] === a && pair[1] === b) || (pair[0] === b && pair[1] === a)
    }),
  )
}

export function simulate(irt: IrtModel, seedBase: number, schoolsPerPattern: number, sizes: readonly number[] = SIZES): SimSchool[] {
  const out: SimSchool[] = []
  for (const pattern of PATTERN_VALUES) {
    for (let i = 0; i < schoolsPerPattern; i++) {
      const random = seededRandom(seedBase + pattern * 10_000 + i)
      const school = trueSchool(irt, pointInRegion(pattern, random), random)
      sizes.forEach((n, slot) => {
        const seed = seedBase + 100_000 * (1 + slot) + pattern * 10_000 + i
        const staff = generateSchool(irt, school, n, seededRandom(seed))
        const shifted = generateSchool(irt, school, n, seededRandom(seed), { agreementShift: 0.5 })
        out.push({
          pattern: school.pattern,
          point: school.point,
          distance: boundaryDistance(school.point),
          n,
          dimensions: placeSchool(irt.instrument, staff).dimensions,
          shiftedDimensions: placeSchool(irt.instrument, shifted).dimensions,
        })
      })
    }
  }
  return out
}

export const argmax = (p: readonly number[]) => p.reduce((best, x, i) => (x > p[best]! ? i : best), 0) + 1

/** Brier score (sum over the seven patterns of squared error), mean over schools. */
export function brier(schools: readonly SimSchool[], model: PlacementModel): number {
  let total = 0
  for (const s of schools) {
    const p = patternProbabilities(s.dimensions, model)
    p.forEach((q, k) => (total += (q - (k + 1 === s.pattern ? 1 : 0)) ** 2))
  }
  return total / schools.length
}

/** τ for each dimension, by coordinate descent on the Brier score of the training schools. */
export function tuneModelSd(training: readonly SimSchool[], start: PlacementModel = PLACEMENT_MODEL, log: (line: string) => void = () => {}): PlacementModel {
  const candidates = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12]
  let model = start
  for (let pass = 1; pass <= 3; pass++) {
    let changed = false
    for (const dim of MODEL_DIMENSIONS) {
      const scored = candidates.map((tau) => ({ tau, score: brier(training, { ...model, modelSd: { ...model.modelSd, [dim]: tau } }) }))
      const best = scored.reduce((a, b) => (b.score < a.score - 1e-6 ? b : a))
      if (best.tau !== model.modelSd[dim]) {
        changed = true
        model = { ...model, modelSd: { ...model.modelSd, [dim]: best.tau } }
      }
    }
    log(`pass ${pass}: τ ${MODEL_DIMENSIONS.map((d) => `${d} ${model.modelSd[d]}`).join(', ')}; Brier ${brier(training, model).toFixed(4)}`)
    if (!changed) break
  }
  return model
}

/** Pairs of schools that differ only in initiative and contest: one emergent, one assertive, same spread and coordination. */
export function separationStudy(irt: IrtModel, seedBase: number, pairs: number, n: number, model: PlacementModel = PLACEMENT_MODEL): { schools: number; correct: number; pairs: number; pairsBoth: number } {
  let schools = 0
  let correct = 0
  let pairsSeen = 0
  let both = 0
  for (let i = 0; i < pairs; i++) {
    const random = seededRandom(seedBase + 900_000 + i)
    const emergent = pointInRegion(5, random)
    const assertive = { ...emergent, initiative: 50 + 45 * random.next(), contest: 50 + 45 * random.next() }
    const twins = ([[emergent, 5], [assertive, 6]] as const).map(([point, want], k) => {
      const school = trueSchool(irt, point, random)
      const staff = generateSchool(irt, school, n, seededRandom(seedBase + 950_000 + 2 * i + k))
      const p = patternProbabilities(placeSchool(irt.instrument, staff, model).dimensions, model)
      // splitting a point into parts can move it a little: a twin whose truth left its pattern is not counted
      return school.pattern !== want ? null : want === 5 ? p[4]! > p[5]! : p[5]! > p[4]!
    })
    for (const t of twins) if (t !== null) (schools++, t && correct++)
    if (twins.every((t) => t !== null)) {
      pairsSeen++
      if (twins.every((t) => t === true)) both++
    }
  }
  return { schools, correct, pairs: pairsSeen, pairsBoth: both }
}

export interface QualityResult {
  kind: 'random' | 'straight' | 'attentive'
  respondents: number
  straightLining: number
  inconsistent: number
  acquiescent: number
  /** Left out of the placement (straight-lining or inconsistent). */
  leftOut: number
}

/** How well the response-style indicators find the generator's careless and acquiescent staff (schools of n). */
export function qualityStudy(irt: IrtModel, seedBase: number, schoolsPerPattern: number, n: number): { rows: QualityResult[]; agreementCorrelation: number } {
  const rows = new Map<QualityResult['kind'], QualityResult>()
  const pairs: [number, number][] = []
  for (const pattern of PATTERN_VALUES) {
    for (let i = 0; i < schoolsPerPattern; i++) {
      const random = seededRandom(seedBase + 700_000 + pattern * 10_000 + i)
      const school = trueSchool(irt, pointInRegion(pattern, random), random)
      const truths: { careless: 'random' | 'straight' | null; agreement: number }[] = []
      const staff = generateSchool(irt, school, n, random, { onRespondent: (t) => truths.push(t) })
      const styles = staff.map((r) => responseStyle(irt.instrument, r.likert))
      const flags = carelessness(styles)
      styles.forEach((style, k) => {
        const kind = truths[k]!.careless ?? 'attentive'
        const row = rows.get(kind) ?? rows.set(kind, { kind, respondents: 0, straightLining: 0, inconsistent: 0, acquiescent: 0, leftOut: 0 }).get(kind)!
        row.respondents++
        if (style.straightLining) row.straightLining++
        if (flags[k]!.inconsistent) row.inconsistent++
        if (style.acquiescent) row.acquiescent++
        if (flags[k]!.careless) row.leftOut++
        if (kind === 'attentive' && style.agreement !== null) pairs.push([style.agreement, truths[k]!.agreement])
      })
    }
  }
  const mean = (f: (p: [number, number]) => number) => pairs.reduce((a, p) => a + f(p), 0) / pairs.length
  const mx = mean((p) => p[0])
  const my = mean((p) => p[1])
  const cov = mean((p) => (p[0] - mx) * (p[1] - my))
  const sx = Math.sqrt(mean((p) => (p[0] - mx) ** 2))
  const sy = Math.sqrt(mean((p) => (p[1] - my) ** 2))
  return { rows: (['attentive', 'random', 'straight'] as const).map((k) => rows.get(k)!).filter(Boolean), agreementCorrelation: cov / (sx * sy) }
}

export { buildModel, type IrtConfig }
