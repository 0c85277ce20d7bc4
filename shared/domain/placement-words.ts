import type { PlacementSectionResult } from '../schemas/reports.ts'
import { formatProbability, PLACEMENT_MODEL, placementLead, type ModelDimension } from './placement.ts'
import type { Instrument } from '../instrument/types.ts'
import { capitalise, formatMean, formatShare, type Words } from './report-words.ts'

// The words of the dl-v2 placement on the school report (ReportPlacement, ReportMap,
// ReportQuality), in the reader's language, in one place. No figure is computed here: every number
// is the API's.

export type Placement = PlacementSectionResult
type Label = (pattern: number) => string

/** The four measures the placement rests on (their words are `report.dimension.<id>.*`), with where patterns part on each. */
export const DIMENSIONS: readonly { id: ModelDimension; ticks: readonly number[] }[] = [
  { id: 'spread', ticks: PLACEMENT_MODEL.spreadBounds },
  { id: 'coordination', ticks: [PLACEMENT_MODEL.anarchyBelowCoordination] },
  { id: 'initiative', ticks: [PLACEMENT_MODEL.initiativeBound] },
  { id: 'contest', ticks: [PLACEMENT_MODEL.contestBound] },
]

/** "70 %", "under 1 %": a pattern's chance. */
export const chanceWords = (p: number, { t, locale }: Words): string => formatProbability(p, t('report.chanceUnder'), t('report.chanceOver'), (x) => formatShare(x, locale))

/** "most likely guided distribution (70 %); possibly emergent distribution (22 %)". */
export function placementWords(placement: Placement, label: Label, words: Words): string {
  const { t } = words
  const { lead, first, p1, second, p2 } = placementLead(placement.probabilities)
  const name = (p: number) => label(p).toLowerCase()
  const main = t(`report.placement.${lead}`, { pattern: name(first), chance: chanceWords(p1, words) })
  return second === null ? main : t('report.placement.possibly', { main, pattern: name(second), chance: chanceWords(p2, words) })
}

/** "Most likely guided distribution (70 %); possibly emergent distribution (22 %)." */
export const placementSentence = (placement: Placement, label: Label, words: Words): string => `${capitalise(placementWords(placement, label, words))}.`

/** What staff chose themselves, in words: split into camps, or the most chosen pattern and how it sits with the evidence. */
export function perceivedWords(perceived: NonNullable<Placement['perceived']>, label: Label, { t, locale }: Words): string {
  const name = (p: number) => label(p).toLowerCase()
  if (perceived.split) {
    const { low, high, lowShare, highShare } = perceived.split
    return t('report.perceived.split', { lowShare: formatShare(lowShare, locale), low: name(low), highShare: formatShare(highShare, locale), high: name(high) })
  }
  const top = perceived.votes.indexOf(Math.max(...perceived.votes)) + 1
  const chose = t('report.perceived.top', { pattern: name(top), share: formatShare(perceived.shares[top - 1]!, locale), n: perceived.n })
  return perceived.matchWithEvidence === null ? chose : `${chose} ${t('report.perceived.match', { share: formatShare(perceived.matchWithEvidence, locale) })}`
}

/** The glance and the continuum section's lead: where the answers place the school, with how sure that is. */
export function placementGlance(placement: Placement, label: Label, words: Words): string {
  const perceived = placement.perceived ? perceivedWords(placement.perceived, label, words) : words.t('report.perceived.tooFew')
  return `${words.t('report.placement.glance', { words: placementWords(placement, label, words) })} ${perceived}`
}

/** The quality of the answers as counts, one line each (never who). */
export function qualityLines(quality: Placement['quality'], { t }: Words): string[] {
  return [
    t('report.quality.sameAnswer', { count: quality.straightLining }),
    t('report.quality.inconsistent', { count: quality.inconsistent }),
    t('report.quality.acquiescent', { count: quality.acquiescent }),
  ]
}

/**
 * A dl-v2 risk flag's evidence: each statement (or pair) behind it as staff answered it, and
 * whether it fires. The statements' words are the instrument's, in the reader's language.
 */
export function flagEvidence(flag: Placement['flags'][number], instrument: Instrument, k: number, { t }: Words): string {
  const statements = new Map(instrument.scales.flatMap((s) => s.items.map((i) => [i.id, i.text] as const)))
  const pairs = new Map((instrument.patternBlock?.pairs ?? []).map((p) => [p.id, p] as const))
  const interval = (low: number | null, high: number | null, format: (x: number) => string) =>
    low === null || high === null ? '' : t('report.flagItem.interval', { low: format(low), high: format(high) })
  const whole = (x: number) => String(Math.round(x))
  const item = ({ id, mean, low, high }: Placement['flags'][number]['items'][number]): string => {
    if (mean === null) return t('report.flagItem.withheld', { k })
    const text = statements.get(id)
    if (text !== undefined) return t('report.flagItem.statement', { text, mean: formatMean(mean), interval: interval(low, high, formatMean) })
    const pair = pairs.get(id)
    if (!pair) return ''
    const [lowEnd, highEnd] = pair.high === 'second' ? [pair.first, pair.second] : [pair.second, pair.first]
    return t('report.flagItem.pair', { lowEnd, highEnd, mean: whole(mean), interval: interval(low, high, whole) })
  }
  const evidence = flag.items.map(item).join('; ')
  return flag.fires ? t('report.flagFires', { evidence }) : t('report.flagQuiet', { evidence: capitalise(evidence) })
}
