import type { PatternValue } from '../instrument/types.ts'

// The evidence map: where a school's distribution index (from the eight hallmarks) and
// coordination index place it among the seven patterns. These thresholds are Continuum's own
// construct, kept here and nowhere else, and validated by the simulation study (docs/scoring.md).

export interface PatternMap {
  /** Upper bounds of the distribution index for patterns 1..5; at or above the last, pattern 6. */
  distributionBounds: readonly [number, number, number, number, number]
  /** Anarchy: distribution at least this high... */
  anarchyMinDistribution: number
  /** ...with coordination below this. */
  anarchyMaxCoordination: number
}

export const PATTERN_MAP: PatternMap = {
  distributionBounds: [21, 36, 50, 66, 79],
  anarchyMinDistribution: 55,
  anarchyMaxCoordination: 44,
}

/** Where each pattern sits on the map: the centre the synthetic generator draws schools around. */
export const PATTERN_CENTRES: Readonly<Record<PatternValue, { distribution: number; coordination: number }>> = {
  1: { distribution: 10, coordination: 55 },
  2: { distribution: 27, coordination: 60 },
  3: { distribution: 42, coordination: 62 },
  4: { distribution: 57, coordination: 66 },
  5: { distribution: 72, coordination: 66 },
  6: { distribution: 88, coordination: 74 },
  7: { distribution: 75, coordination: 20 },
}

/** The pattern whose region of the map holds the point (distribution, coordination), both 0..100. */
export function evidencePattern(distribution: number, coordination: number, map: PatternMap = PATTERN_MAP): PatternValue {
  if (distribution >= map.anarchyMinDistribution && coordination < map.anarchyMaxCoordination) return 7
  return distributionPattern(distribution, map)
}

/** The pattern the distribution index alone points to (the bands 1..6, ignoring coordination). */
export function distributionPattern(distribution: number, map: PatternMap = PATTERN_MAP): PatternValue {
  const band = map.distributionBounds.findIndex((bound) => distribution < bound)
  return (band === -1 ? 6 : band + 1) as PatternValue
}

/** A mean on the 1..5 agreement scale as an index from 0 to 100. */
export function toIndex(scaleMean: number): number {
  return ((scaleMean - 1) / 4) * 100
}

/** An index from 0 to 100 as a mean on the 1..5 agreement scale. */
export function fromIndex(index: number): number {
  return 1 + (index / 100) * 4
}
