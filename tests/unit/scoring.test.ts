import { describe, expect, it } from 'vitest'
import { disclose, eligibleCount, liveBatchesReleased, minAnswered, planRelease, suppress } from '../../shared/domain/anonymity.ts'
import { buildReport, itemCountsOf, scoreSummary, subtractBins } from '../../shared/domain/report.ts'
import { cronbachAlpha, discreteQuantile, studentTQuantile, summarise } from '../../shared/domain/stats.ts'
import { emptyTally, tallyResponses, type GroupKey, type ResponseRow } from '../../shared/domain/tally.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { itemOrder, type RoleId } from '../../shared/instrument/types.ts'
import type { SurveyReport } from '../../shared/schemas/reports.ts'

// Every scoring rule against values worked out by hand (docs/scoring.md shows the same sums).

const ITEMS = itemOrder(dlV1).length
const row = (answers: (number | null)[] | number | null, role: RoleId | null = 'teacher', now: number | null = null): ResponseRow => ({
  answers: Array.isArray(answers) ? answers : Array.from({ length: ITEMS }, () => answers),
  role,
  nowPattern: now,
  aimPattern: null,
})
const survey = (k = 5): SurveyReport['survey'] => ({
  id: 1, title: 'T', schoolId: 1, schoolName: 'S', phase: 'closed', opensAt: '2026-01-01T00:00:00.000Z', closesAt: '2026-01-15T00:00:00.000Z',
  k, releaseMode: 'at_close', expectedStaff: null, instrumentVersion: 'dl-v1', accessMode: 'link', codeCustodianName: null,
  timeZone: 'Europe/London', opensOn: '2026-01-01', closesOn: '2026-01-15', closedAt: null, responseCount: 0, responseCountPrecision: 'exact',
})
function reportOf(rows: ResponseRow[], k = 5, expectedStaff: number | null = null) {
  const plan = planRelease({ phase: 'closed', releaseMode: 'at_close', k, responseCount: rows.length })
  const disclosed = plan.released ? disclose(tallyResponses(dlV1, rows), plan, k, itemCountsOf(dlV1)) : null
  return buildReport({ instrument: dlV1, survey: { ...survey(k), expectedStaff }, plan, disclosed, comments: [], overlays: { previous: null, trust: null } })
}

describe('statistics', () => {
  it.each([
    [0.975, 1, 12.7062],
    [0.975, 4, 2.7764],
    [0.975, 9, 2.2622],
    [0.975, 29, 2.0452],
    [0.975, 1000, 1.9623],
    [0.5, 7, 0],
    [0.025, 9, -2.2622],
  ])('t quantile p=%d, df=%d is %d', (p, df, t) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(t, 3)
  })

  it('summarises weighted values: mean, sample SD, 95 % CI', () => {
    // values 2, 3, 3, 4: mean 3, SD sqrt(2/3) = 0.8165, CI 3 ± 3.1824 × 0.8165 / 2
    const s = summarise([[2, 1], [3, 2], [4, 1]])
    expect(s.n).toBe(4)
    expect(s.mean).toBe(3)
    expect(s.sd).toBeCloseTo(0.8165, 4)
    expect(s.ciLow).toBeCloseTo(3 - 1.2992, 3)
    expect(s.ciHigh).toBeCloseTo(3 + 1.2992, 3)
  })

  it.each([
    ['no values', [], { n: 0, mean: null, sd: null, ciLow: null, ciHigh: null }],
    ['one respondent', [[4, 1]], { n: 1, mean: 4, sd: null, ciLow: null, ciHigh: null }],
    ['identical answers', [[3, 5]], { n: 5, mean: 3, sd: 0, ciLow: 3, ciHigh: 3 }],
  ] as const)('summarises %s', (_case, values, expected) => {
    expect(summarise(values)).toEqual(expected)
  })

  it("computes Cronbach's alpha, and says when it is undefined", () => {
    // three respondents, two items: (1,2), (2,3), (3,3). Item variances 1 and 1/3, total variance 7/3.
    // alpha = 2/1 × (1 − (4/3)/(7/3)) = 2 × 3/7 = 0.857142...
    const alpha = cronbachAlpha({ n: 3, itemSums: [6, 8], itemSquares: [14, 22], totalSum: 14, totalSquares: 70 })
    expect(alpha).toBeCloseTo(6 / 7, 10)
    expect(cronbachAlpha({ n: 4, itemSums: [12, 12], itemSquares: [36, 36], totalSum: 24, totalSquares: 144 })).toBeNull() // no variance
    expect(cronbachAlpha({ n: 1, itemSums: [3, 3], itemSquares: [9, 9], totalSum: 6, totalSquares: 36 })).toBeNull()
  })

  it.each([
    [[0, 0, 1, 0, 0, 0, 0], 0.5, 3],
    [[1, 1, 1, 1, 0, 0, 0], 0.5, 2],
    [[1, 1, 1, 1, 0, 0, 0], 0.25, 1],
    [[1, 1, 1, 1, 0, 0, 0], 0.75, 3],
    [[0, 0, 0, 0, 0, 0, 0], 0.5, null],
  ])('quantile of votes %j at %d is %d', (votes, q, expected) => {
    expect(discreteQuantile(votes, q)).toBe(expected)
  })
})

describe('scale scores: the 60 % rule', () => {
  it('needs 3 of 5 items, 24 of 40', () => {
    expect([minAnswered(5), minAnswered(4), minAnswered(6), minAnswered(40)]).toEqual([3, 3, 4, 24])
  })

  it('averages respondents, not answers, and leaves out those who answered too little', () => {
    // respondent A answers 5,5,5 (of 5 items) → 5; B answers 1,2,3,4,5 → 3; C answers only 4,4 → does not count
    const bins = [{ answered: 3, sum: 15, count: 1 }, { answered: 5, sum: 15, count: 1 }, { answered: 2, sum: 8, count: 1 }]
    expect(scoreSummary(bins, 5)).toMatchObject({ n: 2, mean: 4 })
    expect(eligibleCount(bins, 5)).toBe(2)
  })

  it('subtracts one group from the whole', () => {
    expect(subtractBins([{ answered: 5, sum: 20, count: 3 }, { answered: 5, sum: 10, count: 1 }], [{ answered: 5, sum: 20, count: 3 }])).toEqual([{ answered: 5, sum: 10, count: 1 }])
  })
})

describe('release', () => {
  it.each([
    [{ phase: 'draft', releaseMode: 'at_close', k: 5, responseCount: 0 }, { released: false }],
    [{ phase: 'open', releaseMode: 'at_close', k: 5, responseCount: 40 }, { released: false }],
    [{ phase: 'closed', releaseMode: 'at_close', k: 5, responseCount: 4 }, { released: false }],
    [{ phase: 'closed', releaseMode: 'at_close', k: 5, responseCount: 5 }, { released: true, includedResponses: 5, completeBatches: null, groupsAndComments: true }],
    [{ phase: 'open', releaseMode: 'live', k: 5, responseCount: 4, releasedBatches: 0 }, { released: false }],
    [{ phase: 'open', releaseMode: 'live', k: 5, responseCount: 5, releasedBatches: 0 }, { released: false }],
    [{ phase: 'open', releaseMode: 'live', k: 5, responseCount: 5, releasedBatches: 1 }, { released: true, includedResponses: 5, completeBatches: 1, groupsAndComments: false }],
    [{ phase: 'open', releaseMode: 'live', k: 5, responseCount: 9, releasedBatches: 1 }, { released: true, includedResponses: 5, completeBatches: 1 }],
    [{ phase: 'open', releaseMode: 'live', k: 5, responseCount: 10, releasedBatches: 1 }, { released: true, includedResponses: 5, completeBatches: 1 }],
    [{ phase: 'closed', releaseMode: 'live', k: 4, responseCount: 11, releasedBatches: 2 }, { released: true, includedResponses: 8, completeBatches: 2, groupsAndComments: true }],
  ] as const)('planRelease(%j)', (input, expected) => {
    expect(planRelease(input)).toMatchObject(expected)
  })

  it('releases a live batch from the day (UTC) after it completed', () => {
    const completedOn = ['2026-11-02', '2026-11-02', '2026-11-03']
    expect(liveBatchesReleased(completedOn, new Date('2026-11-02T23:59:59Z'))).toBe(0)
    expect(liveBatchesReleased(completedOn, new Date('2026-11-03T00:00:00Z'))).toBe(2)
    expect(liveBatchesReleased(completedOn, new Date('2026-11-04T08:00:00Z'))).toBe(3)
  })
})

describe('complementary suppression', () => {
  const sizes = (entries: [GroupKey, number][]) => new Map(entries)
  it.each([
    ['all groups at least k', [['teacher', 10], ['support_staff', 6]], 5, []],
    ['one group of k − 1 and the next smallest', [['senior_leader', 4], ['middle_leader', 6], ['teacher', 12]], 5, ['senior_leader', 'middle_leader']],
    ['two small groups already k together', [['senior_leader', 2], ['other', 3], ['teacher', 12]], 5, ['senior_leader', 'other']],
    ['two small groups short of k take a third', [['senior_leader', 1], ['other', 2], ['middle_leader', 7], ['teacher', 12]], 5, ['senior_leader', 'other', 'middle_leader']],
    ['nothing left to hide behind', [['senior_leader', 2], ['teacher', 3]], 5, ['senior_leader', 'teacher']],
  ] as [string, [GroupKey, number][], number, GroupKey[]][])('%s', (_case, entries, k, hidden) => {
    expect([...suppress(sizes(entries), k).keys()].sort()).toEqual([...hidden].sort())
  })
})

describe('the report, from hand-made answers', () => {
  it('shows nothing from fewer than k responses', () => {
    const report = reportOf([row(4), row(5), row(3), row(4)])
    expect(report.released).toBe(false)
    expect(report.scales.every((s) => s.mean === null)).toBe(true)
  })

  it('scores identical answers exactly, with alpha undefined and no spread', () => {
    const report = reportOf(Array.from({ length: 12 }, () => row(4)))
    for (const scale of report.scales) {
      expect(scale).toMatchObject({ n: 12, mean: 4, sd: 0, ciLow: 4, ciHigh: 4, favourable: 1, neutral: 0, unfavourable: 0, alpha: null })
    }
    // index (4 − 1) / 4 × 100 = 75 for both: emergent distribution (65 ≤ 75 < 80)
    expect(report.continuum.evidence).toMatchObject({ distribution: { index: 75 }, coordination: { index: 75 }, pattern: 5 })
  })

  it('leaves out every scale when everyone answered "Don\'t know", and says so', () => {
    const report = reportOf(Array.from({ length: 8 }, () => row(null)))
    expect(report.released).toBe(true)
    expect(report.scales.every((s) => s.mean === null && s.items.every((i) => i.counts === null))).toBe(true)
    expect(report.continuum.evidence).toBeNull()
    expect(report.suppression.filter((n) => /has no score/.test(n))).toHaveLength(9)
    expect(report.strengths).toEqual([])
  })

  it('computes favourable shares over answers and the "Don\'t know" rate per item', () => {
    // 6 respondents; on sr1: 5, 4, 2, 3, 3 and one "Don't know"
    const sr1 = itemOrder(dlV1).indexOf('sr1')
    const rowsWith = (values: (number | null)[]) =>
      values.map((v) => {
        const answers: (number | null)[] = Array.from({ length: ITEMS }, () => 3)
        answers[sr1] = v
        return row(answers)
      })
    const rows = rowsWith([5, 4, 2, 3, 3, null])
    const item = reportOf(rows).scales[0]!.items.find((i) => i.id === 'sr1')!
    expect(item).toMatchObject({ counts: [0, 1, 2, 1, 1], answered: 5, mean: 3.4, dontKnowRate: 1 / 6 })
    // with only four answers (fewer than k) the item is withheld
    expect(reportOf(rowsWith([5, 4, 2, 3, null, null])).scales[0]!.items.find((i) => i.id === 'sr1')!.counts).toBeNull()
  })

  it('places the perceived position at the median of the votes with its quartiles', () => {
    const rows = [2, 3, 3, 3, 4, 5].map((v) => row(3, 'teacher', v))
    expect(reportOf(rows).continuum.perceived.now).toEqual({ votes: [0, 1, 3, 1, 1, 0, 0], n: 6, median: 3, q1: 3, q3: 4 })
  })

  it('says when perceived and evidence positions are more than one pattern apart', () => {
    const rows = Array.from({ length: 10 }, () => row(5, 'teacher', 1))
    const report = reportOf(rows)
    expect(report.continuum.evidence?.pattern).toBe(6)
    expect(report.continuum.disagreement).toMatch(/"Autocracy".*"Assertive distribution"/)
    expect(reportOf(Array.from({ length: 10 }, () => row(5, 'teacher', 5))).continuum.disagreement).toBeNull()
  })

  it('marks a report provisional below a 50 % response rate', () => {
    const rows = Array.from({ length: 6 }, () => row(4))
    expect(reportOf(rows, 5, 13)).toMatchObject({ provisional: true, responseRate: 0.4615 })
    expect(reportOf(rows, 5, 12)).toMatchObject({ provisional: false, responseRate: 0.5 })
    expect(reportOf(rows, 5, null)).toMatchObject({ provisional: false, responseRate: null })
  })

  it('names the strongest and weakest scales with next steps', () => {
    const order = itemOrder(dlV1)
    const answers = order.map((id) => (id.startsWith('ol') ? 5 : id.startsWith('ce') ? 1 : 3))
    const report = reportOf(Array.from({ length: 6 }, () => row(answers)))
    expect(report.strengths[0]).toMatchObject({ id: 'organisational_learning', evidence: 'Mean 5.00 of 5; 100 % of answers agree.' })
    expect(report.priorities[0]).toMatchObject({ id: 'community_engagement' })
    expect(report.priorities[0]!.nextSteps.join(' ')).toMatch(/other schools/)
  })

  it('flags lack of strategic direction, silos and slow decisions from their rules', () => {
    const order = itemOrder(dlV1)
    // Hallmarks 5 (index 100), coordination 1 (index 0): distributed without coordination.
    const answers = order.map((id) => (id.startsWith('co') ? 1 : 5))
    const report = reportOf(Array.from({ length: 6 }, () => row(answers)))
    expect(report.continuum.evidence?.pattern).toBe(7)
    expect(report.flags.map((f) => f.id).sort()).toEqual(['silos', 'slow_decisions', 'strategic_direction'])
    const calm = reportOf(Array.from({ length: 6 }, () => row(4)))
    expect(calm.flags).toEqual([])
  })
})

describe('disclose', () => {
  it('hides an item fewer than k people answered, and alpha below ten complete responses', () => {
    const tally = emptyTally(dlV1)
    tally.respondents = 9
    tally.items.sr1 = { counts: [1, 1, 1, 1, 0], dontKnow: 5 }
    tally.items.sr2 = { counts: [1, 1, 1, 1, 1], dontKnow: 4 }
    tally.alpha.synergy = { n: 9, itemSums: [1, 1, 1, 1, 1], itemSquares: [1, 1, 1, 1, 1], totalSum: 5, totalSquares: 5 }
    const plan = planRelease({ phase: 'closed', releaseMode: 'at_close', k: 5, responseCount: 9 })
    const disclosed = disclose(tally, plan, 5, itemCountsOf(dlV1))
    expect(disclosed.items.sr1).toBeNull()
    expect(disclosed.items.sr2).toEqual({ counts: [1, 1, 1, 1, 1], dontKnow: 4 })
    expect(disclosed.alpha.synergy).toBeUndefined()
    expect(disclosed.commentsVisible).toBe(false)
  })
})
