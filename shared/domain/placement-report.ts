import { keyingOf, type Instrument, type MapAreaId, type MapRoleId, type PatternValue, type ScaleId } from '../instrument/types.ts'
import type { PlacementFlagItem as FlagItem, PlacementSectionResult } from '../schemas/reports.ts'
import { alphaMinimum } from './anonymity.ts'
import { FLAG_GUIDANCE } from './guidance.ts'
import {
  MODEL_DIMENSIONS,
  patternProbabilities,
  perceivedPosition,
  perceptionGap,
  placementWords,
  placeSchool,
  PLACEMENT_MODEL,
  riskFlags,
  scaleReliability,
  type DimensionEstimate,
  type FlagEvidence,
  type ModelDimension,
  type PerceivedPosition,
  type PlacementModel,
  type Reliability,
  type ScaleDifference,
} from './placement.ts'
import type { V2Response } from './response-style.ts'

// The dl-v2 section of a school report, from the responses a report may use, under the anonymity
// rules of DESIGN.md §4: nothing is derived from fewer than k responses. A dimension answered by
// fewer than k people is left out of the placement (treated as unknown, so its patterns share the
// probability evenly) and not shown; a map area is shown only where k people named its leaders;
// the perception gap only where senior leaders and everyone else each number k. Pure: the server
// will call it with the disclosed responses (issue 11, phase D).

export interface PlacementSection {
  respondents: number
  probabilities: number[]
  mostLikely: PatternValue
  runnerUp: PatternValue
  /** "most likely guided distribution (70 %); possibly emergent distribution (22 %)". */
  words: string
  /** Each dimension's estimate and 95 % interval, or null where fewer than k answered it. */
  dimensions: Record<ModelDimension, Pick<DimensionEstimate, 'n' | 'mean' | 'low' | 'high'> | null>
  /** Areas × roles: each cell the share of those who named leaders for the area; null where fewer than k did. */
  map: { area: MapAreaId; named: number; shares: Record<MapRoleId, number> | null; noOneClear: number | null; dontKnow: number | null }[]
  perceived: PerceivedPosition
  perceptionGap: ScaleDifference[] | null
  flags: FlagEvidence[]
  reliability: { scale: ScaleId; reliability: Reliability | null }[]
  quality: { straightLining: number; inconsistent: number; acquiescent: number }
}

export function placementSection(instrument: Instrument, responses: readonly V2Response[], k: number, model: PlacementModel = PLACEMENT_MODEL): PlacementSection | null {
  if (responses.length < k) return null
  const placement = placeSchool(instrument, responses, model)
  const dimensions = Object.fromEntries(
    MODEL_DIMENSIONS.map((dim) => {
      const e = placement.dimensions[dim]
      return [dim, e && e.n >= k ? e : null]
    }),
  ) as Record<ModelDimension, DimensionEstimate | null>
  const probabilities = patternProbabilities(dimensions, model)
  const order = [1, 2, 3, 4, 5, 6, 7].sort((a, b) => probabilities[b - 1]! - probabilities[a - 1]! || a - b) as PatternValue[]
  const label = (p: PatternValue) => instrument.continuum.patterns.find((x) => x.value === p)?.label ?? String(p)

  const areas = instrument.leadershipMap?.areas ?? []
  const roles = instrument.leadershipMap?.roles ?? []
  const map = areas.map((area, i) => {
    const answers = responses.map((r) => r.map[i] ?? null).filter((a): a is readonly string[] => a !== null && a.length > 0)
    const named = answers.filter((a) => !a.includes('no_one_clear') && !a.includes('dont_know'))
    const shown = answers.length >= k
    return {
      area: area.id,
      named: named.length,
      shares: named.length >= k ? (Object.fromEntries(roles.map((role) => [role.id, named.filter((a) => a.includes(role.id)).length / named.length])) as Record<MapRoleId, number>) : null,
      noOneClear: shown ? answers.filter((a) => a.includes('no_one_clear')).length : null,
      dontKnow: shown ? answers.filter((a) => a.includes('dont_know')).length : null,
    }
  })

  const votes = [0, 0, 0, 0, 0, 0, 0]
  for (const r of responses) if (r.nowPattern !== null && r.nowPattern >= 1 && r.nowPattern <= 7) votes[r.nowPattern - 1]!++
  const seniors = responses.filter((r) => r.role === 'senior_leader').length
  const gapShown = seniors >= k && responses.length - seniors >= k

  return {
    respondents: responses.length,
    probabilities,
    mostLikely: order[0]!,
    runnerUp: order[1]!,
    words: placementWords(probabilities, label),
    dimensions: Object.fromEntries(MODEL_DIMENSIONS.map((dim) => [dim, dimensions[dim] && { n: dimensions[dim].n, mean: dimensions[dim].mean, low: dimensions[dim].low, high: dimensions[dim].high }])) as PlacementSection['dimensions'],
    map,
    perceived: perceivedPosition(votes, probabilities),
    perceptionGap: gapShown ? perceptionGap(instrument, responses) : null,
    flags: riskFlags(instrument, responses),
    reliability: instrument.scales.map((s) => ({ scale: s.id, reliability: scaleReliability(instrument, responses, s.id) })),
    quality: { straightLining: placement.quality.straightLining, inconsistent: placement.quality.inconsistent, acquiescent: placement.quality.acquiescent },
  }
}

// The section as the report sends it (PlacementSectionSchema): labels, words and the anonymity
// rules the pure section leaves to its caller. The staff's vote is shown only where k voted; an
// item's mean in a flag's evidence only where k answered it, and a flag fires only when every
// item behind it is below neutral beyond sampling noise and answered by k; reliability only from
// max(k, 10) people (as dl-v1's alpha); a map area's count of people naming leaders only where
// the area is shown.

const pct = (share: number) => `${Math.round(share * 100)} %`
const two = (x: number) => x.toFixed(2)

export function placementResult(instrument: Instrument, responses: readonly V2Response[], k: number, model: PlacementModel = PLACEMENT_MODEL): PlacementSectionResult | null {
  const section = placementSection(instrument, responses, k, model)
  if (!section) return null
  const label = (p: number) => instrument.continuum.patterns.find((x) => x.value === p)?.label ?? String(p)
  const areaLabel = (id: MapAreaId) => instrument.leadershipMap?.areas.find((a) => a.id === id)?.label ?? id
  const items = new Map(instrument.scales.flatMap((s) => s.items.map((i) => [i.id, i] as const)))
  const pairs = new Map((instrument.patternBlock?.pairs ?? []).map((p) => [p.id, p] as const))

  // Each statement behind a flag as staff answered it (a reverse-keyed item's keyed mean turned
  // back; a pair on its 0..100 line), withheld where fewer than k answered it.
  const flagItem = (item: FlagEvidence['items'][number]): FlagItem => {
    const { summary } = item
    if (summary.n < k || summary.mean === null) return { id: item.id, mean: null, low: null, high: null }
    const likert = items.get(item.id)
    const negative = likert !== undefined && keyingOf(likert) === 'negative'
    const raw = (x: number | null) => (x === null ? null : negative ? 6 - x : x)
    const [low, high] = negative ? [summary.ciHigh, summary.ciLow] : [summary.ciLow, summary.ciHigh]
    return { id: item.id, mean: raw(summary.mean), low: raw(low), high: raw(high) }
  }
  const itemWords = (item: FlagItem): string => {
    if (item.mean === null) return `fewer than ${k} people answered one of the statements behind it`
    const likert = items.get(item.id)
    if (likert) {
      const interval = item.low === null || item.high === null ? '' : `, 95 % interval ${two(item.low)} to ${two(item.high)}`
      return `"${likert.text}": mean ${two(item.mean)} of 5${interval}`
    }
    const pair = pairs.get(item.id)!
    const [lowEnd, highEnd] = pair.high === 'second' ? [pair.first, pair.second] : [pair.second, pair.first]
    const interval = item.low === null || item.high === null ? '' : `, 95 % interval ${Math.round(item.low)} to ${Math.round(item.high)}`
    return `between "${lowEnd}" (0) and "${highEnd}" (100), staff stand at ${Math.round(item.mean)}${interval}`
  }
  const flags = section.flags.map((flag) => {
    const fires = flag.items.every((i) => i.below && i.summary.n >= k)
    const shown = flag.items.map(flagItem)
    const evidence = shown.map(itemWords).join('; ')
    return {
      id: flag.id,
      fires,
      title: FLAG_GUIDANCE[flag.id].title,
      evidence: fires
        ? `Every statement behind it leans the wrong way beyond sampling noise: ${evidence}.`
        : `Not flagged: it needs every statement behind it to lean the wrong way beyond sampling noise. ${evidence[0]!.toUpperCase()}${evidence.slice(1)}.`,
      items: shown,
    }
  })

  const perceived = section.perceived
  const perceivedWords = (): string => {
    if (perceived.split) {
      const { low, high, lowShare, highShare } = perceived.split
      return `Staff are split: ${pct(lowShare)} chose ${label(low).toLowerCase()} and ${pct(highShare)} chose ${label(high).toLowerCase()}, with few between, so no single position describes them.`
    }
    const top = perceived.votes.indexOf(Math.max(...perceived.votes)) + 1
    const match = perceived.matchWithEvidence === null ? '' : ` Weighed against the evidence, a member of staff's choice is one their answers support ${pct(perceived.matchWithEvidence)} of the time.`
    return `Staff most often chose ${label(top).toLowerCase()} (${pct(perceived.shares[top - 1]!)} of ${perceived.n}).${match}`
  }

  return {
    respondents: section.respondents,
    probabilities: section.probabilities,
    mostLikely: section.mostLikely,
    runnerUp: section.runnerUp,
    words: section.words,
    dimensions: section.dimensions,
    map: section.map.map((a) => ({ area: a.area, label: areaLabel(a.area), named: a.noOneClear === null ? null : a.named, shares: a.shares, noOneClear: a.noOneClear, dontKnow: a.dontKnow })),
    perceived: perceived.n >= k ? { ...perceived, words: perceivedWords() } : null,
    perceptionGap: section.perceptionGap,
    flags,
    reliability: section.reliability.map(({ scale, reliability: r }) => (r && r.n >= alphaMinimum(k) ? { scale, alpha: r.alpha, low: r.low, high: r.high, n: r.n } : { scale, alpha: null })),
    quality: { respondents: section.respondents, ...section.quality },
  }
}
