import { describe, expect, it } from 'vitest'
import { personKey, remeasureScale, scaleChange, summarisePlan } from '../../shared/domain/action-plan.ts'
import { disclose, planRelease } from '../../shared/domain/anonymity.ts'
import { buildDiscussionGuide, REFLECTION_QUESTIONS } from '../../shared/domain/discussion-guide.ts'
import { buildReport, itemCountsOf } from '../../shared/domain/report.ts'
import { studentTQuantile } from '../../shared/domain/stats.ts'
import { answersInOrder, generateResponses } from '../../shared/domain/synthetic.ts'
import { tallyResponses } from '../../shared/domain/tally.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import type { RoleId, ScaleId } from '../../shared/instrument/types.ts'
import type { Action } from '../../shared/schemas/actions.ts'
import type { ScaleResult } from '../../shared/schemas/reports.ts'

// The plan's judgements: how widely its leadership is spread and where it risks silos, whether a
// target scale moved (never surer than the interval), and the discussion guide from a report.

const scaleNames = Object.fromEntries(dlV1.scales.map((s) => [s.id, s.name])) as Record<ScaleId, string>

let nextId = 1
function action(lead: [RoleId, string | null], scales: ScaleId[], supporters: [RoleId, string | null][] = [], status: Action['status'] = 'planned') {
  const id = nextId++
  return { id, title: `Action ${id}`, scales, status, lead: { role: lead[0], name: lead[1] }, supporters: supporters.map(([role, name]) => ({ role, name })) }
}

describe('the spread of the plan’s leadership', () => {
  it('counts the actions each role and each named person leads, dropped ones aside', () => {
    const summary = summarisePlan(
      [
        action(['teacher', 'Priya Shah'], ['synergy']),
        action(['teacher', 'priya  shah'], ['shared_power']),
        action(['support_staff', null], ['community_engagement']),
        action(['senior_leader', 'Sam Head'], ['coordination'], [], 'dropped'),
      ],
      scaleNames,
    )
    expect(summary.actions).toBe(3)
    expect(summary.byRole.map((r) => [r.role, r.leads])).toEqual([['senior_leader', 0], ['middle_leader', 0], ['teacher', 2], ['support_staff', 1], ['other', 0]])
    expect(summary.byPerson).toEqual([{ name: 'Priya Shah', leads: 2 }])
    expect(summary.spread).toBe('3 actions, led from 2 roles by 1 named person; 1 lead without a name.')
  })

  it.each([
    // [leads, warning kinds]
    [[['senior_leader', 'Sam'], ['senior_leader', 'Sam'], ['teacher', 'Ann']], ['person_leads_most', 'role_leads_most']],
    [[['senior_leader', 'Sam'], ['senior_leader', 'Kim'], ['teacher', 'Ann']], ['role_leads_most']],
    [[['senior_leader', 'Sam'], ['middle_leader', 'Sam'], ['teacher', 'Ann']], ['person_leads_most']],
    [[['senior_leader', 'Sam'], ['middle_leader', 'Kim'], ['teacher', 'Ann'], ['support_staff', 'Lee']], []],
    // exactly half is not "most"
    [[['senior_leader', 'Sam'], ['senior_leader', 'Sam'], ['teacher', 'Ann'], ['support_staff', 'Lee']], []],
    // a plan of two is too small to call anything a concentration
    [[['senior_leader', 'Sam'], ['senior_leader', 'Sam']], []],
  ] as [[RoleId, string][], string[]][])('warns when one person or one role leads most of the plan (%#)', (leads, kinds) => {
    // each on its own scale, so that no silo warning joins in
    const scales = dlV1.scales.map((s) => s.id)
    const summary = summarisePlan(leads.map((lead, i) => action(lead, [scales[i]!])), scaleNames)
    expect(summary.warnings.map((w) => w.kind)).toEqual(kinds)
  })

  it('names the person and the actions in a warning', () => {
    const actions = [action(['senior_leader', 'Sam Head'], ['synergy']), action(['senior_leader', 'Sam Head'], ['shared_power']), action(['teacher', 'Ann'], ['coordination'])]
    const [warning] = summarisePlan(actions, scaleNames).warnings
    expect(warning).toMatchObject({ kind: 'person_leads_most', actionIds: [actions[0]!.id, actions[1]!.id] })
    expect(warning!.message).toMatch(/^Sam Head leads 2 of the 3 actions/)
  })

  it.each([
    ['no one shared', [action(['teacher', 'Ann'], ['synergy']), action(['middle_leader', 'Kim'], ['synergy'])], true],
    ['no names at all', [action(['teacher', null], ['synergy']), action(['teacher', null], ['synergy'])], true],
    ['the same role is not the same person', [action(['teacher', null], ['synergy'], [['teacher', null]]), action(['teacher', null], ['synergy'])], true],
    ['a lead supports the other', [action(['teacher', 'Ann'], ['synergy']), action(['middle_leader', 'Kim'], ['synergy'], [['teacher', 'ann']])], false],
    ['a supporter in both', [action(['teacher', 'Ann'], ['synergy'], [['support_staff', 'Lee']]), action(['middle_leader', 'Kim'], ['synergy'], [['support_staff', 'Lee']])], false],
    ['linked through a third', [action(['teacher', 'Ann'], ['synergy']), action(['middle_leader', 'Kim'], ['synergy'], [['teacher', 'Ann']]), action(['other', 'Jo'], ['synergy'], [['middle_leader', 'Kim']])], false],
    ['one of them dropped', [action(['teacher', 'Ann'], ['synergy']), action(['middle_leader', 'Kim'], ['synergy'], [], 'dropped')], false],
    ['different scales', [action(['teacher', 'Ann'], ['synergy']), action(['middle_leader', 'Kim'], ['shared_power'])], false],
  ])('warns of silos when actions on one scale share nobody: %s', (_, actions, silo) => {
    const warnings = summarisePlan(actions, scaleNames).warnings.filter((w) => w.kind === 'silo')
    expect(warnings.length).toBe(silo ? 1 : 0)
    if (silo) expect(warnings[0]!.message).toMatch(/2 actions aim at synergy .* no one named takes part in all of them/)
  })

  it('treats names the same whatever their case, spacing and accents', () => {
    expect(personKey('  Zoë  Brontë ')).toBe(personKey('zoe bronte'))
    expect(personKey('Ann')).not.toBe(personKey('Anne'))
  })

  it('says so when the plan is empty', () => {
    expect(summarisePlan([], scaleNames)).toMatchObject({ actions: 0, spread: 'No actions yet.', warnings: [], byPerson: [] })
  })
})

describe('re-measuring a target scale', () => {
  it('computes Welch’s interval for the difference of two independent means', () => {
    const before = { mean: 3, sd: 0.8, n: 20 }
    const after = { mean: 3.5, sd: 0.6, n: 30 }
    const v1 = 0.64 / 20
    const v2 = 0.36 / 30
    const df = (v1 + v2) ** 2 / (v1 ** 2 / 19 + v2 ** 2 / 29)
    const half = studentTQuantile(0.975, df) * Math.sqrt(v1 + v2)
    const change = scaleChange(before, after)
    expect(change.difference).toBeCloseTo(0.5, 12)
    expect(change.ciLow).toBeCloseTo(0.5 - half, 12)
    expect(change.ciHigh).toBeCloseTo(0.5 + half, 12)
    expect(change.verdict).toBe('improved')
  })

  it.each([
    [{ mean: 3, sd: 0.8, n: 40 }, { mean: 3.6, sd: 0.8, n: 40 }, 'improved'],
    [{ mean: 3.6, sd: 0.8, n: 40 }, { mean: 3, sd: 0.8, n: 40 }, 'declined'],
    // the same difference from five people each is not clear
    [{ mean: 3, sd: 0.8, n: 5 }, { mean: 3.6, sd: 0.8, n: 5 }, 'no_clear_change'],
    [{ mean: 3, sd: 0.8, n: 40 }, { mean: 3.05, sd: 0.8, n: 40 }, 'no_clear_change'],
    [{ mean: 3, sd: 0, n: 5 }, { mean: 3, sd: 0, n: 5 }, 'no_clear_change'],
  ] as const)('calls a change only when its whole interval is on one side of zero (%#)', (before, after, verdict) => {
    const change = scaleChange(before, after)
    expect(change.verdict).toBe(verdict)
    if (verdict === 'improved') expect(change.ciLow).toBeGreaterThan(0)
    if (verdict === 'declined') expect(change.ciHigh).toBeLessThan(0)
    if (verdict === 'no_clear_change') expect(change.ciLow <= 0 && change.ciHigh >= 0).toBe(true)
  })

  const result = (mean: number | null, n: number | null = 30, sd: number | null = 0.7): Pick<ScaleResult, 'mean' | 'ciLow' | 'ciHigh' | 'n' | 'sd'> => ({
    mean, n, sd, ciLow: mean === null ? null : mean - 0.2, ciHigh: mean === null ? null : mean + 0.2,
  })
  const labels = { before: '"Autumn"', after: '"Spring"' }

  it('says it plainly, and never shows more than both reports show', () => {
    const improved = remeasureScale({ id: 'synergy', name: 'Synergy' }, result(3.1) as ScaleResult, result(3.7) as ScaleResult, labels)
    expect(improved.words).toMatch(/^Improved: from 3\.10 to 3\.70 of 5 \(\+0\.60; with 95 % confidence the rise is between \+0\.\d\d and \+0\.\d\d\)\.$/)
    const unclear = remeasureScale({ id: 'synergy', name: 'Synergy' }, result(3.1, 6, 0.9) as ScaleResult, result(3.3, 6, 0.9) as ScaleResult, labels)
    expect(unclear.words).toMatch(/^No clear change: from 3\.10 to 3\.30 of 5 \(\+0\.20\), but the change could be anywhere between −\d\.\d\d and \+\d\.\d\d/)

    const withheld = remeasureScale({ id: 'synergy', name: 'Synergy' }, result(3.1) as ScaleResult, result(null, null, null) as ScaleResult, labels)
    expect(withheld).toEqual({ id: 'synergy', name: 'Synergy', before: { mean: 3.1, ciLow: 3.1 - 0.2, ciHigh: 3.1 + 0.2, n: 30 }, after: null, change: null, words: expect.stringMatching(/report of "Spring" withholds this scale/) })
    const neither = remeasureScale({ id: 'synergy', name: 'Synergy' }, undefined, undefined, labels)
    expect(neither).toMatchObject({ before: null, after: null, change: null, words: expect.stringMatching(/either report withholds/) })
  })
})

describe('the discussion guide', () => {
  const bodies = generateResponses({ instrument: dlV1, pattern: 3, respondents: 24, seed: 5 })
  const rows = bodies.map((b) => ({ answers: answersInOrder(dlV1, b), role: (b.role ?? null) as RoleId | null, nowPattern: b.nowPattern ?? null, aimPattern: b.aimPattern ?? null }))
  const survey = { id: 1, title: 'Autumn', schoolId: 1, schoolName: 'Hill School', phase: 'closed' as const, opensAt: '2026-10-01T00:00:00Z', closesAt: '2026-10-15T00:00:00Z', k: 5, releaseMode: 'at_close' as const, expectedStaff: 30, instrumentVersion: 'dl-v1', accessMode: 'link' as const, codeCustodianName: null, timeZone: 'Europe/London', opensOn: '2026-10-01', closesOn: '2026-10-14', closedAt: null, responseCount: 24, responseCountPrecision: 'exact' as const }
  const plan = planRelease({ phase: 'closed', releaseMode: 'at_close', k: 5, responseCount: rows.length })
  const report = buildReport({ instrument: dlV1, survey, plan, disclosed: disclose(tallyResponses(dlV1, rows), plan, 5, itemCountsOf(dlV1)), comments: [], overlays: { previous: null, trust: null } })
  const meta = { id: 1, title: 'Autumn', schoolId: 1, schoolName: 'Hill School', closesAt: survey.closesAt }

  it('has a section for each priority, risk and strength of the report, with its figures and the seeds’ prompts', () => {
    const guide = buildDiscussionGuide(report, meta)
    expect(guide.sections.map((s) => s.kind)).toEqual([...report.priorities.map(() => 'priority'), ...report.flags.map(() => 'risk'), ...report.strengths.map(() => 'strength')])
    const first = guide.sections[0]!
    const scale = report.scales.find((s) => s.id === first.scaleId)!
    expect(first.figures[0]).toEqual({ label: 'Mean score', value: `${scale.mean!.toFixed(2)} of 5 (95 % interval ${scale.ciLow!.toFixed(2)} to ${scale.ciHigh!.toFixed(2)}), from ${scale.n} people` })
    expect(first.questions.some((q) => /Who has the expertise to lead/.test(q))).toBe(true)
    expect(guide.reflection).toEqual([...REFLECTION_QUESTIONS])
  })

  it('shows only groups the report shows', () => {
    const guide = buildDiscussionGuide(report, meta)
    const hidden = report.hiddenGroups.map((g) => g.label)
    expect(hidden.length).toBeGreaterThan(0)
    const text = JSON.stringify(guide.sections.map((s) => s.figures))
    for (const label of hidden) expect(text).not.toContain(label)
  })

  it('has nothing to discuss before the results are released, and says why', () => {
    const none = planRelease({ phase: 'open', releaseMode: 'at_close', k: 5, responseCount: 24 })
    const closedReport = buildReport({ instrument: dlV1, survey: { ...survey, phase: 'open' }, plan: none, disclosed: null, comments: [], overlays: { previous: null, trust: null } })
    const guide = buildDiscussionGuide(closedReport, meta)
    expect(guide).toMatchObject({ sections: [], opening: [], note: expect.stringMatching(/released when the survey closes/) })
  })
})
