import type { PlacementSectionResult } from '../../../../shared/schemas/reports.ts'
import { PLACEMENT_MODEL, type ModelDimension } from '../../../../shared/domain/placement.ts'
import { countLabel } from '../../common/lead-format.ts'

// The words of the dl-v2 placement on the school report (ReportPlacement, ReportMap,
// ReportQuality), in one place. No figure is computed here: every number is the API's.

export type Placement = PlacementSectionResult

/** The four measures the placement rests on: what each is, what its low and high ends mean, where patterns part on it. */
export const DIMENSIONS: readonly { id: ModelDimension; name: string; low: string; high: string; ticks: readonly number[] }[] = [
  {
    id: 'spread',
    name: 'How widely leadership is spread',
    low: 'low: decisions and leading rest with a few people',
    high: 'high: staff across the school lead and decide',
    ticks: PLACEMENT_MODEL.spreadBounds,
  },
  {
    id: 'coordination',
    name: 'How well it holds together',
    low: 'low: people and teams pull in different directions',
    high: 'high: clear roles, good communication, one shared direction',
    ticks: [PLACEMENT_MODEL.anarchyBelowCoordination],
  },
  {
    id: 'initiative',
    name: 'Where initiative comes from',
    low: 'low: new work is designed and handed out by the senior team',
    high: 'high: new work starts with staff themselves',
    ticks: [PLACEMENT_MODEL.initiativeBound],
  },
  {
    id: 'contest',
    name: 'How openly direction is contested',
    low: 'low: the direction is rarely questioned',
    high: 'high: staff openly question and argue out the direction',
    ticks: [PLACEMENT_MODEL.contestBound],
  },
]

/** "Most likely guided distribution (70 %); possibly emergent distribution (22 %)." */
export const placementSentence = (placement: Placement): string => `${placement.words.charAt(0).toUpperCase()}${placement.words.slice(1)}.`

/** The glance and the continuum section's lead: where the answers place the school, with how sure that is. */
export function placementGlance(placement: Placement): string {
  return `Staff's answers place the school: ${placement.words}. ${placement.perceived?.words ?? 'Too few staff chose a description of how leadership works now to show their own view.'}`
}

/** The quality of the answers as counts, one line each (never who). */
export function qualityLines(quality: Placement['quality']): string[] {
  const people = (n: number) => countLabel(n, 'person', 'people')
  return [
    `${people(quality.straightLining)} gave the same answer to nearly every statement.`,
    `${people(quality.inconsistent)} answered inconsistently: statements that say the same thing got answers as far apart as random answers are.`,
    `${people(quality.acquiescent)} tended to agree with statements whatever they said.`,
  ]
}

export const QUALITY_MEANING =
  'These are counts only: no one can be told apart by them. A few such answers are normal in any survey. ' +
  'The answers of the people in the first two lines are left out of the placement: answers that contradict themselves cannot say where the school stands. ' +
  'A habit of agreeing moves the placement little: half of each scale’s statements describe the practice and half its opposite, so it cancels out.'

export const WITHHELD = (k: number) => `withheld: fewer than ${k} answered`
