import { ROLE_IDS, type RoleId, type ScaleId } from '../instrument/types.ts'
import type { Action, PlanSummary, PlanWarning, ScaleChange, ScalePoint, Verdict } from '../schemas/actions.ts'
import type { ScaleResult } from '../schemas/reports.ts'
import { studentTQuantile } from './stats.ts'

// An action plan's two judgements, pure so the page, the API and the tests agree (issue 14):
// how widely the leadership of the plan is spread, and, once the school's next survey has closed,
// whether each action's target scales moved. Thresholds are in PLAN_RULES, explained in docs/scoring.md.

export const PLAN_RULES = {
  /** "Leads most": more than this share of the plan's actions... */
  mostShare: 0.5,
  /** ...in a plan of at least this many actions (in a plan of two, one lead of each is no concentration). */
  minActionsForConcentration: 3,
} as const

export const ROLE_LABELS: Record<RoleId, string> = {
  senior_leader: 'Senior leaders',
  middle_leader: 'Middle leaders',
  teacher: 'Teachers',
  support_staff: 'Support staff',
  other: 'Other roles',
}

/** The same person, however their name was typed: case, spacing and accents aside. */
export function personKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-GB').replace(/\s+/g, ' ').trim()
}

type PlanAction = Pick<Action, 'id' | 'title' | 'scales' | 'lead' | 'supporters' | 'status'>

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/**
 * How many actions each role and each named person leads, and the warnings of the seeds: one
 * person or one role leading most of the plan (leadership of the improvement not distributed), and
 * actions aimed at the same scale that share nobody (the silo risk: "leadership needs to be
 * co-ordinated as well as distributed"). Dropped actions do not count.
 */
export function summarisePlan(actions: readonly PlanAction[], scaleNames: Readonly<Record<ScaleId, string>>): PlanSummary {
  const live = actions.filter((a) => a.status !== 'dropped')
  const byRole = ROLE_IDS.map((role) => ({ role, label: ROLE_LABELS[role], leads: live.filter((a) => a.lead.role === role).length }))
  const people = new Map<string, { name: string; leads: number; actionIds: number[] }>()
  for (const a of live) {
    if (a.lead.name === null) continue
    const key = personKey(a.lead.name)
    const person = people.get(key) ?? { name: a.lead.name, leads: 0, actionIds: [] }
    person.leads += 1
    person.actionIds.push(a.id)
    people.set(key, person)
  }
  const byPerson = [...people.values()].sort((a, b) => b.leads - a.leads || a.name.localeCompare(b.name, 'en-GB')).map(({ name, leads }) => ({ name, leads }))

  const warnings: PlanWarning[] = []
  const n = live.length
  const most = (count: number) => n >= PLAN_RULES.minActionsForConcentration && count > PLAN_RULES.mostShare * n
  for (const person of people.values()) {
    if (!most(person.leads)) continue
    warnings.push({
      kind: 'person_leads_most',
      message: `${person.name} leads ${person.leads} of the ${n} actions. Leadership of the improvement is most effective when it is shared by those with the relevant expertise: could someone else lead one of them, with ${person.name} supporting?`,
      actionIds: person.actionIds,
    })
  }
  for (const r of byRole) {
    if (!most(r.leads)) continue
    warnings.push({
      kind: 'role_leads_most',
      message: `${r.label} lead ${r.leads} of the ${n} actions. Think about who else has the expertise: a teacher might lead one piece, support staff another.`,
      actionIds: live.filter((a) => a.lead.role === r.role).map((a) => a.id),
    })
  }

  // Silos: actions on one scale are coordinated when some named person leads or supports both
  // (directly, or through a chain of such links); any scale whose actions fall into more than one
  // group has pieces that nobody keeps in step.
  const namesOf = (a: PlanAction) => new Set([a.lead, ...a.supporters].flatMap((p) => (p.name === null ? [] : [personKey(p.name)])))
  const scales = [...new Set(live.flatMap((a) => a.scales))]
  for (const scale of scales) {
    const on = live.filter((a) => a.scales.includes(scale))
    if (on.length < 2) continue
    const groups = connectedGroups(on, (a, b) => [...namesOf(a)].some((name) => namesOf(b).has(name)))
    if (groups.length < 2) continue
    warnings.push({
      kind: 'silo',
      message: `${plural(on.length, 'action')} aim at ${scaleNames[scale].toLowerCase()} (${on.map((a) => `"${a.title}"`).join(', ')}), but no one named takes part in all of them. Agree who keeps them in step, for example by adding one action's lead as a supporter of the others.`,
      actionIds: on.map((a) => a.id),
    })
  }

  const named = byPerson.length
  const roles = byRole.filter((r) => r.leads > 0).length
  const unnamed = live.filter((a) => a.lead.name === null).length
  const spread =
    n === 0
      ? 'No actions yet.'
      : `${plural(n, 'action')}, led from ${plural(roles, 'role')}` +
        (named > 0 ? ` by ${plural(named, 'named person', 'named people')}` : '') +
        (unnamed > 0 ? `${named > 0 ? ';' : ','} ${plural(unnamed, 'lead')} without a name` : '') +
        '.'
  return { actions: n, byRole, byPerson, spread, warnings }
}

/** Groups of items joined, directly or through others, by `linked`. */
function connectedGroups<T>(items: readonly T[], linked: (a: T, b: T) => boolean): T[][] {
  const groups: T[][] = []
  const seen = new Set<number>()
  for (let i = 0; i < items.length; i++) {
    if (seen.has(i)) continue
    const group: T[] = []
    const stack = [i]
    seen.add(i)
    while (stack.length > 0) {
      const j = stack.pop()!
      group.push(items[j]!)
      for (let m = 0; m < items.length; m++) {
        if (!seen.has(m) && linked(items[j]!, items[m]!)) {
          seen.add(m)
          stack.push(m)
        }
      }
    }
    groups.push(group)
  }
  return groups
}

const two = (x: number) => x.toFixed(2)
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`

/** A scale as a report shows it, or null where the report withholds it (or has no interval for it). */
export function scalePoint(scale: Pick<ScaleResult, 'mean' | 'ciLow' | 'ciHigh' | 'n' | 'sd'> | undefined): (ScalePoint & { sd: number }) | null {
  if (!scale || scale.mean === null || scale.n === null || scale.sd === null) return null
  return { mean: scale.mean, ciLow: scale.ciLow, ciHigh: scale.ciHigh, n: scale.n, sd: scale.sd }
}

/**
 * The change in one scale between two surveys of a school, from what each report shows: the
 * difference of the means with its 95 % interval (Welch's, for two independent groups of staff:
 * the surveys are anonymous, so no answer can be paired with the same person's earlier one), and a
 * verdict that is never more certain than that interval: improved or declined only when the whole
 * interval lies on one side of zero. Null when either report withholds the scale.
 */
export function scaleChange(before: { mean: number; sd: number; n: number }, after: { mean: number; sd: number; n: number }): { difference: number; ciLow: number; ciHigh: number; verdict: Verdict } {
  const difference = after.mean - before.mean
  const v1 = before.sd ** 2 / before.n
  const v2 = after.sd ** 2 / after.n
  const se = Math.sqrt(v1 + v2)
  if (se === 0) return { difference, ciLow: difference, ciHigh: difference, verdict: difference > 0 ? 'improved' : difference < 0 ? 'declined' : 'no_clear_change' }
  const df = (v1 + v2) ** 2 / ((before.n > 1 ? v1 ** 2 / (before.n - 1) : 0) + (after.n > 1 ? v2 ** 2 / (after.n - 1) : 0))
  const half = studentTQuantile(0.975, Math.max(1, df)) * se
  const ciLow = difference - half
  const ciHigh = difference + half
  return { difference, ciLow, ciHigh, verdict: ciLow > 0 ? 'improved' : ciHigh < 0 ? 'declined' : 'no_clear_change' }
}

/** One target scale of an action, re-measured: the figures and the words. */
export function remeasureScale(
  scale: { id: ScaleId; name: string },
  before: ScaleResult | undefined,
  after: ScaleResult | undefined,
  labels: { before: string; after: string },
): ScaleChange {
  const b = scalePoint(before)
  const a = scalePoint(after)
  const strip = (p: ReturnType<typeof scalePoint>): ScalePoint | null => p && { mean: p.mean, ciLow: p.ciLow, ciHigh: p.ciHigh, n: p.n }
  if (!b || !a) {
    const missing = !b && !a ? 'either report' : !b ? `the report of ${labels.before}` : `the report of ${labels.after}`
    return { id: scale.id, name: scale.name, before: strip(b), after: strip(a), change: null, words: `No comparison: ${missing} withholds this scale (too few people answered enough of it), so no change can be shown.` }
  }
  const change = scaleChange(b, a)
  const range = `between ${signed(change.ciLow)} and ${signed(change.ciHigh)}`
  const words =
    change.verdict === 'improved'
      ? `Improved: from ${two(b.mean)} to ${two(a.mean)} of 5 (${signed(change.difference)}; with 95 % confidence the rise is ${range}).`
      : change.verdict === 'declined'
        ? `Declined: from ${two(b.mean)} to ${two(a.mean)} of 5 (${signed(change.difference)}; with 95 % confidence the fall is ${range}).`
        : `No clear change: from ${two(b.mean)} to ${two(a.mean)} of 5 (${signed(change.difference)}), but the change could be anywhere ${range}, so the data cannot tell a rise from a fall.`
  return { id: scale.id, name: scale.name, before: strip(b), after: strip(a), change, words }
}

export const PLAN_CSV_COLUMNS = ['action_id', 'action', 'details', 'scales', 'influence', 'lead_role', 'lead_name', 'supporters', 'review_on', 'status', 'notes', 'change'] as const

/**
 * The plan as CSV (written by ./csv.ts, like every export): one row per action, its notes as
 * "day status: text" lines, and, where the school's next survey has closed, each target scale's
 * change in the words the page uses (so it withholds exactly what the page withholds).
 */
export function planCsvRows(
  actions: readonly Action[],
  scaleNames: Readonly<Record<ScaleId, string>>,
  progress: readonly { actionId: number; scales: readonly ScaleChange[] }[] = [],
): (string | number | null)[][] {
  const person = (p: Action['lead']) => (p.name === null ? ROLE_LABELS[p.role] : `${p.name} (${ROLE_LABELS[p.role]})`)
  return [
    [...PLAN_CSV_COLUMNS],
    ...actions.map((a) => [
      a.id,
      a.title,
      a.details,
      a.scales.map((s) => scaleNames[s]).join('; '),
      a.influence,
      a.lead.role,
      a.lead.name,
      a.supporters.map(person).join('; '),
      a.reviewOn,
      a.status,
      a.notes.map((n) => `${n.on} ${n.status}${n.body ? `: ${n.body}` : ''}`).join('\n'),
      (progress.find((p) => p.actionId === a.id)?.scales ?? []).map((s) => `${s.name}: ${s.words}`).join('\n'),
    ]),
  ]
}
