import { patternAt, PLACEMENT_MODEL, type ModelPoint, type PlacementModel } from '../../shared/domain/placement.ts'
import { seededRandom, type Random } from '../../shared/domain/random.ts'
import type { V2Response } from '../../shared/domain/response-style.ts'
import { ROLE_MIX } from '../../shared/domain/synthetic.ts'
import { HALLMARK_IDS, keyingOf, MAP_ROLE_IDS, PATTERN_VALUES, type Instrument, type PatternValue, type RoleId } from '../../shared/instrument/types.ts'

// An independent generator for validating the dl-v2 placement: ordinal item response theory, not
// the placement's own model run backwards. It shares nothing with the scoring code except the
// instrument (which items exist, their keying) and the definition of the regions (which pattern a
// true point belongs to).
//
// A school is a true point on the four dimensions, drawn uniformly over its pattern's whole region
// (within 5..95), split into true values of its parts (eight hallmarks, authority, map breadth,
// coordination scale, coherence, initiative, contest) that scatter around it. "True" means the
// mean a school's staff would give with no response style, no careless answers and no "Don't know":
// for each part the generator computes that expectation exactly (Gauss–Hermite quadrature over
// staff and roles) and finds the latent school level that produces it.
//
// A respondent has a role (role effects shift every part), correlated personal deviations (one
// common factor), an agreement style (added to every agree/disagree answer before it is cut into
// categories), an extreme style (stretching answers away from the middle), a habit of picking the
// first or second statement of a pair, and may be careless (random answers or one answer
// throughout). Each item has its own discrimination, location and category thresholds. "Don't
// know" depends on the item, the role and how low the respondent's own view is (informative).

export type Part =
  | (typeof HALLMARK_IDS)[number]
  | 'coordination'
  | 'authority'
  | 'initiative'
  | 'coherence'
  | 'contest'
  | 'breadth'

export interface IrtConfig {
  name: string
  /** Seed of the item parameters: the instrument as this population reads it. */
  itemSeed: number
  discrimination: readonly [number, number]
  /** Item locations (index points). */
  locationSd: number
  /** Jitter of category thresholds (scale points). */
  thresholdJitter: number
  noise: 'logistic' | 'normal'
  /** Scale of the answer noise (scale points; for logistic, the scale parameter). */
  noiseScale: number
  /** Staff spread around the school on each part (index points), and the share of it that is common to all parts. */
  personSd: number
  commonFactor: number
  /** Shift of each role on every part except contest (index points), and on contest. */
  roleShift: Record<RoleId | 'unstated', number>
  roleContestShift: Record<RoleId | 'unstated', number>
  acquiescence: { mean: number; sd: number }
  /** Log-sd of the extreme-style multiplier. */
  extremeSd: number
  /** Sd of the habit of choosing the first statement of a pair (scale points). */
  positionSd: number
  carelessRate: number
  dontKnow: { base: number; supportOnAuthority: number; lowViewSlope: number }
  /** School-level scatter of the parts around the school's point (index points). */
  partSd: number
}

/** The configuration the placement's model error was tuned on (training seeds) and first reported on (test seeds). */
export const CONFIG_A: IrtConfig = {
  name: 'A (tuned on)',
  itemSeed: 101,
  discrimination: [0.7, 1.4],
  locationSd: 8,
  thresholdJitter: 0.15,
  noise: 'logistic',
  noiseScale: 0.45,
  personSd: 14,
  commonFactor: 0.5,
  roleShift: { senior_leader: 10, middle_leader: 4, teacher: 0, support_staff: -4, other: -2, unstated: -3 },
  roleContestShift: { senior_leader: -6, middle_leader: 0, teacher: 2, support_staff: -2, other: 0, unstated: 0 },
  acquiescence: { mean: 0.15, sd: 0.3 },
  extremeSd: 0.25,
  positionSd: 0.2,
  carelessRate: 0.07,
  dontKnow: { base: 0.03, supportOnAuthority: 0.08, lowViewSlope: 0.06 },
  partSd: 8,
}

/** A held-out configuration, never tuned on: other items, more noise, stronger styles, more careless staff, larger role effects. */
export const CONFIG_B: IrtConfig = {
  name: 'B (held out)',
  itemSeed: 202,
  discrimination: [0.5, 1.8],
  locationSd: 12,
  thresholdJitter: 0.3,
  noise: 'normal',
  noiseScale: 0.75,
  personSd: 18,
  commonFactor: 0.3,
  roleShift: { senior_leader: 15, middle_leader: 6, teacher: 0, support_staff: -8, other: -4, unstated: -5 },
  roleContestShift: { senior_leader: -10, middle_leader: 2, teacher: 4, support_staff: -4, other: 0, unstated: 0 },
  acquiescence: { mean: 0.3, sd: 0.4 },
  extremeSd: 0.4,
  positionSd: 0.3,
  carelessRate: 0.1,
  dontKnow: { base: 0.05, supportOnAuthority: 0.12, lowViewSlope: 0.1 },
  partSd: 12,
}

const ROLES = ROLE_MIX.map(([role, w]) => [role ?? 'unstated', w] as const)
const ROLE_TOTAL = ROLES.reduce((s, [, w]) => s + w, 0)

interface ItemParams {
  part: Part
  /** +1: agreeing (or the second statement, or a higher option) means more of the part; −1 the reverse. */
  sign: 1 | -1
  a: number
  b: number
  thresholds: number[]
  kind: 'likert' | 'pair' | 'origin'
}

interface MapParams {
  /** Per area, per non-senior role: discrimination and location of "seen to lead". */
  a: number[][]
  b: number[][]
}

export interface IrtModel {
  config: IrtConfig
  instrument: Instrument
  likert: ItemParams[]
  pairs: ItemParams[]
  origin: ItemParams
  map: MapParams
  /** Per part, the expected true index on a grid of latent school levels, to invert. */
  grid: number[]
  expected: Map<Part, number[]>
}

const NON_SENIOR = MAP_ROLE_IDS.filter((r) => r !== 'senior_leaders')
const PARTS: Part[] = [...HALLMARK_IDS, 'coordination', 'authority', 'initiative', 'coherence', 'contest', 'breadth']

function sortedThresholds(random: Random, base: number[], jitter: number): number[] {
  return base.map((t) => t + random.normal(0, jitter)).sort((x, y) => x - y)
}

export function buildModel(instrument: Instrument, config: IrtConfig): IrtModel {
  const random = seededRandom(config.itemSeed)
  const [aLo, aHi] = config.discrimination
  const draw = (part: Part, sign: 1 | -1, kind: ItemParams['kind']): ItemParams => ({
    part,
    sign,
    kind,
    a: aLo + (aHi - aLo) * random.next(),
    b: random.normal(0, config.locationSd),
    thresholds: sortedThresholds(random, kind === 'likert' ? [1.5, 2.5, 3.5, 4.5] : [1.5, 2.5, 3.5], config.thresholdJitter),
  })
  const likert = instrument.scales.flatMap((s) => s.items.map((item) => draw(s.id as Part, keyingOf(item) === 'negative' ? -1 : 1, 'likert')))
  const pairs = instrument.patternBlock!.pairs.map((p) => draw(p.dimension as Part, p.high === 'second' ? 1 : -1, 'pair'))
  const origin = draw('initiative', 1, 'origin')
  const areas = instrument.leadershipMap!.areas.length
  const map: MapParams = {
    a: Array.from({ length: areas }, () => NON_SENIOR.map(() => aLo + (aHi - aLo) * random.next())),
    // support staff are seen to lead less often than teachers, teachers than middle leaders
    b: Array.from({ length: areas }, () => NON_SENIOR.map((_, r) => random.normal([-12, 0, 12][r]!, config.locationSd))),
  }
  const model: IrtModel = { config, instrument, likert, pairs, origin, map, grid: [], expected: new Map() }
  for (let mu = -80; mu <= 180; mu += 2) model.grid.push(mu)
  for (const part of PARTS) model.expected.set(part, model.grid.map((mu) => expectedPart(model, part, mu)))
  return model
}

// Answer probabilities.

function noiseCdf(config: IrtConfig, x: number): number {
  if (config.noise === 'logistic') return 1 / (1 + Math.exp(-x / config.noiseScale))
  return normalCdf(x / config.noiseScale)
}

function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x)
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}

/** The latent answer before noise and style, on the item's own scale (middle 3 for agree/disagree, 2.5 otherwise). */
function latentAnswer(item: ItemParams, theta: number): number {
  const middle = item.kind === 'likert' ? 3 : 2.5
  const unit = item.kind === 'likert' ? 25 : 100 / 3
  return middle + item.sign * item.a * ((theta - 50 - item.b) / unit)
}

/** Expected keyed answer as an index 0..100, style-free. */
function expectedKeyedIndex(model: IrtModel, item: ItemParams, theta: number): number {
  const y = latentAnswer(item, theta)
  let expectedRaw = 1
  for (const t of item.thresholds) expectedRaw += noiseCdf(model.config, y - t)
  const top = item.thresholds.length + 1
  const keyedValue = item.sign === 1 ? expectedRaw : top + 1 - expectedRaw
  return ((keyedValue - 1) / (top - 1)) * 100
}

function expectedMapBreadth(model: IrtModel, theta: number): number {
  let sum = 0
  let count = 0
  model.map.a.forEach((as, area) =>
    as.forEach((a, r) => {
      sum += 1 / (1 + Math.exp((-a * (theta - 50 - model.map.b[area]![r]!)) / 12))
      count++
    }),
  )
  return (sum / count) * 100
}

// E[f(Z)] for Z standard normal: a trapezoid on ±8 sd in steps of 0.4 (the integrands are smooth,
// so this is exact to well below the figures reported).
const NODES = Array.from({ length: 41 }, (_, i) => -8 + 0.4 * i)
const WEIGHTS = NODES.map((z) => (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * 0.4)

/** The true (style-free, expected) index of one part for a school whose latent level is `mu`, over its staff and roles. */
export function expectedPart(model: IrtModel, part: Part, mu: number): number {
  const items =
    part === 'breadth'
      ? []
      : part === 'authority' || part === 'initiative' || part === 'coherence' || part === 'contest'
        ? model.pairs.filter((i) => i.part === part)
        : model.likert.filter((i) => i.part === part)
  let total = 0
  for (const [role, w] of ROLES) {
    const shift = part === 'contest' ? model.config.roleContestShift[role] : model.config.roleShift[role]
    let e = 0
    for (let k = 0; k < NODES.length; k++) {
      const theta = mu + shift + model.config.personSd * NODES[k]!
      let value: number
      if (part === 'breadth') value = expectedMapBreadth(model, theta)
      else {
        const pairMean = items.reduce((s, item) => s + expectedKeyedIndex(model, item, theta), 0) / items.length
        value = part === 'initiative' ? (2 * pairMean + expectedKeyedIndex(model, model.origin, theta)) / 3 : pairMean
      }
      e += WEIGHTS[k]! * value
    }
    total += (w / ROLE_TOTAL) * e
  }
  return total
}

/** The latent school level whose expected index on `part` is `target` (linear interpolation on the grid; monotone). */
export function latentFor(model: IrtModel, part: Part, target: number): number {
  const values = model.expected.get(part)!
  if (target <= values[0]!) return model.grid[0]!
  for (let i = 1; i < values.length; i++) {
    if (values[i]! >= target) {
      const f = (target - values[i - 1]!) / (values[i]! - values[i - 1]!)
      return model.grid[i - 1]! + f * (model.grid[i]! - model.grid[i - 1]!)
    }
  }
  return model.grid[model.grid.length - 1]!
}

// Schools.

export const SAMPLE_RANGE = [5, 95] as const

/** A point drawn uniformly over a pattern's region (within SAMPLE_RANGE on every dimension), by rejection. */
export function pointInRegion(pattern: PatternValue, random: Random, model: PlacementModel = PLACEMENT_MODEL): ModelPoint {
  const [lo, hi] = SAMPLE_RANGE
  const u = () => lo + (hi - lo) * random.next()
  // narrow the spread draw to where the pattern can be, so rejection stays cheap
  const [b1, b2, b3] = model.spreadBounds
  const spreadRange: Record<PatternValue, [number, number]> = { 1: [lo, b1], 2: [b1, b2], 3: [b2, b3], 4: [b3, hi], 5: [b3, hi], 6: [b3, hi], 7: [b3, hi] }
  for (;;) {
    const [s0, s1] = spreadRange[pattern]
    const point = { spread: s0 + (s1 - s0) * random.next(), coordination: u(), initiative: u(), contest: u() }
    if (patternAt(point, model) === pattern) return point
  }
}

export interface TrueSchool {
  pattern: PatternValue
  point: ModelPoint
  /** True index of every part, and the latent level that gives it. */
  parts: Map<Part, { truth: number; latent: number }>
}

/** Splits a school's point into its parts: each part scatters around its dimension, the scatter centred so the weighted parts give the point back. */
export function trueSchool(model: IrtModel, point: ModelPoint, random: Random, placement: PlacementModel = PLACEMENT_MODEL): TrueSchool {
  const sd = model.config.partSd
  const clamp = (x: number) => Math.min(98, Math.max(2, x))
  const centred = (centre: number, weights: readonly number[]) => {
    const offsets = weights.map(() => random.normal(0, sd))
    const mean = offsets.reduce((s, o, i) => s + o * weights[i]!, 0) / weights.reduce((a, b) => a + b, 0)
    return offsets.map((o) => clamp(centre + o - mean))
  }
  const w = placement.spreadWeights
  const [distribution, authority, breadth] = centred(point.spread, [w.distribution, w.authority, w.breadth])
  const c = placement.coordinationWeights
  const [coordination, coherence] = centred(point.coordination, [c.coordination, c.coherence])
  const hallmarks = centred(distribution!, HALLMARK_IDS.map(() => 1))
  const truths = new Map<Part, number>([
    ...HALLMARK_IDS.map((id, i) => [id as Part, hallmarks[i]!] as const),
    ['coordination', coordination!],
    ['authority', authority!],
    ['breadth', breadth!],
    ['coherence', coherence!],
    ['initiative', clamp(point.initiative)],
    ['contest', clamp(point.contest)],
  ])
  const parts = new Map([...truths].map(([part, truth]) => [part, { truth, latent: latentFor(model, part, truth) }] as const))
  // the true point is what the parts give (clamping can move it slightly)
  const hall = HALLMARK_IDS.reduce((s, id) => s + truths.get(id as Part)!, 0) / HALLMARK_IDS.length
  const truePoint: ModelPoint = {
    spread: (w.distribution * hall + w.authority * truths.get('authority')! + w.breadth * truths.get('breadth')!) / (w.distribution + w.authority + w.breadth),
    coordination: (c.coordination * truths.get('coordination')! + c.coherence * truths.get('coherence')!) / (c.coordination + c.coherence),
    initiative: truths.get('initiative')!,
    contest: truths.get('contest')!,
  }
  return { pattern: patternAt(truePoint, placement), point: truePoint, parts }
}

// Respondents.

export interface ResponseOptions {
  /** Added to every respondent's agreement style (scale points): the "+0.5 agreement shift". */
  agreementShift?: number
  /** Told, for each respondent in order, what the generator knows and the scoring does not. */
  onRespondent?: (truth: { careless: 'random' | 'straight' | null; agreement: number; extreme: number }) => void
}

function logisticNoise(random: Random, scale: number): number {
  const u = Math.min(1 - 1e-12, Math.max(1e-12, random.next()))
  return scale * Math.log(u / (1 - u))
}

function category(y: number, thresholds: readonly number[]): number {
  let c = 1
  for (const t of thresholds) if (y > t) c++
  return c
}

/** `n` respondents of a school. */
export function generateSchool(model: IrtModel, school: TrueSchool, n: number, random: Random, options: ResponseOptions = {}): V2Response[] {
  const { config } = model
  const out: V2Response[] = []
  const noise = () => (config.noise === 'logistic' ? logisticNoise(random, config.noiseScale) : random.normal(0, config.noiseScale))
  for (let r = 0; r < n; r++) {
    const role = random.weighted(ROLES)
    const common = random.normal()
    const theta = new Map<Part, number>()
    for (const part of PARTS) {
      const shift = part === 'contest' ? config.roleContestShift[role] : config.roleShift[role]
      const own = Math.sqrt(config.commonFactor) * common + Math.sqrt(1 - config.commonFactor) * random.normal()
      theta.set(part, school.parts.get(part)!.latent + shift + config.personSd * own)
    }
    const agreement = random.normal(config.acquiescence.mean, config.acquiescence.sd) + (options.agreementShift ?? 0)
    const stretch = Math.exp(random.normal(0, config.extremeSd))
    const position = random.normal(0, config.positionSd)
    const careless = random.next() < config.carelessRate ? (random.next() < 0.5 ? 'random' : 'straight') : null
    const straight = 1 + random.int(5)
    options.onRespondent?.({ careless, agreement, extreme: stretch })
    const dontKnow = (item: ItemParams, t: number) => {
      let p = config.dontKnow.base + config.dontKnow.lowViewSlope / (1 + Math.exp((t - 35) / 8))
      if (role === 'support_staff' && (item.part === 'authority' || item.part === 'shared_power' || item.part === 'community_engagement')) p += config.dontKnow.supportOnAuthority
      return random.next() < p
    }
    const likert = model.likert.map((item) => {
      if (careless === 'random') return 1 + random.int(5)
      if (careless === 'straight') return straight
      const t = theta.get(item.part)!
      if (dontKnow(item, t)) return null
      const y = 3 + (latentAnswer(item, t) - 3) * stretch + agreement + noise()
      return category(y, item.thresholds)
    })
    const pairs = model.pairs.map((item) => {
      if (careless) return 1 + random.int(4)
      const t = theta.get(item.part)!
      if (dontKnow(item, t)) return null
      // the answer as keyed towards the second statement is latentAnswer for sign +1; a habit of choosing the first pulls it down
      const y = 2.5 + (latentAnswer(item, t) - 2.5) * stretch - position + (options.agreementShift ?? 0) + noise()
      return category(y, item.thresholds)
    })
    const originTheta = theta.get('initiative')!
    const origin = careless ? 1 + random.int(4) : random.next() < config.dontKnow.base ? null : category(latentAnswer(model.origin, originTheta) + noise(), model.origin.thresholds)
    const breadthTheta = theta.get('breadth')!
    const coordinationTheta = theta.get('coordination')!
    const map = model.map.a.map((as, area) => {
      if (careless) return random.next() < 0.5 ? ['dont_know'] : NON_SENIOR.filter(() => random.next() < 0.5)
      if (random.next() < config.dontKnow.base * 2 + (role === 'support_staff' && area < 2 ? 0.1 : 0)) return ['dont_know']
      if (random.next() < 0.25 / (1 + Math.exp((coordinationTheta - 30) / 8))) return ['no_one_clear']
      const ticked: string[] = random.next() < 0.85 ? ['senior_leaders'] : []
      NON_SENIOR.forEach((role, k) => {
        if (random.next() < 1 / (1 + Math.exp((-as[k]! * (breadthTheta - 50 - model.map.b[area]![k]!)) / 12))) ticked.push(role)
      })
      return ticked.length ? ticked : ['senior_leaders']
    })
    out.push({
      likert,
      pairs,
      origin,
      map: map.map((m) => (m.length ? m : ['dont_know'])),
      role: role === 'unstated' ? null : role,
      nowPattern: null,
      aimPattern: null,
    })
  }
  return out
}

export const PATTERNS = PATTERN_VALUES
