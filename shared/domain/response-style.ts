import { HALLMARK_IDS, keyingOf, MAP_ROLE_IDS, type Instrument, type Keying, type RoleId, type ScaleId } from '../instrument/types.ts'

// One dl-v2 respondent's answers, turned into keyed scale scores, pattern-dimension scores and
// response-style indicators. Pure. Every score here is monotone: an answer moved one step towards
// more of what its scale or dimension measures never lowers any score (tests/unit/placement.test.ts
// checks it with fast-check). docs/scoring.md, "dl-v2", gives the method.

/** A dl-v2 response as scoring needs it. Raw answers: as the respondent chose them, null for "Don't know" or unanswered. */
export interface V2Response {
  /** Agree/disagree answers 1..5 in item order (`itemOrder`). */
  likert: readonly (number | null)[]
  /** Paired statements 1..4 (1 = much closer to the first) in `patternBlock.pairs` order. */
  pairs: readonly (number | null)[]
  /** How leadership arises, 1 (allocated) .. 4 (claimed). */
  origin: number | null
  /** Per leadership-map area (in `leadershipMap.areas` order): the roles ticked, or ['no_one_clear'] / ['dont_know']; null unanswered. */
  map: readonly (readonly string[] | null)[]
  role: RoleId | null
  nowPattern: number | null
  aimPattern: number | null
}

/** An agree/disagree answer turned so that higher always means more of the scale's practice. */
export function keyed(raw: number, keying: Keying): number {
  return keying === 'negative' ? 6 - raw : raw
}

export interface ScaleHalves {
  /** Mean keyed answer of the positive items answered, and of the reverse-keyed ones; null when none of that half was answered. */
  positive: number | null
  negative: number | null
}

/** Each scale's answer positions and keyings, worked out once per instrument. */
const layouts = new WeakMap<Instrument, { id: ScaleId; positions: number[]; negative: boolean[] }[]>()
function layoutOf(instrument: Instrument) {
  let layout = layouts.get(instrument)
  if (!layout) {
    let position = 0
    layout = instrument.scales.map((scale) => ({
      id: scale.id,
      positions: scale.items.map(() => position++),
      negative: scale.items.map((item) => keyingOf(item) === 'negative'),
    }))
    layouts.set(instrument, layout)
  }
  return layout
}

/** Each scale's two keyed halves for one respondent. */
export function scaleHalves(instrument: Instrument, likert: readonly (number | null)[]): Map<ScaleId, ScaleHalves> {
  const out = new Map<ScaleId, ScaleHalves>()
  for (const { id, positions, negative } of layoutOf(instrument)) {
    let positiveSum = 0
    let positiveCount = 0
    let negativeSum = 0
    let negativeCount = 0
    for (let i = 0; i < positions.length; i++) {
      const raw = likert[positions[i]!] ?? null
      if (raw === null) continue
      if (negative[i]) {
        negativeSum += 6 - raw
        negativeCount++
      } else {
        positiveSum += raw
        positiveCount++
      }
    }
    out.set(id, { positive: positiveCount ? positiveSum / positiveCount : null, negative: negativeCount ? negativeSum / negativeCount : null })
  }
  return out
}

/**
 * A respondent's scale score (1..5): the mean of the positive half and the reverse-keyed half, so a
 * habit of agreeing (which raises one half and lowers the other by the same amount) cancels. Null
 * unless both halves have an answer: a score from one half alone would carry the whole bias.
 */
export function balancedScore(halves: ScaleHalves): number | null {
  return halves.positive === null || halves.negative === null ? null : (halves.positive + halves.negative) / 2
}

/** Thresholds of the response-style indicators (docs/scoring.md, "Quality of the answers"). */
export const STYLE_RULES = {
  /** Straight-lining: at least this share of the agree/disagree answers is one and the same answer... */
  straightLineShare: 0.85,
  /** ...among at least this many answers. */
  straightLineMinAnswers: 20,
  /** Inconsistent: statements that say the same thing (one half of a scale) answered about as far apart as random answers are (standard deviation √2 on five points): this spread or more... */
  randomSpread: 1.2,
  /** ...over at least this many degrees of freedom (answers less one per half answered)... */
  randomSpreadMinDf: 8,
  /** ...and beyond what the school's own staff reach: its median spread plus this many (normal-scaled) median absolute deviations. Where every answer is noisy, attentive staff are not taken for random ones. */
  schoolSpreadMads: 2,
  /** Agreeing by habit: agreement-bias index at least this (scale points). */
  agreement: 0.75,
} as const

export interface ResponseStyle {
  /** Agreement-bias index: how much more the respondent agrees than the content explains, in scale points (0 = none; half the mean gap between the two halves of a scale). Null without a scale with both halves answered. */
  agreement: number | null
  /** Share of agree/disagree answers at an end of the scale (1 or 5). */
  extreme: number | null
  /** Share of agree/disagree answers that are the respondent's most frequent answer. */
  sameAnswer: number | null
  /** Pooled standard deviation of the keyed answers within each half of each scale (statements that say the same thing); null below `randomSpreadMinDf` degrees of freedom. Untouched by a habit of agreeing, which moves a whole half. */
  spread: number | null
  answered: number
  straightLining: boolean
  acquiescent: boolean
}

/** The pooled within-half standard deviation (`ResponseStyle.spread`). */
function withinHalfSpread(instrument: Instrument, likert: readonly (number | null)[]): number | null {
  let squares = 0
  let df = 0
  for (const { positions, negative } of layoutOf(instrument)) {
    for (const half of [false, true]) {
      const values = positions.flatMap((at, i) => (negative[i] === half && likert[at] != null ? [half ? 6 - likert[at]! : likert[at]!] : []))
      if (values.length < 2) continue
      const mean = values.reduce((a, b) => a + b, 0) / values.length
      squares += values.reduce((a, v) => a + (v - mean) ** 2, 0)
      df += values.length - 1
    }
  }
  return df >= STYLE_RULES.randomSpreadMinDf ? Math.sqrt(squares / df) : null
}

export function responseStyle(instrument: Instrument, likert: readonly (number | null)[]): ResponseStyle {
  const answers = likert.filter((v): v is number => v !== null)
  const halves = [...scaleHalves(instrument, likert).values()].filter((h) => h.positive !== null && h.negative !== null)
  const counts = [0, 0, 0, 0, 0]
  for (const v of answers) counts[v - 1]!++
  const n = answers.length
  const agreement = halves.length ? halves.reduce((s, h) => s + (h.positive! - h.negative!) / 2, 0) / halves.length : null
  const sameAnswer = n ? Math.max(...counts) / n : null
  const spread = withinHalfSpread(instrument, likert)
  const straightLining = n >= STYLE_RULES.straightLineMinAnswers && sameAnswer! >= STYLE_RULES.straightLineShare
  return {
    agreement,
    extreme: n ? (counts[0]! + counts[4]!) / n : null,
    sameAnswer,
    spread,
    answered: n,
    straightLining,
    acquiescent: agreement !== null && agreement >= STYLE_RULES.agreement,
  }
}

const median = (sorted: readonly number[]) => (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2

/**
 * Which of a school's respondents answered carelessly. Inconsistent: a within-half spread of at
 * least `randomSpread` and beyond what the school's own staff reach (`schoolSpreadMads`). Careless:
 * straight-lining or inconsistent; such answers cannot say where the school stands and are left out
 * of the placement.
 */
export function carelessness(styles: readonly ResponseStyle[]): { inconsistent: boolean; careless: boolean }[] {
  const spreads = styles.flatMap((s) => (s.spread === null ? [] : [s.spread])).sort((a, b) => a - b)
  let cut: number = STYLE_RULES.randomSpread
  if (spreads.length) {
    const middle = median(spreads)
    const mad = median(spreads.map((x) => Math.abs(x - middle)).sort((a, b) => a - b))
    cut = Math.max(cut, middle + STYLE_RULES.schoolSpreadMads * 1.4826 * mad)
  }
  return styles.map((s) => {
    const inconsistent = s.spread !== null && s.spread >= cut
    return { inconsistent, careless: s.straightLining || inconsistent }
  })
}

/** The dimensions of one respondent, each 0..100 (null where the respondent gave nothing to score it). */
export interface RespondentDimensions {
  scales: Map<ScaleId, number | null>
  /** Mean of the hallmark scale scores (at least half of the eight), as an index. */
  distribution: number | null
  coordination: number | null
  authority: number | null
  initiative: number | null
  coherence: number | null
  contest: number | null
  /** Leadership-map breadth: the mean, over areas where roles were named, of the share of the three non-senior groups ticked. */
  breadth: number | null
}

const toIndex = (mean1to5: number) => ((mean1to5 - 1) / 4) * 100
const NON_SENIOR = MAP_ROLE_IDS.filter((r) => r !== 'senior_leaders')

/** A paired-statement answer (1..4) turned towards the dimension's high end, as 0..100. */
export function pairIndex(raw: number, high: 'first' | 'second'): number {
  return ((high === 'second' ? raw - 1 : 4 - raw) / 3) * 100
}

/** The weighted mean of the parts that have a value; null when none has. */
export function weightedMean(parts: readonly (readonly [value: number | null, weight: number])[]): number | null {
  let sum = 0
  let weight = 0
  for (const [v, w] of parts) {
    if (v === null) continue
    sum += v * w
    weight += w
  }
  return weight > 0 ? sum / weight : null
}

export function respondentDimensions(instrument: Instrument, response: V2Response): RespondentDimensions {
  const halves = scaleHalves(instrument, response.likert)
  const scales = new Map([...halves].map(([id, h]) => [id, balancedScore(h)] as const))
  const hallmarks = HALLMARK_IDS.map((id) => scales.get(id) ?? null).filter((v): v is number => v !== null)
  const distribution = hallmarks.length * 2 >= HALLMARK_IDS.length ? toIndex(hallmarks.reduce((a, b) => a + b, 0) / hallmarks.length) : null
  const coordinationScore = scales.get('coordination') ?? null
  const pairs = instrument.patternBlock?.pairs ?? []
  const pairMean = (dimension: string) => {
    const values = pairs.flatMap((p, i) => {
      const raw = response.pairs[i] ?? null
      return p.dimension === dimension && raw !== null ? [pairIndex(raw, p.high)] : []
    })
    return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null
  }
  const origin = response.origin === null ? null : ((response.origin - 1) / 3) * 100
  const areaBreadths = (instrument.leadershipMap?.areas ?? []).flatMap((_, i) => {
    const ticked = response.map[i] ?? null
    if (ticked === null || ticked.length === 0 || ticked.includes('no_one_clear') || ticked.includes('dont_know')) return []
    return [(NON_SENIOR.filter((r) => ticked.includes(r)).length / NON_SENIOR.length) * 100]
  })
  return {
    scales,
    distribution,
    coordination: coordinationScore === null ? null : toIndex(coordinationScore),
    authority: pairMean('authority'),
    initiative: weightedMean([[pairMean('initiative'), 2], [origin, 1]]),
    coherence: pairMean('coherence'),
    contest: pairMean('contest'),
    breadth: areaBreadths.length ? areaBreadths.reduce((a, b) => a + b, 0) / areaBreadths.length : null,
  }
}
