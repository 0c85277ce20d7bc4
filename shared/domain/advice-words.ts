import { NORM_MIN_SCHOOLS, NORM_MIN_TRUSTS } from './norms.ts'
import type { Guidance } from './guidance.ts'
import { TERM_ID, type Term } from './cycles.ts'
import type { Instrument } from '../instrument/types.ts'
import type { Advice, FlagFacts, ReportNorms, Standing, SurveyReport, WithheldNote } from '../schemas/reports.ts'
import { flagEvidence } from './placement-words.ts'
import { formatMean, formatShare, type Words } from './report-words.ts'

// The report's sentences about strengths, priorities and norms, in the reader's language, from
// the figures the API sent (the scales, the norm standings): the same choices as
// shared/domain/report.ts and norms-report.ts make, said in the catalogue's words.

type Group = ReportNorms['groups'][number]
export type AdviceKind = 'strength' | 'priority' | 'flag'

/** "Summer 2026": a school term. */
export const termWords = ({ year, season }: { year: number; season: Term }, { t }: Words): string => t(`report.term.${season}`, { year: String(year) })

/** "Summer 2026", "1 Sept 2026 – 31 Dec 2026": a cycle (a term, or days from..to, as its `id` names it). */
export function cycleWords(id: string, words: Words): string {
  const term = TERM_ID.exec(id)
  if (term) return termWords({ year: Number(term[1]), season: term[2] as Term }, words)
  const day = (d: string) => new Intl.DateTimeFormat([words.locale, 'en-GB'], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`))
  const [from = '', to = ''] = id.split('..')
  return `${day(from)} – ${day(to)}`
}

/** "all schools", "primary schools with 20 to 49 staff": a norm group inside a sentence. */
export function normGroupName(group: Group | undefined, { t }: Words): string {
  if (!group || group.kind === 'all' || !group.phase || !group.staffBand) return group?.kind === 'similar' ? group.label.toLowerCase() : t('report.normGroup.all')
  return t('report.normGroup.similar', { phase: t(`report.phase.${group.phase}`), band: t(`report.band.${group.staffBand}`) })
}

/** "around the 30th percentile; between the 15th and 45th": never surer than the interval. */
export function standingWords(s: Standing, { t }: Words): string {
  const point = s.beyond === 'below' ? t('report.standing.below') : s.beyond === 'above' ? t('report.standing.above') : t('report.standing.around', { p: s.percentile })
  if (s.low === s.high && s.lowBeyond === s.highBeyond) return point
  const low = s.lowBeyond === 'below' ? t('report.standing.lowBelow') : t('report.standing.at', { p: s.low })
  const high = s.highBeyond === 'above' ? t('report.standing.highAbove') : t('report.standing.at', { p: s.high })
  return t('report.standing.range', { point, low, high })
}

/** What strengths and priorities rest on: the norm group they were chosen in, or the raw means and why. */
export function normsNote(norms: ReportNorms, words: Words): string {
  const { t } = words
  if (norms.basis) return t('report.normsNote.relative', { group: normGroupName(norms.groups.find((g) => g.kind === norms.basis), words) })
  return t(norms.contextComplete ? 'report.normsNote.means' : 'report.normsNote.meansNoContext', { schools: NORM_MIN_SCHOOLS, trusts: NORM_MIN_TRUSTS })
}

/**
 * Why a strength or priority is on the report: where the scale stands in the norm group the
 * report chose them in, else its mean and the share of answers that agree (disagree).
 */
export function adviceEvidence(item: Advice, kind: Exclude<AdviceKind, 'flag'>, report: SurveyReport, words: Words): string {
  const { t, locale } = words
  const scale = report.scales.find((s) => s.id === item.id)
  if (!scale || scale.mean === null) return item.evidence
  const norms = report.norms
  const row = norms?.scales.find((s) => s.id === item.id)
  if (norms?.basis && row) {
    const standing = row[norms.basis]
    const median = norms.basis === 'similar' ? row.similarMedian : row.allMedian
    if (standing && median !== null) {
      const group = normGroupName(norms.groups.find((g) => g.kind === norms.basis), words)
      return t('report.advice.relative', { group, standing: standingWords(standing, words), mean: formatMean(scale.mean), median: formatMean(median) })
    }
  }
  return kind === 'strength'
    ? t('report.advice.strength', { mean: formatMean(scale.mean), share: formatShare(scale.favourable ?? 0, locale) })
    : t('report.advice.priority', { mean: formatMean(scale.mean), share: formatShare(scale.unfavourable ?? 0, locale) })
}

/** Why a strength, priority or risk flag is on the report, in the reader's language (`instrument` in it too). */
export function findingEvidence(item: Advice, kind: AdviceKind, report: SurveyReport, instrument: Instrument, words: Words): string {
  if (kind !== 'flag') return adviceEvidence(item, kind, report, words)
  const flag = report.placement?.flags.find((f) => f.id === item.id)
  if (flag) return flagEvidence(flag, instrument, report.survey.k, words)
  return item.facts ? flagFactsWords(item.facts, instrument, words) : item.evidence
}

/** The next steps of a strength, priority or risk flag, in the reader's language. */
export function nextSteps(item: Advice, kind: AdviceKind, guidance: Guidance): readonly string[] {
  if (kind === 'flag') return guidance.flags[item.id as keyof Guidance['flags']] ?? item.nextSteps
  const scale = guidance.scales[item.id as keyof Guidance['scales']]
  if (!scale) return item.nextSteps
  return kind === 'strength' ? [scale.share] : scale.improve
}

/** Why a role group is not shown on its own: fewer than k responses, or so that a smaller one cannot be worked out. */
export const hiddenWhyWords = (why: 'fewer_than_k' | 'complementary', k: number, { t }: Words): string =>
  why === 'complementary' ? t('report.groups.complementary') : t('report.groups.fewer', { k })

/** One note on what the report withholds, in the reader's language (the scale and statement words are the instrument's). */
export function withheldWords(note: WithheldNote, report: SurveyReport, instrument: Instrument, words: Words): string {
  const { t } = words
  const k = report.survey.k
  const scale = instrument.scales.find((s) => s.id === note.scale)?.name ?? note.scale ?? ''
  switch (note.code) {
    case 'scale':
      return t('report.withheldNote.scale', { scale, k })
    case 'shares':
      return t('report.withheldNote.shares', { scale, count: note.count ?? 0, k })
    case 'item':
      return t('report.withheldNote.item', { text: instrument.scales.flatMap((s) => s.items).find((i) => i.id === note.item)?.text ?? note.item ?? '', k })
    case 'group':
      return t('report.withheldNote.group', { group: t(`report.group.${note.group ?? 'unstated'}`), reason: hiddenWhyWords(note.why ?? 'fewer_than_k', k, words) })
    case 'groups_at_close':
      return t('report.withheldNote.groupsAtClose')
    case 'live_steps':
      return t('report.withheldNote.liveSteps', { k, count: note.count ?? 0 })
    case 'comments':
      return note.count === null ? t('report.withheldNote.commentsAtClose') : t('report.withheldNote.commentsTooFew', { count: note.count })
  }
}

/** A dl-v1 risk flag's evidence from its figures, in the reader's language (the scale name is the instrument's). */
export function flagFactsWords(facts: FlagFacts, instrument: Instrument, { t }: Words): string {
  const mean = formatMean(facts.value ?? 0)
  switch (facts.code) {
    case 'silos_groups': {
      const [a, b] = facts.groups ?? []
      const scale = instrument.scales.find((s) => s.id === facts.scale)?.name ?? facts.scale ?? ''
      return t('report.flagFacts.silosGroups', { a: t(`report.group.${a ?? 'unstated'}`), b: t(`report.group.${b ?? 'unstated'}`).toLowerCase(), gap: mean, scale: scale.toLowerCase() })
    }
    case 'silos_item':
      return t('report.flagFacts.silosItem', { mean })
    case 'direction_indices':
      return t('report.flagFacts.directionIndices', { distribution: Math.round(facts.distribution ?? 0), coordination: Math.round(facts.coordination ?? 0) })
    case 'direction_item':
      return t('report.flagFacts.directionItem', { mean })
    case 'slow_item':
      return t('report.flagFacts.slowItem', { mean })
  }
}
