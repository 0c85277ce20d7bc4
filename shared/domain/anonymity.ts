import type { ReleaseMode } from '../schemas/surveys.ts'
import type { SurveyPhase } from './survey-phase.ts'
import { GROUP_KEYS, mergeBins, type Bin, type GroupKey, type GroupTally, type ItemTally, type ScoreKey, type SurveyTally } from './tally.ts'

// What may be shown (DESIGN.md §4). Two functions, and nothing else, decide it: `planRelease`
// says which responses a report may be built from at all (release at close, or live in batches
// of k), and `disclose` takes a tally of exactly those responses and removes every figure that
// could describe fewer than k people. The report, the API and every export are built from the
// disclosed tally alone, so there is one code path to get right.

export type ReleaseInput = {
  phase: SurveyPhase
  k: number
  /** Responses stored for the survey. */
  responseCount: number
} & (
  | { releaseMode: 'at_close'; releasedBatches?: number }
  /** Live: the complete batches of k released by now (`liveBatchesReleased`). */
  | { releaseMode: 'live'; releasedBatches: number }
)

/**
 * A live survey's batches released at `at`: those completed before that day (UTC). A batch shows
 * from the day after the submission that completed it, so the figures change at most once a day
 * and each change adds at least k responses (issue 9.3). `completedOn` lists each complete batch's
 * day, YYYY-MM-DD.
 */
export function liveBatchesReleased(completedOn: readonly string[], at: Date): number {
  const today = at.toISOString().slice(0, 10)
  return completedOn.filter((day) => day < today).length
}

/** What decides which of a survey's responses a report may be built from, read off the survey. */
export function releaseInput(
  survey: { releaseMode: ReleaseMode; k: number; responseCount: number; liveBatchesCompletedOn: readonly string[] },
  phase: SurveyPhase,
  at: Date,
): ReleaseInput {
  const common = { phase, k: survey.k, responseCount: survey.responseCount }
  return survey.releaseMode === 'live'
    ? { ...common, releaseMode: 'live', releasedBatches: liveBatchesReleased(survey.liveBatchesCompletedOn, at) }
    : { ...common, releaseMode: 'at_close' }
}

/** Why a report shows nothing yet: not open, waiting for the close, fewer than k answered, or live results before their first step. */
export type ReleaseWhy = 'not_open' | 'at_close' | 'fewer_than_k' | 'live_first_step'

export interface ReleasePlan {
  released: boolean
  /** Why nothing is shown yet, in words for the leader, and as a code for words in another language. */
  reason: string | null
  why: ReleaseWhy | null
  /** Live mode: only responses in the first `completeBatches` batches of k count; null: all of them. */
  completeBatches: number | null
  /** How many responses the report may be built from. */
  includedResponses: number
  /** Role groups and comments only once the survey has closed (live batches would let them be differenced). */
  groupsAndComments: boolean
}

export function planRelease(input: ReleaseInput): ReleasePlan {
  const { phase, releaseMode, k, responseCount } = input
  const closed = phase === 'closed'
  const none = (why: ReleaseWhy, reason: string): ReleasePlan => ({ released: false, reason, why, completeBatches: null, includedResponses: 0, groupsAndComments: false })
  if (phase === 'draft' || phase === 'scheduled') return none('not_open', 'The survey has not opened yet.')
  if (releaseMode === 'at_close') {
    if (!closed) return none('at_close', 'Results are released when the survey closes, so that no answer can be seen arriving.')
    if (responseCount < k) return none('fewer_than_k', `Fewer than ${k} people answered, so no results can be shown without risking that someone is identified.`)
    return { released: true, reason: null, why: null, completeBatches: null, includedResponses: responseCount, groupsAndComments: true }
  }
  const batches = Math.min(input.releasedBatches ?? 0, Math.floor(responseCount / k))
  if (batches === 0) return none('live_first_step', `Live results appear the day after ${k} people have answered, and then at most once a day, in steps of at least ${k}.`)
  return { released: true, reason: null, why: null, completeBatches: batches, includedResponses: batches * k, groupsAndComments: closed }
}

export const MIN_COMMENT_RESPONSES = 10
/** Cronbach's alpha is reported from this many complete responses (DESIGN.md §3). */
export const MIN_ALPHA_RESPONSES = 10

/** How many complete answerers a scale's alpha needs before it is shown: never fewer than k. */
export function alphaMinimum(k: number): number {
  return Math.max(k, MIN_ALPHA_RESPONSES)
}

export interface DisclosedTally {
  k: number
  respondents: number
  /** Bins of the whole school (every group, shown or not), for scores at least k people answered. */
  overall: Partial<Record<ScoreKey, Bin[]>>
  /** Role groups that may be shown, each with its scales that may be shown. */
  groups: { group: GroupKey; respondents: number; bins: Partial<Record<ScoreKey, Bin[]>> }[]
  /** Role groups withheld, and why. */
  hiddenGroups: { group: GroupKey; reason: 'fewer_than_k' | 'complementary' }[]
  groupsWithheld: 'not_yet' | null
  /** Item answer distributions; null where fewer than k people gave an answer other than "Don't know". */
  items: Record<string, ItemTally | null>
  /** Cronbach's alpha statistics, where at least max(k, 10) people answered every item of the scale. */
  alpha: Partial<SurveyTally['alpha']>
  /** Continuum votes; null where fewer than k people chose. */
  now: number[] | null
  aim: number[] | null
  commentsVisible: boolean
  commentsReason: string | null
}

/** Respondents in `bins` whose score counts (at least 60 % of its items answered). */
export function eligibleCount(bins: readonly Bin[], itemCount: number): number {
  return bins.reduce((n, b) => (b.answered >= minAnswered(itemCount) ? n + b.count : n), 0)
}

/** The 60 % rule: the share of a score's items a respondent must answer for it to count. */
export const SCORED_SHARE = 0.6

/** The 60 % rule: how many of a score's items a respondent must answer for it to count. */
export function minAnswered(itemCount: number): number {
  return Math.ceil(SCORED_SHARE * itemCount - 1e-9)
}

/**
 * Complementary suppression: hides every group with fewer than k, then, while the hidden groups
 * together hold between 1 and k − 1 people, also hides the smallest group still shown, so that no
 * hidden figure can be worked out as the total minus the rest.
 */
export function suppress(
  sizes: ReadonlyMap<GroupKey, number>,
  k: number,
  alreadyHidden: Iterable<GroupKey> = [],
): Map<GroupKey, 'fewer_than_k' | 'complementary'> {
  const hidden = new Map<GroupKey, 'fewer_than_k' | 'complementary'>()
  for (const group of alreadyHidden) hidden.set(group, 'complementary')
  for (const [group, n] of sizes) if (n < k) hidden.set(group, 'fewer_than_k')
  for (;;) {
    const union = [...hidden.keys()].reduce((sum, g) => sum + (sizes.get(g) ?? 0), 0)
    if (union === 0 || union >= k) break
    const next = [...sizes].filter(([g, n]) => !hidden.has(g) && n > 0).sort((a, b) => a[1] - b[1] || GROUP_KEYS.indexOf(a[0]) - GROUP_KEYS.indexOf(b[0]))[0]
    if (!next) break
    hidden.set(next[0], 'complementary')
  }
  return hidden
}

/**
 * The disclosed tally: what a report of these responses may show. `itemCounts` gives the number of
 * items behind each score (for the 60 % rule).
 */
export function disclose(tally: SurveyTally, plan: ReleasePlan, k: number, itemCounts: Record<ScoreKey, number>): DisclosedTally {
  const keys = Object.keys(itemCounts) as ScoreKey[]
  const overall: DisclosedTally['overall'] = {}
  for (const key of keys) {
    const bins = mergeBins(tally.groups.map((g) => g.bins[key] ?? []))
    if (eligibleCount(bins, itemCounts[key]) >= k) overall[key] = bins
  }
  const atLeastK = (counts: number[]) => (counts.reduce((a, b) => a + b, 0) >= k ? counts : null)

  let groups: DisclosedTally['groups'] = []
  let hiddenGroups: DisclosedTally['hiddenGroups'] = []
  if (plan.groupsAndComments) {
    // Every role group is listed, empty or not: a group with no respondent is withheld like one
    // below k, so the list never tells that someone in a small role took part (issue 9.6).
    const bySize = new Map(GROUP_KEYS.map((group) => [group, tally.groups.find((g) => g.group === group)?.respondents ?? 0] as const))
    const hidden = suppress(bySize, k)
    hiddenGroups = [...hidden].map(([group, reason]) => ({ group, reason })).sort((a, b) => GROUP_KEYS.indexOf(a.group) - GROUP_KEYS.indexOf(b.group))
    const shown = tally.groups.filter((g) => g.respondents > 0 && !hidden.has(g.group))
    // The same rule per score: a group's score counts only the people who answered enough of it.
    const cells = new Map<GroupKey, Partial<Record<ScoreKey, Bin[]>>>(shown.map((g) => [g.group, {}]))
    for (const key of keys) {
      const sizes = new Map(tally.groups.filter((g) => g.respondents > 0).map((g) => [g.group, eligibleCount(g.bins[key] ?? [], itemCounts[key])] as const))
      const hiddenCells = suppress(sizes, k, hidden.keys())
      for (const g of shown) if (!hiddenCells.has(g.group)) cells.get(g.group)![key] = g.bins[key] ?? []
    }
    groups = shown.map((g: GroupTally) => ({ group: g.group, respondents: g.respondents, bins: cells.get(g.group)! }))
  }

  const commentsVisible = plan.groupsAndComments && plan.includedResponses >= Math.max(k, MIN_COMMENT_RESPONSES)
  return {
    k,
    respondents: tally.respondents,
    overall,
    groups,
    hiddenGroups,
    groupsWithheld: plan.groupsAndComments ? null : 'not_yet',
    items: Object.fromEntries(Object.entries(tally.items).map(([id, item]) => [id, atLeastK(item.counts) ? item : null])),
    alpha: Object.fromEntries(Object.entries(tally.alpha).filter(([, a]) => a.n >= alphaMinimum(k))),
    now: atLeastK(tally.now),
    aim: atLeastK(tally.aim),
    commentsVisible,
    commentsReason: commentsVisible
      ? null
      : plan.groupsAndComments
        ? `Comments are shown once at least ${Math.max(k, MIN_COMMENT_RESPONSES)} people have answered.`
        : 'Comments are shown when the survey closes.',
  }
}

