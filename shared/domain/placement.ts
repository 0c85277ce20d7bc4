import { itemOrder, keyingOf, PATTERN_VALUES, type Instrument, type PatternValue, type ScaleId } from '../instrument/types.ts'
import { fQuantile, studentTCdf, summarise, type Summary } from './stats.ts'
import { carelessness, keyed, pairIndex, respondentDimensions, responseStyle, weightedMean, type RespondentDimensions, type V2Response } from './response-style.ts'

// The dl-v2 placement: where a school's answers put it among Hargreaves and Fink's seven
// patterns, as a probability for each, with the uncertainty of every dimension it rests on.
// docs/scoring.md, "The dl-v2 placement", documents the model; scripts/simulation/irt.ts
// validates it against an independent generator.
//
// The model in one paragraph. Four dimensions, each 0..100, place a school:
//   spread        = 0.6 distribution (eight hallmarks, balanced keying) + 0.2 authority (pairs) + 0.2 map breadth
//   coordination  = 0.7 coordination scale (balanced) + 0.3 coherence of direction (pairs)
//   initiative    = where leadership comes from (pairs and the "how leadership arises" choice)
//   contest       = how openly direction is contested (pairs)
// Each pattern is a region of that space (PLACEMENT_MODEL, `patternAt`): spread bands for
// autocracy, traditional and progressive delegation; above them, low coordination is anarchy,
// and otherwise initiative from the top is guided distribution, from staff emergent (contest low)
// or assertive (contest high). The school's true point is uncertain: for each dimension a Student
// t distribution centred on the staff's trimmed mean (careless respondents left out), with scale
// √(se² + τ²) (se its standard error, τ the model error the simulation calibrates).
// P(pattern) is the probability of that pattern's region under these (taken as independent),
// exactly, from the t CDF: smooth in every input, with no cliff at any border.

export const MODEL_DIMENSIONS = ['spread', 'coordination', 'initiative', 'contest'] as const
export type ModelDimension = (typeof MODEL_DIMENSIONS)[number]
export type ModelPoint = Record<ModelDimension, number>

export interface PlacementModel {
  spreadWeights: { distribution: number; authority: number; breadth: number }
  coordinationWeights: { coordination: number; coherence: number }
  /** Upper bounds of spread for autocracy, traditional and progressive delegation. */
  spreadBounds: readonly [number, number, number]
  /** Above the delegation bands, coordination below this is anarchy. */
  anarchyBelowCoordination: number
  /** Initiative at or above this comes from staff (emergent or assertive), below it from the top (guided). */
  initiativeBound: number
  /** Contest at or above this is assertive, below it emergent. */
  contestBound: number
  /** τ: model error added to each dimension's sampling error (index points), calibrated on the training seeds. */
  modelSd: ModelPoint
  /** The spread of one respondent's scores assumed where a dimension has a single respondent. */
  singleRespondentSd: number
  /** Share of respondents' values trimmed at each end of a dimension (estimateDimension). */
  trim: number
  /** The smallest respondent spread (index points) a school's estimate assumes: identical answers are not a perfect measurement, and a zero spread would put a cliff back. */
  minSd: number
}

export const PLACEMENT_MODEL: PlacementModel = {
  spreadWeights: { distribution: 0.6, authority: 0.2, breadth: 0.2 },
  coordinationWeights: { coordination: 0.7, coherence: 0.3 },
  spreadBounds: [22, 38, 52],
  anarchyBelowCoordination: 40,
  initiativeBound: 50,
  contestBound: 50,
  modelSd: { spread: 0, coordination: 1, initiative: 2, contest: 3 },
  singleRespondentSd: 25,
  trim: 0.1,
  minSd: 5,
}

/** The pattern whose region holds a point. */
export function patternAt(point: ModelPoint, model: PlacementModel = PLACEMENT_MODEL): PatternValue {
  const [b1, b2, b3] = model.spreadBounds
  if (point.spread < b1) return 1
  if (point.spread < b2) return 2
  if (point.spread < b3) return 3
  if (point.coordination < model.anarchyBelowCoordination) return 7
  if (point.initiative < model.initiativeBound) return 4
  return point.contest < model.contestBound ? 5 : 6
}

/** The borders of the regions on each dimension. */
export function modelCuts(model: PlacementModel = PLACEMENT_MODEL): Record<ModelDimension, number[]> {
  return { spread: [...model.spreadBounds], coordination: [model.anarchyBelowCoordination], initiative: [model.initiativeBound], contest: [model.contestBound] }
}

/** One respondent's point on the four model dimensions (null where they gave nothing to score it). */
export function respondentPoint(d: RespondentDimensions, model: PlacementModel = PLACEMENT_MODEL): Record<ModelDimension, number | null> {
  const s = model.spreadWeights
  const c = model.coordinationWeights
  return {
    spread: weightedMean([[d.distribution, s.distribution], [d.authority, s.authority], [d.breadth, s.breadth]]),
    coordination: weightedMean([[d.coordination, c.coordination], [d.coherence, c.coherence]]),
    initiative: d.initiative,
    contest: d.contest,
  }
}

export interface DimensionEstimate {
  n: number
  /** Degrees of freedom of the t distribution around the estimate (0: a single respondent, normal used). */
  df: number
  mean: number
  sd: number | null
  /** Standard error of the mean. */
  se: number
  /** 95 % interval of the school's value (sampling and model error). */
  low: number
  high: number
}

/**
 * A school's estimate on one dimension from its respondents' values; null with no values. The
 * mean is trimmed (model.trim of the values at each end, rounded down; none below 10 values): a
 * careless respondent the indicators miss sits at the far end of a school that is low or high, and
 * trimming drops them without deciding who they are. A trimmed mean never falls when one value rises.
 * Its standard error is the Tukey–McLaughlin one (winsorised standard deviation / ((1 − 2g/n) √n)),
 * with n − 2g − 1 degrees of freedom.
 */
export function estimateDimension(values: readonly number[], tau: number, model: PlacementModel = PLACEMENT_MODEL): DimensionEstimate | null {
  const n = values.length
  if (n === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const g = Math.floor(model.trim * n)
  const kept = sorted.slice(g, n - g)
  const mean = kept.reduce((a, b) => a + b, 0) / kept.length
  let sd: number | null = null
  let se = model.singleRespondentSd
  if (n >= 2) {
    const winsorised = sorted.map((v) => Math.min(sorted[n - g - 1]!, Math.max(sorted[g]!, v)))
    const wMean = winsorised.reduce((a, b) => a + b, 0) / n
    sd = Math.sqrt(winsorised.reduce((a, v) => a + (v - wMean) ** 2, 0) / (n - 1))
    se = Math.max(sd, model.minSd) / ((1 - (2 * g) / n) * Math.sqrt(n))
  }
  const df = n - 2 * g - 1
  const scale = Math.sqrt(se * se + tau * tau)
  const half = df >= 1 ? tQuantile975(df) * scale : 1.96 * scale
  return { n, df, mean, sd, se, low: Math.max(0, mean - half), high: Math.min(100, mean + half) }
}

const t975 = new Map<number, number>()
function tQuantile975(df: number): number {
  const known = t975.get(df)
  if (known !== undefined) return known
  let lo = 0
  let hi = 100
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2
    if (studentTCdf(mid, df) < 0.975) lo = mid
    else hi = mid
  }
  t975.set(df, (lo + hi) / 2)
  return (lo + hi) / 2
}

/** P(true value < x) for a dimension: Student t around the estimate; uniform on 0..100 when nothing was answered. */
function dimensionCdf(estimate: DimensionEstimate | null, tau: number, x: number): number {
  if (estimate === null) return Math.min(1, Math.max(0, x / 100))
  const scale = Math.sqrt(estimate.se * estimate.se + tau * tau)
  const z = (x - estimate.mean) / scale
  return estimate.df >= 1 ? studentTCdf(z, estimate.df) : normalCdf(z)
}

function normalCdf(z: number): number {
  // Abramowitz and Stegun 7.1.26 via erf; ample for probabilities shown to whole per cent.
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x)
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}

/**
 * P(pattern) for patterns 1..7 (index 0 = pattern 1): the probability, under each dimension's
 * uncertainty, that the school's true point lies in the pattern's region. The regions are boxes
 * cut at `modelCuts`, so the sum over the grid of cells is exact.
 */
export function patternProbabilities(estimates: Record<ModelDimension, DimensionEstimate | null>, model: PlacementModel = PLACEMENT_MODEL): number[] {
  const cuts = modelCuts(model)
  const cells = MODEL_DIMENSIONS.map((dim) => {
    const c = cuts[dim]
    const cdf = c.map((x) => dimensionCdf(estimates[dim], model.modelSd[dim], x))
    return Array.from({ length: c.length + 1 }, (_, i) => ({
      // a point inside interval i, to ask which pattern the interval belongs to
      at: i === 0 ? c[0]! - 1 : i === c.length ? c[c.length - 1]! + 1 : (c[i - 1]! + c[i]!) / 2,
      p: (i === c.length ? 1 : cdf[i]!) - (i === 0 ? 0 : cdf[i - 1]!),
    }))
  })
  const out = [0, 0, 0, 0, 0, 0, 0]
  const walk = (d: number, point: Partial<ModelPoint>, p: number) => {
    if (p === 0) return
    if (d === MODEL_DIMENSIONS.length) {
      out[patternAt(point as ModelPoint, model) - 1]! += p
      return
    }
    for (const cell of cells[d]!) walk(d + 1, { ...point, [MODEL_DIMENSIONS[d]!]: cell.at }, p * cell.p)
  }
  walk(0, {}, 1)
  const total = out.reduce((a, b) => a + b, 0)
  return out.map((p) => p / total)
}

export interface Placement {
  respondents: number
  dimensions: Record<ModelDimension, DimensionEstimate | null>
  /** The parts the dimensions are built from, each estimated the same way (for the report). */
  parts: Record<'distribution' | 'authority' | 'breadth' | 'coordinationScale' | 'coherence', DimensionEstimate | null>
  probabilities: number[]
  mostLikely: PatternValue
  runnerUp: PatternValue
  /** Counts only: how many respondents show each response-style sign (docs/scoring.md, "Quality of the answers"). */
  quality: { straightLining: number; inconsistent: number; acquiescent: number; meanAgreement: number | null }
}

/**
 * The placement of a school from its dl-v2 responses. Careless answers (straight-lining, or
 * inconsistent: `carelessness`) are left out of the dimensions, and counted in `quality`:
 * answers that contradict themselves on balanced statements say nothing about where the school
 * stands, and left in they sit at the middle of every scale and pull a low or high school towards it.
 */
export function placeSchool(instrument: Instrument, responses: readonly V2Response[], model: PlacementModel = PLACEMENT_MODEL): Placement {
  const styles = responses.map((r) => responseStyle(instrument, r.likert))
  const flags = carelessness(styles)
  const dims = responses.filter((_, i) => !flags[i]!.careless).map((r) => respondentDimensions(instrument, r))
  const points = dims.map((d) => respondentPoint(d, model))
  const present = (xs: readonly (number | null)[]) => xs.filter((v): v is number => v !== null)
  const dimensions = Object.fromEntries(
    MODEL_DIMENSIONS.map((dim) => [dim, estimateDimension(present(points.map((p) => p[dim])), model.modelSd[dim], model)]),
  ) as Record<ModelDimension, DimensionEstimate | null>
  const part = (f: (d: RespondentDimensions) => number | null) => estimateDimension(present(dims.map(f)), 0, model)
  const probabilities = patternProbabilities(dimensions, model)
  const order = PATTERN_VALUES.slice().sort((a, b) => probabilities[b - 1]! - probabilities[a - 1]! || a - b)
  const agreements = present(styles.map((s) => s.agreement))
  return {
    respondents: responses.length,
    dimensions,
    parts: {
      distribution: part((d) => d.distribution),
      authority: part((d) => d.authority),
      breadth: part((d) => d.breadth),
      coordinationScale: part((d) => d.coordination),
      coherence: part((d) => d.coherence),
    },
    probabilities,
    mostLikely: order[0]!,
    runnerUp: order[1]!,
    quality: {
      straightLining: styles.filter((s) => s.straightLining).length,
      inconsistent: flags.filter((f) => f.inconsistent).length,
      acquiescent: styles.filter((s) => s.acquiescent).length,
      meanAgreement: agreements.length ? agreements.reduce((a, b) => a + b, 0) / agreements.length : null,
    },
  }
}

/**
 * "70 %" — a probability, never surer than the model: under 1 % and over 99 % are said so, not
 * rounded to 0 % or 100 %.
 */
export function formatProbability(p: number, under = 'under 1 %', over = 'over 99 %', percent = (x: number) => `${Math.round(x * 100)} %`): string {
  if (p < 0.005) return under
  if (p > 0.995) return over
  return percent(p)
}

/** How sure the placement is, in parts a sentence is made of: the most likely pattern, and the next where it has a real chance. */
export interface PlacementLead {
  lead: 'almost_certainly' | 'most_likely' | 'perhaps'
  first: PatternValue
  p1: number
  /** The runner-up, where its chance is at least 10 % (never beside "almost certainly"). */
  second: PatternValue | null
  p2: number
}

export function placementLead(probabilities: readonly number[]): PlacementLead {
  const order = PATTERN_VALUES.slice().sort((a, b) => probabilities[b - 1]! - probabilities[a - 1]! || a - b)
  const [first, second] = [order[0]!, order[1]!]
  const p1 = probabilities[first - 1]!
  const p2 = probabilities[second - 1]!
  const lead = p1 >= 0.9 ? 'almost_certainly' : p1 >= 0.5 ? 'most_likely' : 'perhaps'
  return { lead, first, p1, second: lead !== 'almost_certainly' && p2 >= 0.1 ? second : null, p2 }
}

export function placementWords(probabilities: readonly number[], label: (p: PatternValue) => string): string {
  const { lead, first, p1, second, p2 } = placementLead(probabilities)
  const name = (p: PatternValue) => label(p).toLowerCase()
  const main = `${lead.replace('_', ' ')} ${name(first)} (${formatProbability(p1)})`
  return second === null ? main : `${main}; possibly ${name(second)} (${formatProbability(p2)})`
}

// The perceived position: the whole vote, and whether staff are split.

export interface PerceivedPosition {
  votes: number[]
  n: number
  shares: number[]
  /** Two separated camps: two patterns at least two apart, each with at least SPLIT.minShare of the votes, with few votes between. */
  split: { low: PatternValue; high: PatternValue; lowShare: number; highShare: number } | null
  /** The chance that one staff member's choice is a pattern the evidence puts the school in: Σ share × P(pattern). */
  matchWithEvidence: number | null
}

export const SPLIT = { minShare: 0.2, minVotes: 5, valleyAtMost: 0.5 } as const

export function perceivedPosition(votes: readonly number[], evidence: readonly number[] | null): PerceivedPosition {
  const n = votes.reduce((a, b) => a + b, 0)
  const shares = votes.map((v) => (n ? v / n : 0))
  let split: PerceivedPosition['split'] = null
  if (n >= SPLIT.minVotes) {
    let best = 0
    for (let i = 0; i < votes.length; i++) {
      for (let j = i + 2; j < votes.length; j++) {
        if (shares[i]! < SPLIT.minShare || shares[j]! < SPLIT.minShare) continue
        const between = votes.slice(i + 1, j)
        const smaller = Math.min(votes[i]!, votes[j]!)
        if (between.every((v) => v <= SPLIT.valleyAtMost * smaller) && Math.min(shares[i]!, shares[j]!) > best) {
          best = Math.min(shares[i]!, shares[j]!)
          split = { low: (i + 1) as PatternValue, high: (j + 1) as PatternValue, lowShare: shares[i]!, highShare: shares[j]! }
        }
      }
    }
  }
  return { votes: [...votes], n, shares, split, matchWithEvidence: evidence && n ? shares.reduce((s, share, i) => s + share * evidence[i]!, 0) : null }
}

// Small figures with their uncertainty.

export interface Difference {
  difference: number
  low: number
  high: number
  /** The interval leaves out zero. */
  clear: boolean
}

/** Difference of two means with a 95 % Welch interval; null when either side has fewer than two values. */
export function differenceOfMeans(a: readonly number[], b: readonly number[]): Difference | null {
  if (a.length < 2 || b.length < 2) return null
  const sa = summarise(a.map((v) => [v, 1] as const))
  const sb = summarise(b.map((v) => [v, 1] as const))
  const va = sa.sd! ** 2 / a.length
  const vb = sb.sd! ** 2 / b.length
  const se = Math.sqrt(va + vb)
  const difference = sa.mean! - sb.mean!
  if (se === 0) return { difference, low: difference, high: difference, clear: difference !== 0 }
  const df = (va + vb) ** 2 / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1))
  const half = tQuantile975(df) * se
  return { difference, low: difference - half, high: difference + half, clear: difference - half > 0 || difference + half < 0 }
}

/** Respondents' keyed answers to one agree/disagree item (1..5, higher = more of the scale) or pair (0..100, higher = the high end), "Don't know" left out. */
export function keyedAnswers(instrument: Instrument, responses: readonly V2Response[], id: string): { values: number[]; neutral: number } {
  const order = itemOrder(instrument)
  const position = order.indexOf(id)
  if (position !== -1) {
    const item = instrument.scales.flatMap((s) => s.items)[position]!
    return { values: responses.flatMap((r) => (r.likert[position] == null ? [] : [keyed(r.likert[position]!, keyingOf(item))])), neutral: 3 }
  }
  const pairs = instrument.patternBlock?.pairs ?? []
  const at = pairs.findIndex((p) => p.id === id)
  if (at === -1) throw new Error(`no item or pair ${id} in ${instrument.id}`)
  return { values: responses.flatMap((r) => (r.pairs[at] == null ? [] : [pairIndex(r.pairs[at]!, pairs[at]!.high)])), neutral: 50 }
}

/** Risk flags: each rests on two items, and fires only when both lie below neutral beyond sampling noise (the 95 % interval of each mean below it). */
export const FLAG_ITEMS = {
  silos: ['co6', 'ol6'],
  strategic_direction: ['co4', 'ph2'],
  slow_decisions: ['co7', 'co8'],
} as const

export interface FlagEvidence {
  id: keyof typeof FLAG_ITEMS
  fires: boolean
  items: { id: string; summary: Summary; neutral: number; below: boolean }[]
}

export function riskFlags(instrument: Instrument, responses: readonly V2Response[]): FlagEvidence[] {
  return (Object.keys(FLAG_ITEMS) as (keyof typeof FLAG_ITEMS)[]).map((id) => {
    const items = FLAG_ITEMS[id].map((itemId) => {
      const { values, neutral } = keyedAnswers(instrument, responses, itemId)
      const summary = summarise(values.map((v) => [v, 1] as const))
      return { id: itemId, summary, neutral, below: summary.ciHigh !== null && summary.ciHigh < neutral }
    })
    return { id, fires: items.every((i) => i.below), items }
  })
}

export interface Reliability {
  alpha: number
  low: number
  high: number
  /** Respondents with at least two answers on the scale (every pair of items uses those who answered both). */
  n: number
}

/**
 * Cronbach's alpha of a scale on keyed answers, from pairwise-available variances and covariances
 * (not complete cases only), with Feldt's 95 % interval. Null below 3 respondents or when undefined.
 */
export function scaleReliability(instrument: Instrument, responses: readonly V2Response[], scaleId: ScaleId): Reliability | null {
  const order = itemOrder(instrument)
  const scale = instrument.scales.find((s) => s.id === scaleId)!
  const positions = scale.items.map((i) => order.indexOf(i.id))
  const rows = responses.map((r) => scale.items.map((item, k) => (r.likert[positions[k]!] == null ? null : keyed(r.likert[positions[k]!]!, keyingOf(item)))))
  const k = scale.items.length
  const cov = (a: number, b: number) => {
    const pairs = rows.flatMap((row) => (row[a] != null && row[b] != null ? [[row[a]!, row[b]!] as const] : []))
    if (pairs.length < 2) return null
    const ma = pairs.reduce((s, p) => s + p[0], 0) / pairs.length
    const mb = pairs.reduce((s, p) => s + p[1], 0) / pairs.length
    return pairs.reduce((s, p) => s + (p[0] - ma) * (p[1] - mb), 0) / (pairs.length - 1)
  }
  let variances = 0
  let total = 0
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const c = cov(a, b)
      if (c === null) return null
      total += c
      if (a === b) variances += c
    }
  }
  const n = rows.filter((row) => row.filter((v) => v !== null).length >= 2).length
  if (n < 3 || total <= 0) return null
  const alpha = (k / (k - 1)) * (1 - variances / total)
  const d1 = n - 1
  const d2 = (n - 1) * (k - 1)
  return { alpha, low: 1 - (1 - alpha) * fQuantile(0.975, d1, d2), high: 1 - (1 - alpha) * fQuantile(0.025, d1, d2), n }
}

export interface ScaleDifference {
  scale: ScaleId
  /** Mean respondent score of the first group minus the second (1..5 scale points), with its 95 % Welch interval. */
  difference: Difference
}

/** Each scale's difference between two sets of respondents (scale scores as in `respondentDimensions`); scales where either side has fewer than two scores are left out. */
export function scaleDifferences(instrument: Instrument, first: readonly V2Response[], second: readonly V2Response[]): ScaleDifference[] {
  const scores = (rs: readonly V2Response[]) => rs.map((r) => respondentDimensions(instrument, r).scales)
  const a = scores(first)
  const b = scores(second)
  return instrument.scales.flatMap((scale) => {
    const of = (xs: Map<ScaleId, number | null>[]) => xs.map((m) => m.get(scale.id) ?? null).filter((v): v is number => v !== null)
    const difference = differenceOfMeans(of(a), of(b))
    return difference ? [{ scale: scale.id, difference }] : []
  })
}

/** The perception gap: senior leaders against everyone else, scale by scale, with intervals. */
export function perceptionGap(instrument: Instrument, responses: readonly V2Response[]): ScaleDifference[] {
  return scaleDifferences(
    instrument,
    responses.filter((r) => r.role === 'senior_leader'),
    responses.filter((r) => r.role !== 'senior_leader'),
  )
}
