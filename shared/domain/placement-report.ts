import type { Instrument, MapAreaId, MapRoleId, PatternValue, ScaleId } from '../instrument/types.ts'
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
