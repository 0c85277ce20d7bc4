import { describe, expect, it } from 'vitest'
import { createLeadMessages } from '../../client/src/lead/messages.svelte.ts'
import { overviewSummary, reportSummary } from '../../shared/domain/summary.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { SurveyReportSchema, type SurveyReport } from '../../shared/schemas/reports.ts'
import { TrustOverviewSchema, type TrustOverview } from '../../shared/schemas/trusts.ts'

// The 30-second summary at the top of the report and the overview: plain words, only disclosed
// figures, never surer than the intervals allow, and a low "strength" called what it is.

const label = (p: number) => dlV1.continuum.patterns.find((x) => x.value === p)!.label
const english = createLeadMessages()
const welsh = createLeadMessages()
await welsh.use('cy', { remember: false })
/** The summary in English (or another language), as the report page words it. */
const summaryOf = (r: SurveyReport, words = english) => reportSummary(r, label, words.t, r.placement?.words ?? null)
const scaleNames = Object.fromEntries(dlV1.scales.map((s) => [s.id, s.name]))

/** A released report with every scale at `mean` (±0.1 interval), then the given changes. */
function report(means: Partial<Record<string, number>>, change: (r: SurveyReport) => void = () => {}): SurveyReport {
  const scales = dlV1.scales.map((s) => {
    const mean = means[s.id] ?? 3.5
    return {
      id: s.id, name: s.name, description: '', kind: s.id === 'coordination' ? ('coordination' as const) : ('hallmark' as const),
      n: 30, mean, sd: 0.5, ciLow: mean - 0.1, ciHigh: mean + 0.1, favourable: 0.5, neutral: 0.3, unfavourable: 0.2, alpha: 0.8, alphaN: 30, sharesLeaveOut: [], items: [],
    }
  })
  const ranked = [...scales].sort((a, b) => b.mean - a.mean)
  const advice = (s: (typeof scales)[number]) => ({ id: s.id, title: s.name, evidence: '', nextSteps: [] })
  const r: SurveyReport = {
    survey: {
      id: 1, title: 'Summer survey', schoolId: 1, schoolName: 'Hill School', phase: 'closed', opensAt: '2026-06-01T08:00:00Z', closesAt: '2026-06-15T08:00:00Z',
      k: 5, releaseMode: 'at_close', expectedStaff: 40, instrumentVersion: dlV1.id, accessMode: 'link', codeCustodianName: null,
      timeZone: 'Europe/London', opensOn: '2026-06-01', closesOn: '2026-06-15', closedAt: null, responseCount: 0, responseCountPrecision: 'exact',
    },
    released: true, releaseNote: null, releaseWhy: null, placement: null, norms: null, responseCount: 30, responseRate: 0.75, provisional: false, scales,
    continuum: {
      perceived: { now: { votes: [0, 0, 10, 20, 0, 0, 0], n: 30, median: 4, q1: 3, q3: 4 }, aim: { votes: [0, 0, 0, 5, 25, 0, 0], n: 30, median: 5, q1: 5, q3: 5 } },
      evidence: { distribution: { index: 57, ciLow: 54, ciHigh: 61, n: 30 }, coordination: { index: 69, ciLow: 65, ciHigh: 73, n: 30 }, pattern: 4, bandLow: 4, bandHigh: 4, uncoordinated: false },
      disagreement: null,
    },
    groups: [], hiddenGroups: [], perceptionGap: null, perceptionGapNote: null,
    strengths: ranked.slice(0, 2).map(advice), priorities: ranked.slice(-2).reverse().map(advice), flags: [],
    comments: { visible: true, note: null, items: [] }, overlays: { previous: null, trust: null, trustNote: null, trustWhy: null }, suppression: [], withheld: [],
  }
  change(r)
  return SurveyReportSchema.parse(r)
}

describe('reportSummary', () => {
  it('says where the school sits, what staff aim for, its top strength and first priority', () => {
    expect(summaryOf(report({ coordination: 4.2, synergy: 2.9 }))).toBe(
      "Staff's answers place Hill School at Guided distribution on the continuum; staff would aim for Emergent distribution. " +
        'Coordination is its strongest area (4.20 of 5) and synergy the first priority (2.90).',
    )
  })

  it('says the same in Welsh, with the same figures', () => {
    expect(summaryOf(report({ coordination: 4.2, synergy: 2.9 }), welsh)).toBe(
      'Mae atebion y staff yn gosod Hill School ar y patrwm “Guided distribution” ar y continwwm; byddai’r staff yn anelu at “Emergent distribution”. ' +
        'Coordination yw ei maes cryfaf (4.20 o 5), a synergy yw’r flaenoriaeth gyntaf (2.90).',
    )
  })

  it('gives a dl-v2 survey\'s placement in its own words, with how sure it is', () => {
    const text = summaryOf(
      report({ coordination: 4.2, synergy: 2.9 }, (r) => {
        r.placement = {
          respondents: 30, probabilities: [0, 0, 0.02, 0.7, 0.22, 0.04, 0.02], mostLikely: 4, runnerUp: 5,
          words: 'most likely guided distribution (70 %); possibly emergent distribution (22 %)',
          dimensions: { spread: null, coordination: null, initiative: null, contest: null }, map: [], perceived: null, perceptionGap: null, flags: [], reliability: [],
          quality: { respondents: 30, straightLining: 1, inconsistent: 0, acquiescent: 2 },
        }
      }),
    )!
    expect(text).toMatch(/^Staff's answers place Hill School on the continuum: most likely guided distribution \(70 %\); possibly emergent distribution \(22 %\); staff would aim for Emergent distribution\./)
  })

  it('says "about" and gives the range when the margin of error spans more than one pattern', () => {
    const text = summaryOf(report({}, (r) => Object.assign(r.continuum.evidence!, { bandLow: 3, bandHigh: 5 })))!
    expect(text).toContain('at about Guided distribution on the continuum (it could be anywhere from Progressive delegation to Emergent distribution)')
  })

  it('calls a low top scale "relatively strongest, though still low"', () => {
    const means = Object.fromEntries(dlV1.scales.map((s, i) => [s.id, 1.6 + i * 0.1]))
    const text = summaryOf(report(means))!
    expect(text).toContain('Coordination is its relatively strongest area, though still low (2.40 of 5)')
    expect(text).not.toMatch(/\bstrongest area \(/)
  })

  it('says when the strongest and the first priority are within each other\'s margin of error', () => {
    const text = summaryOf(report({ coordination: 3.6, synergy: 3.45 }, (r) => { for (const s of r.scales) Object.assign(s, { ciLow: s.mean! - 0.3, ciHigh: s.mean! + 0.3 }) }))!
    expect(text).toMatch(/\(3\.45\), though the two are within each other's margin of error\.$/)
  })

  it('describes anarchy as shared without coordination', () => {
    const text = summaryOf(report({}, (r) => Object.assign(r.continuum.evidence!, { pattern: 7, bandLow: 5, bandHigh: 6, uncoordinated: true })))!
    expect(text).toMatch(/^Staff's answers place Hill School at Anarchy: leadership is widely shared but little coordinated; staff would aim/)
  })

  it('uses only what was disclosed: no evidence, no aim, withheld scales', () => {
    const text = summaryOf(report({}, (r) => {
      r.continuum.evidence = null
      r.continuum.perceived.aim = null
      r.strengths = []
      r.priorities = []
    }))
    expect(text).toBe("Staff place Hill School at Guided distribution on the continuum; too few answered enough statements to check this against their answers.")
    const none = summaryOf(report({}, (r) => {
      r.continuum.evidence = null
      r.continuum.perceived = { now: null, aim: null }
    }))!
    expect(none.startsWith('Too few staff answered for Hill School to be placed on the continuum.')).toBe(true)
  })

  it('says nothing for a report that is not released', () => {
    expect(summaryOf(report({}, (r) => { r.released = false }))).toBeNull()
  })
})

/** An overview of schools placed at the given evidence patterns (null: below k), all scales at 3.5 but two. */
function overview(patterns: (number | null)[], weighted: Partial<Record<string, number>> = {}): TrustOverview {
  const means = Object.fromEntries(dlV1.scales.map((s) => [s.id, weighted[s.id] ?? 3.5]))
  const withheld = Object.fromEntries(dlV1.scales.map((s) => [s.id, null]))
  return TrustOverviewSchema.parse({
    trust: { id: 1, name: 'Vale Trust', isDemo: false },
    instrumentVersion: dlV1.id,
    instrumentVersions: [dlV1.id],
    cycle: { id: '2026-summer', label: 'Summer 2026', from: '2026-05-01T00:00:00Z', to: '2026-09-01T00:00:00Z' },
    cycles: [],
    schools: patterns.map((p, i) => ({
      schoolId: i + 1, name: `School ${String.fromCharCode(65 + i)}`, status: p === null ? 'below_k' : 'reportable',
      surveyId: i + 1, surveyTitle: 'Survey', k: 5, responseCount: p === null ? null : 20, expectedStaff: 30, responseRate: p === null ? null : 0.66,
      scales: p === null ? withheld : means, percentiles: withheld, continuum: p === null ? null : { perceivedMedian: 4, perceivedQ1: 3, perceivedQ3: 5, evidencePattern: p, evidenceProbability: null, distributionIndex: 50, coordinationIndex: 50 },
      priorities: [],
    })),
    totals: { schoolsReportable: patterns.filter((p) => p !== null).length, responseCount: 60, responseRate: 0.66, weighted: means, unweighted: means },
    pairings: [], trends: [], suppression: [], norms: { label: 'All schools', note: 'No percentiles yet.' },
  })
}

describe('overviewSummary', () => {
  it('gives the spread of schools on the continuum and the trust\'s strongest and lowest scale', () => {
    expect(overviewSummary(overview([2, 4, 6, null], { coordination: 4.1, synergy: 2.8 }), label, scaleNames)).toBe(
      "3 of 4 schools have figures for Summer 2026: staff's answers place them from School A at Traditional delegation to School C at Assertive distribution. " +
        'Across the trust coordination is the strongest (4.10 of 5) and synergy the lowest (2.80).',
    )
  })

  it('calls out a school at anarchy, and a low top scale for what it is', () => {
    const means = Object.fromEntries(dlV1.scales.map((s, i) => [s.id, 1.5 + i * 0.1]))
    const text = overviewSummary(overview([3, 7], means), label, scaleNames)!
    expect(text).toContain("staff's answers place School A at Progressive delegation, and School B is at Anarchy (widely shared but little coordinated).")
    expect(text).toContain('coordination is relatively the strongest, though still low (2.30 of 5)')
  })

  it('says so when no school has figures, and nothing without a cycle', () => {
    expect(overviewSummary(overview([null, null]), label, scaleNames)).toBe('0 of 2 schools have figures for Summer 2026: none had enough responses to show, so there is nothing to compare yet.')
    expect(overviewSummary({ ...overview([4]), cycle: null }, label, scaleNames)).toBeNull()
  })
})
