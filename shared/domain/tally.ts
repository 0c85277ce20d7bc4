import { HALLMARK_IDS, keyingOf, ROLE_IDS, type Instrument, type RoleId, type ScaleId } from '../instrument/types.ts'
import { keyed } from './response-style.ts'

// The report's raw material: integer sufficient statistics of a set of responses. Postgres computes
// them (server/modules/reports/reports.repository.ts) and `tallyResponses` computes the same from
// rows in memory; being integers, the two agree exactly, and everything on a report is derived
// from a tally by pure functions.

export const GROUP_KEYS = [...ROLE_IDS, 'unstated'] as const
export type GroupKey = (typeof GROUP_KEYS)[number]

/** The nine scales, and "distribution": every hallmark item pooled, for the distribution index. */
export type ScoreKey = ScaleId | 'distribution'

/** Respondents who answered `answered` items of a score's items, with those answers summing to `sum`. */
export interface Bin {
  answered: number
  sum: number
  count: number
}

export interface GroupTally {
  group: GroupKey
  respondents: number
  bins: Record<ScoreKey, Bin[]>
}

/** Answers 1..5 of one item (counts[0] = "strongly disagree"), and its "Don't know" or unanswered. */
export interface ItemTally {
  counts: [number, number, number, number, number]
  dontKnow: number
}

/** Sufficient statistics for Cronbach's alpha over the respondents who answered every item of a scale. */
export interface AlphaTally {
  n: number
  itemSums: number[]
  itemSquares: number[]
  totalSum: number
  totalSquares: number
}

export interface SurveyTally {
  respondents: number
  groups: GroupTally[]
  items: Record<string, ItemTally>
  alpha: Record<ScaleId, AlphaTally>
  /** Votes for continuum patterns 1..7 (index 0 = pattern 1). */
  now: number[]
  aim: number[]
}

export interface ResponseRow {
  answers: readonly (number | null)[]
  role: RoleId | null
  nowPattern: number | null
  aimPattern: number | null
}

/** Which answer positions feed each score: each scale's items, and all hallmark items for "distribution". */
export function scorePositions(instrument: Instrument): Record<ScoreKey, number[]> {
  const positions = {} as Record<ScoreKey, number[]>
  let position = 0
  for (const scale of instrument.scales) {
    positions[scale.id] = scale.items.map(() => position++)
  }
  positions.distribution = HALLMARK_IDS.flatMap((id) => positions[id] ?? [])
  return positions
}

/** Whether each answer position is reverse-keyed (in `itemOrder`); none is in dl-v1. */
export function negativePositions(instrument: Instrument): boolean[] {
  return instrument.scales.flatMap((s) => s.items.map((item) => keyingOf(item) === 'negative'))
}

/**
 * The answers as scores count them: a reverse-keyed item's answer turned (6 − answer, `keyed`), so
 * that higher always means more of the scale's practice. Every scale score, scale mean, the
 * distribution index and alpha use these; item distributions show the raw answers.
 */
export function scoredAnswers(instrument: Instrument, answers: readonly (number | null)[]): (number | null)[] {
  const negative = negativePositions(instrument)
  return negative.map((turned, p) => {
    const v = answers[p] ?? null
    return v === null ? null : keyed(v, turned ? 'negative' : 'positive')
  })
}

/** Items answered and their (keyed) sum for each score, in `scoreKeys` order: what a stored response keeps beside its answers. */
export function scoreAggregates(instrument: Instrument, answers: readonly (number | null)[]): { answered: number[]; sums: number[] } {
  const positions = scorePositions(instrument)
  const keys = scoreKeys(instrument)
  const scored = scoredAnswers(instrument, answers)
  const values = keys.map((key) => positions[key].map((p) => scored[p] ?? null).filter((v): v is number => v !== null))
  return { answered: values.map((v) => v.length), sums: values.map((v) => v.reduce((a, b) => a + b, 0)) }
}

export function scoreKeys(instrument: Instrument): ScoreKey[] {
  return [...instrument.scales.map((s) => s.id), 'distribution']
}

/** Bins in a canonical order, so equal tallies compare equal. */
export function sortBins(bins: Bin[]): Bin[] {
  return bins.sort((a, b) => a.answered - b.answered || a.sum - b.sum)
}

export function emptyTally(instrument: Instrument): SurveyTally {
  const keys = scoreKeys(instrument)
  return {
    respondents: 0,
    groups: GROUP_KEYS.map((group) => ({ group, respondents: 0, bins: Object.fromEntries(keys.map((k) => [k, []])) as unknown as Record<ScoreKey, Bin[]> })),
    items: Object.fromEntries(instrument.scales.flatMap((s) => s.items.map((i) => [i.id, { counts: [0, 0, 0, 0, 0], dontKnow: 0 }]))),
    alpha: Object.fromEntries(
      instrument.scales.map((s) => [s.id, { n: 0, itemSums: s.items.map(() => 0), itemSquares: s.items.map(() => 0), totalSum: 0, totalSquares: 0 }]),
    ) as Record<ScaleId, AlphaTally>,
    now: [0, 0, 0, 0, 0, 0, 0],
    aim: [0, 0, 0, 0, 0, 0, 0],
  }
}

/** The pure twin of the SQL aggregation: a tally of response rows held in memory. */
export function tallyResponses(instrument: Instrument, rows: readonly ResponseRow[]): SurveyTally {
  const tally = emptyTally(instrument)
  const positions = scorePositions(instrument)
  const itemIds = instrument.scales.flatMap((s) => s.items.map((i) => i.id))
  const binMaps = new Map(tally.groups.map((g) => [g.group, new Map<ScoreKey, Map<string, Bin>>()]))
  for (const row of rows) {
    const scored = scoredAnswers(instrument, row.answers)
    tally.respondents++
    const group = tally.groups.find((g) => g.group === (row.role ?? 'unstated'))!
    group.respondents++
    for (const [key, at] of Object.entries(positions) as [ScoreKey, number[]][]) {
      const values = at.map((p) => scored[p] ?? null).filter((v): v is number => v !== null)
      const sum = values.reduce((a, b) => a + b, 0)
      const byKey = binMaps.get(group.group)!
      const bins = byKey.get(key) ?? byKey.set(key, new Map()).get(key)!
      const id = `${values.length}:${sum}`
      const bin = bins.get(id) ?? bins.set(id, { answered: values.length, sum, count: 0 }).get(id)!
      bin.count++
      if (key !== 'distribution' && values.length === at.length) {
        const alpha = tally.alpha[key]
        alpha.n++
        at.forEach((p, i) => {
          const v = scored[p]!
          alpha.itemSums[i]! += v
          alpha.itemSquares[i]! += v * v
        })
        alpha.totalSum += sum
        alpha.totalSquares += sum * sum
      }
    }
    itemIds.forEach((id, p) => {
      const value = row.answers[p] ?? null
      const item = tally.items[id]!
      if (value === null) item.dontKnow++
      else item.counts[value - 1]!++
    })
    if (row.nowPattern !== null) tally.now[row.nowPattern - 1]!++
    if (row.aimPattern !== null) tally.aim[row.aimPattern - 1]!++
  }
  for (const group of tally.groups) {
    for (const [key, bins] of binMaps.get(group.group)!) group.bins[key] = sortBins([...bins.values()])
  }
  return tally
}

/** Bins of several groups merged into one (the whole school, or "everyone but senior leaders"). */
export function mergeBins(lists: readonly Bin[][]): Bin[] {
  if (lists.length === 1) return lists[0]!.map((bin) => ({ ...bin }))
  const merged = new Map<number, Bin>()
  for (const bins of lists) {
    for (const bin of bins) {
      // a number key (answers are at most 5, so a sum is below 1,000,000 for any instrument)
      const id = bin.answered * 1_000_000 + bin.sum
      const existing = merged.get(id)
      if (existing) existing.count += bin.count
      else merged.set(id, { ...bin })
    }
  }
  return sortBins([...merged.values()])
}
