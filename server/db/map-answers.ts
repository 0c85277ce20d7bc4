import { MAP_EXCLUSIVE_ANSWERS, MAP_ROLE_IDS } from '../../shared/instrument/types.ts'

// How a leadership-map answer is stored (migration 202611291600): one bitmask per area, bit i set
// when MAP_BITS[i] is ticked; null when the area is unanswered. Only the repositories use it.

const MAP_BITS: readonly string[] = [...MAP_ROLE_IDS, ...MAP_EXCLUSIVE_ANSWERS]

export function toMapMasks(map: readonly (readonly string[] | null)[]): (number | null)[] {
  return map.map((ticked) => (ticked === null ? null : ticked.reduce((mask, answer) => mask | (1 << MAP_BITS.indexOf(answer)), 0)))
}

export function fromMapMasks(masks: readonly (number | null)[]): (string[] | null)[] {
  return masks.map((mask) => (mask === null ? null : MAP_BITS.filter((_, i) => mask & (1 << i))))
}
