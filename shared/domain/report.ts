import { byScale, type Instrument } from '../instrument/types.ts'
import type { Advice, FlagFacts, PlacementSectionResult, SurveyReport, WithheldNote } from '../schemas/reports.ts'
import { eligibleCount, MIN_COMMENT_RESPONSES, minAnswered, type DisclosedTally, type ReleasePlan } from './anonymity.ts'
import { distributionPattern, evidencePattern, toIndex } from './continuum.ts'
import { FLAG_GUIDANCE, SCALE_GUIDANCE } from './guidance.ts'
import { responseRate } from './progress.ts'
import { cronbachAlpha, discreteQuantile, summarise, type Summary } from './stats.ts'
import type { Bin, GroupKey, ScoreKey } from './tally.ts'

// Turns a disclosed tally into the school report. Pure: the same tally gives the same report on
// the server, in the CSV export and in tests. Every rule's threshold is in RULES and is explained
// in docs/scoring.md.

export const RULES = {
  /** Below this response rate (where the staff count is known) a report is provisional. */
  provisionalBelowRate: 0.5,
  /** Scales listed as strengths and as priorities. */
  strengthsAndPriorities: 2,
  /** Perceived and evidence positions "disagree" when further apart than this many patterns. */
  disagreementPatterns: 1,
  /** Silos: two role groups' means on one scale at least this far apart (scale points)... */
  siloGroupGap: 0.75,
  /** ...or the item on teams knowing each other's work below this mean. */
  siloItemMean: 3,
  siloItem: 'co3',
  /** Strategic direction: distribution index at least this, with coordination index below the next... */
  directionMinDistribution: 55,
  directionMaxCoordination: 45,
  /** ...or the item on shared priorities below this mean while distribution is at least 50. */
  directionItem: 'co4',
  directionItemMean: 3,
  /** Slow decisions: the item on timely decisions below this mean. */
  slowItem: 'co5',
  slowItemMean: 3,
} as const

export const GROUP_LABELS: Record<GroupKey, string> = {
  senior_leader: 'Senior leaders',
  middle_leader: 'Middle leaders',
  teacher: 'Teachers',
  support_staff: 'Support staff',
  other: 'Other roles',
  unstated: 'Role not given',
}

export interface ReportInput {
  instrument: Instrument
  survey: SurveyReport['survey']
  plan: ReleasePlan
  /** Null when the plan releases nothing. */
  disclosed: DisclosedTally | null
  /** Comments in the order to show them (shuffled by the caller); used only where disclosed. */
  comments: SurveyReport['comments']['items']
  overlays: Omit<SurveyReport['overlays'], 'trustNote' | 'trustWhy'> & Partial<Pick<SurveyReport['overlays'], 'trustNote' | 'trustWhy'>>
  /** dl-v2 onwards: the placement section (`placementResult`); null when nothing is released. */
  placement?: PlacementSectionResult | null
}

/** The respondent scale scores in a set of bins (the 60 % rule applied), summarised. */
export function scoreSummary(bins: readonly Bin[], itemCount: number): Summary {
  const min = minAnswered(itemCount)
  return summarise(bins.filter((b) => b.answered >= min && b.answered > 0).map((b) => [b.sum / b.answered, b.count] as const))
}

/** Bins of `all` less those of `part`: everyone but one group. */
export function subtractBins(all: readonly Bin[], part: readonly Bin[]): Bin[] {
  const rest = new Map(all.map((b) => [`${b.answered}:${b.sum}`, { ...b }]))
  for (const b of part) {
    const bin = rest.get(`${b.answered}:${b.sum}`)
    if (bin) bin.count -= b.count
  }
  return [...rest.values()].filter((b) => b.count > 0)
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits
const fmt = (x: number) => x.toFixed(2)

export function itemCountsOf(instrument: Instrument): Record<ScoreKey, number> {
  const counts = Object.fromEntries(instrument.scales.map((s) => [s.id, s.items.length])) as Record<ScoreKey, number>
  counts.distribution = instrument.scales.filter((s) => s.id !== 'coordination').reduce((n, s) => n + s.items.length, 0)
  return counts
}

type ScaleResult = SurveyReport['scales'][number]
type GroupResult = SurveyReport['groups'][number]
type Continuum = SurveyReport['continuum']

// buildReport in named steps, each pure. Each step that withholds something returns its notes;
// buildReport lists them in the order the report reads.

/** Each scale's score, shares, reliability and items; a note for everything withheld. */
export function scaleResults(instrument: Instrument, disclosed: DisclosedTally | null, k: number): { scales: ScaleResult[]; notes: string[]; withheld: WithheldNote[] } {
  const notes: string[] = []
  const withheld: WithheldNote[] = []
  const scales = instrument.scales.map((scale): ScaleResult => {
    const bins = disclosed?.overall[scale.id]
    const summary = bins ? scoreSummary(bins, scale.items.length) : null
    const answers = scale.items.map((item) => disclosed?.items[item.id] ?? null)
    const visible = answers.filter((a) => a !== null)
    const totals = [0, 0, 0, 0, 0]
    for (const a of visible) a.counts.forEach((c, i) => (totals[i]! += c))
    const answered = totals.reduce((a, b) => a + b, 0)
    const alpha = disclosed?.alpha[scale.id]
    const alphaValue = alpha ? cronbachAlpha(alpha) : null
    if (disclosed && !bins) {
      notes.push(`${scale.name}: fewer than ${k} people answered enough of its statements, so it has no score.`)
      withheld.push(note('scale', { scale: scale.id }))
    }
    // The shares count only the answers shown item by item: a withheld item's answers are left out
    // (counting them would let its counts be worked out from the shares), and the report says so.
    const sharesLeaveOut = summary && answered > 0 ? scale.items.filter((item) => !disclosed?.items[item.id]).map((item) => item.id) : []
    if (sharesLeaveOut.length > 0) {
      const statements = sharesLeaveOut.length === 1 ? '1 statement' : `${sharesLeaveOut.length} statements`
      notes.push(`${scale.name}: the agree, neutral and disagree shares leave out ${statements} that fewer than ${k} people answered.`)
      withheld.push(note('shares', { scale: scale.id, count: sharesLeaveOut.length }))
    }
    return {
      id: scale.id,
      name: scale.name,
      description: scale.description,
      kind: scale.id === 'coordination' ? 'coordination' : 'hallmark',
      n: summary?.n ?? null,
      mean: summary?.mean ?? null,
      sd: summary?.sd ?? null,
      ciLow: summary?.ciLow ?? null,
      ciHigh: summary?.ciHigh ?? null,
      favourable: summary && answered > 0 ? (totals[3]! + totals[4]!) / answered : null,
      neutral: summary && answered > 0 ? totals[2]! / answered : null,
      unfavourable: summary && answered > 0 ? (totals[0]! + totals[1]!) / answered : null,
      sharesLeaveOut,
      alpha: alphaValue,
      alphaN: alphaValue === null ? null : alpha!.n,
      items: scale.items.map((item) => {
        const tally = disclosed?.items[item.id] ?? null
        const n = tally ? tally.counts.reduce((a, b) => a + b, 0) : null
        if (disclosed && !tally) {
          notes.push(`"${item.text}": fewer than ${k} people gave an answer other than "Don't know", so its answers are not shown.`)
          withheld.push(note('item', { item: item.id }))
        }
        return {
          id: item.id,
          text: item.text,
          counts: tally ? [...tally.counts] : null,
          answered: n,
          mean: tally && n ? tally.counts.reduce((sum, c, i) => sum + c * (i + 1), 0) / n : null,
          dontKnowRate: tally ? tally.dontKnow / (n! + tally.dontKnow) : null,
          ...(item.keying ? { keying: item.keying } : {}),
        }
      }),
    }
  })
  return { scales, notes, withheld }
}

/** A withheld note as codes and values (the rest null). */
function note(code: WithheldNote['code'], values: Partial<Omit<WithheldNote, 'code'>> = {}): WithheldNote {
  return { code, scale: null, item: null, group: null, why: null, count: null, ...values }
}

/** Votes for the continuum's patterns, with their median and quartiles; null when withheld. */
export function perceivedVotes(counts: readonly number[] | null | undefined): Continuum['perceived']['now'] {
  if (!counts) return null
  const n = counts.reduce((a, b) => a + b, 0)
  return { votes: [...counts], n, median: discreteQuantile(counts, 0.5)!, q1: discreteQuantile(counts, 0.25)!, q3: discreteQuantile(counts, 0.75)! }
}

/** Where the answers place the school: the distribution and coordination indices, when both are disclosed. */
export function continuumEvidence(disclosed: Pick<DisclosedTally, 'overall'> | null | undefined, itemCounts: Record<ScoreKey, number>): Continuum['evidence'] {
  const dBins = disclosed?.overall.distribution
  const cBins = disclosed?.overall.coordination
  if (!dBins || !cBins) return null
  const index = (s: Summary) => ({ index: toIndex(s.mean!), ciLow: s.ciLow === null ? null : toIndex(s.ciLow), ciHigh: s.ciHigh === null ? null : toIndex(s.ciHigh), n: s.n })
  const distribution = index(scoreSummary(dBins, itemCounts.distribution))
  const coordination = index(scoreSummary(cBins, itemCounts.coordination))
  const pattern = evidencePattern(distribution.index, coordination.index)
  return {
    distribution,
    coordination,
    pattern,
    bandLow: distributionPattern(distribution.ciLow ?? distribution.index),
    bandHigh: distributionPattern(distribution.ciHigh ?? distribution.index),
    uncoordinated: pattern === 7,
  }
}

/** The continuum: what staff perceive, where their answers place the school, and whether the two disagree. */
export function continuumResult(instrument: Instrument, disclosed: DisclosedTally | null): Continuum {
  const patternLabel = (p: number) => instrument.continuum.patterns.find((x) => x.value === p)?.label ?? String(p)
  const perceived = { now: perceivedVotes(disclosed?.now), aim: perceivedVotes(disclosed?.aim) }
  const evidence = continuumEvidence(disclosed, itemCountsOf(instrument))
  const disagreement =
    evidence && perceived.now && Math.abs(perceived.now.median - evidence.pattern) > RULES.disagreementPatterns
      ? `Staff most often place the school at "${patternLabel(perceived.now.median)}", but their answers to the statements place it at "${patternLabel(evidence.pattern)}". ` +
        'A gap this wide is worth discussing with staff: it may mean that leadership is described one way and experienced another.'
      : null
  return { perceived, evidence, disagreement }
}

/** The role groups shown, with their scale means, and those withheld with why; a note for each withheld. */
export function groupResults(instrument: Instrument, disclosed: DisclosedTally | null, k: number): { groups: GroupResult[]; hiddenGroups: SurveyReport['hiddenGroups']; notes: string[]; withheld: WithheldNote[] } {
  const groups = (disclosed?.groups ?? []).map((g) => ({
    group: g.group,
    label: GROUP_LABELS[g.group],
    n: g.respondents,
    scales: byScale(instrument, (id, i) => {
      const bins = g.bins[id]
      const s = bins ? scoreSummary(bins, instrument.scales[i]!.items.length) : null
      return { n: s?.n ?? null, mean: s?.mean ?? null }
    }),
  }))
  const hiddenGroups = (disclosed?.hiddenGroups ?? []).map((h) => ({
    group: h.group,
    label: GROUP_LABELS[h.group],
    why: h.reason,
    reason: h.reason === 'fewer_than_k' ? `fewer than ${k} responses` : `withheld so that a smaller group cannot be worked out from the others`,
  }))
  const notes = hiddenGroups.map((h) => `${h.label}: ${h.reason}.`)
  const withheld = hiddenGroups.map((h) => note('group', { group: h.group, why: h.why }))
  if (disclosed?.groupsWithheld === 'not_yet') {
    notes.push('Role groups are shown when the survey closes: live results show the whole school only.')
    withheld.push(note('groups_at_close'))
  }
  return { groups, hiddenGroups, notes, withheld }
}

/** Senior leaders against everyone else, scale by scale, where both sides have at least k; or why not. */
export function perceptionGapOf(
  instrument: Instrument,
  disclosed: DisclosedTally | null,
  plan: ReleasePlan,
  k: number,
): Pick<SurveyReport, 'perceptionGap' | 'perceptionGapNote'> {
  const senior = disclosed?.groups.find((g) => g.group === 'senior_leader')
  if (senior && disclosed) {
    const perceptionGap = instrument.scales.flatMap((scale) => {
      const seniorBins = senior.bins[scale.id]
      const all = disclosed.overall[scale.id]
      if (!seniorBins || !all) return []
      const othersBins = subtractBins(all, seniorBins)
      if (eligibleCount(othersBins, scale.items.length) < k) return []
      const s = scoreSummary(seniorBins, scale.items.length).mean!
      const o = scoreSummary(othersBins, scale.items.length).mean!
      return [{ id: scale.id, name: scale.name, senior: s, others: o, gap: s - o }]
    })
    return { perceptionGap, perceptionGapNote: null }
  }
  const note = disclosed && plan.groupsAndComments ? `Senior leaders and other staff can be compared only when each group has at least ${k} responses.` : null
  return { perceptionGap: null, perceptionGapNote: note }
}

/** Scales with a mean, highest first, and how many of each end are strengths and priorities. */
export function rankScales<T extends { mean: number | null }>(scales: readonly T[]): { ranked: T[]; count: number } {
  const ranked = scales.filter((s) => s.mean !== null).sort((a, b) => b.mean! - a.mean!)
  return { ranked, count: Math.min(RULES.strengthsAndPriorities, Math.floor(ranked.length / 2)) }
}

/** The highest and lowest scales with scores, each with next steps. */
export function strengthsAndPriorities(scales: readonly ScaleResult[]): Pick<SurveyReport, 'strengths' | 'priorities'> {
  const { ranked, count } = rankScales(scales)
  const strengths: Advice[] = ranked.slice(0, count).map((s) => ({
    id: s.id,
    title: s.name,
    evidence: `Mean ${fmt(s.mean!)} of 5; ${Math.round((s.favourable ?? 0) * 100)} % of answers agree.`,
    nextSteps: [SCALE_GUIDANCE[s.id].share],
  }))
  const priorities: Advice[] = ranked.slice(-count).reverse().map((s) => ({
    id: s.id,
    title: s.name,
    evidence: `Mean ${fmt(s.mean!)} of 5; ${Math.round((s.unfavourable ?? 0) * 100)} % of answers disagree.`,
    nextSteps: [...SCALE_GUIDANCE[s.id].improve],
  }))
  return { strengths, priorities }
}

/** The risk flags (silos, strategic direction, slow decisions), each with its evidence and next steps. */
export function riskFlags(instrument: Instrument, scales: readonly ScaleResult[], groups: readonly GroupResult[], evidence: Continuum['evidence']): Advice[] {
  const flags: Advice[] = []
  const flag = (id: keyof typeof FLAG_GUIDANCE, evidenceText: string, facts: Pick<FlagFacts, 'code'> & Partial<FlagFacts>) =>
    flags.push({
      id,
      title: FLAG_GUIDANCE[id].title,
      evidence: evidenceText,
      facts: { groups: null, scale: null, value: null, distribution: null, coordination: null, ...facts },
      nextSteps: [...FLAG_GUIDANCE[id].nextSteps],
    })
  const itemMean = (id: string) => scales.flatMap((s) => s.items).find((i) => i.id === id)?.mean ?? null

  const widest = groups.flatMap((a) => groups.flatMap((b) =>
    a.group < b.group
      ? instrument.scales.flatMap((scale) => {
          const [ma, mb] = [a.scales[scale.id].mean, b.scales[scale.id].mean]
          return ma !== null && mb !== null ? [{ a, b, scale, gap: Math.abs(ma - mb) }] : []
        })
      : [],
  )).sort((x, y) => y.gap - x.gap)[0]
  const siloItem = itemMean(RULES.siloItem)
  if (widest && widest.gap >= RULES.siloGroupGap) {
    flag('silos', `${widest.a.label} and ${widest.b.label.toLowerCase()} differ by ${fmt(widest.gap)} points on ${widest.scale.name.toLowerCase()}: groups experience leadership very differently.`, {
      code: 'silos_groups',
      groups: [widest.a.group, widest.b.group],
      scale: widest.scale.id,
      value: widest.gap,
    })
  } else if (siloItem !== null && siloItem < RULES.siloItemMean) {
    flag('silos', `Staff tend to disagree that teams know what other teams are working on (mean ${fmt(siloItem)} of 5).`, { code: 'silos_item', value: siloItem })
  }
  const directionItem = itemMean(RULES.directionItem)
  if (evidence && evidence.distribution.index >= RULES.directionMinDistribution && evidence.coordination.index < RULES.directionMaxCoordination) {
    flag('strategic_direction', `Leadership is widely distributed (index ${Math.round(evidence.distribution.index)}) but poorly coordinated (index ${Math.round(evidence.coordination.index)}).`, {
      code: 'direction_indices',
      distribution: evidence.distribution.index,
      coordination: evidence.coordination.index,
    })
  } else if (evidence && directionItem !== null && directionItem < RULES.directionItemMean && evidence.distribution.index >= 50) {
    flag('strategic_direction', `Leadership is shared, but staff tend to disagree that teams work towards the same priorities (mean ${fmt(directionItem)} of 5).`, { code: 'direction_item', value: directionItem })
  }
  const slowItem = itemMean(RULES.slowItem)
  if (slowItem !== null && slowItem < RULES.slowItemMean) {
    flag('slow_decisions', `Staff tend to disagree that decisions are made in good time (mean ${fmt(slowItem)} of 5).`, { code: 'slow_item', value: slowItem })
  }
  return flags
}

/** dl-v2: the placement's flags that fire (beyond sampling noise, on every item behind them), as advice. */
export function placementFlags(placement: PlacementSectionResult | null): Advice[] {
  return (placement?.flags ?? []).filter((f) => f.fires).map((f) => ({ id: f.id, title: f.title, evidence: f.evidence, nextSteps: [...FLAG_GUIDANCE[f.id].nextSteps] }))
}

/** The school report: the steps above, put together, with every note on what was withheld. */
export function buildReport({ instrument, survey, plan, disclosed, comments, overlays, placement = null }: ReportInput): SurveyReport {
  const rate = responseRate(plan.includedResponses, survey.expectedStaff)
  const k = survey.k
  const { scales, notes: scaleNotes, withheld: scaleWithheld } = scaleResults(instrument, disclosed, k)
  const v2 = instrument.patternBlock !== undefined
  // dl-v2: the placement is the evidence position, and the one-pattern index is not shown beside it,
  // nor compared with the vote by a one-pattern rule (the placement compares them; docs/scoring.md)
  const shown = continuumResult(instrument, disclosed)
  const continuum = v2 ? { perceived: shown.perceived, evidence: null, disagreement: null } : shown
  const { groups, hiddenGroups, notes: groupNotes, withheld: groupWithheld } = groupResults(instrument, disclosed, k)
  const showComments = disclosed?.commentsVisible ?? false
  const liveSteps = plan.completeBatches !== null && survey.phase === 'closed'
  const commentsHidden = disclosed && !showComments && disclosed.commentsReason
  const suppression = [
    ...scaleNotes,
    ...groupNotes,
    ...(liveSteps
      ? [`Live results move in steps of ${k}, each shown from the day after it was complete: the report rests on the first ${plan.includedResponses} responses, so that no smaller group of answers can be told apart.`]
      : []),
    ...(commentsHidden ? [disclosed.commentsReason!] : []),
  ]
  const withheld = [
    ...scaleWithheld,
    ...groupWithheld,
    ...(liveSteps ? [note('live_steps', { count: plan.includedResponses })] : []),
    ...(commentsHidden ? [note('comments', { count: plan.groupsAndComments ? Math.max(k, MIN_COMMENT_RESPONSES) : null })] : []),
  ]

  return {
    survey,
    released: plan.released,
    releaseNote: plan.reason,
    releaseWhy: plan.why,
    responseCount: plan.includedResponses,
    responseRate: rate === null ? null : round(rate, 4),
    placement: v2 ? placement : null,
    provisional: rate !== null && rate < RULES.provisionalBelowRate,
    scales,
    continuum,
    groups,
    hiddenGroups,
    ...perceptionGapOf(instrument, disclosed, plan, k),
    ...strengthsAndPriorities(scales),
    flags: v2 ? placementFlags(placement) : riskFlags(instrument, scales, groups, continuum.evidence),
    comments: { visible: showComments, note: showComments ? null : (disclosed?.commentsReason ?? null), items: showComments ? comments : [] },
    overlays: { previous: overlays.previous, trust: overlays.trust, trustNote: overlays.trustNote ?? null, trustWhy: overlays.trustWhy ?? null },
    norms: null,
    suppression,
    withheld,
  }
}
