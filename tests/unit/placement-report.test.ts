import { describe, expect, it } from 'vitest'
import { disclose, planRelease } from '../../shared/domain/anonymity.ts'
import { buildOverview, surveyFigures } from '../../shared/domain/overview.ts'
import { placementResult, placementSection } from '../../shared/domain/placement-report.ts'
import { buildReport, itemCountsOf } from '../../shared/domain/report.ts'
import { codebookCsv, reportCsv } from '../../shared/domain/report-csv.ts'
import { tallyResponses } from '../../shared/domain/tally.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { itemOrder } from '../../shared/instrument/types.ts'
import { PlacementSectionSchema, SurveyReportSchema, type SurveyReport } from '../../shared/schemas/reports.ts'
import { seededRandom } from '../../shared/domain/random.ts'
import type { V2Response } from '../../shared/domain/response-style.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { buildModel, CONFIG_A, generateSchool, trueSchool } from '../../scripts/simulation/irt.ts'

const irt = buildModel(dlV2, CONFIG_A)
const school = trueSchool(irt, { spread: 75, coordination: 70, initiative: 80, contest: 20 }, seededRandom(1))
const staff = (n: number, seed = 2): V2Response[] => generateSchool(irt, school, n, seededRandom(seed)).map((r, i) => ({ ...r, nowPattern: 4 + (i % 2), role: i < 6 ? 'senior_leader' : 'teacher' }))
const contestPairs = dlV2.patternBlock!.pairs.flatMap((p, i) => (p.dimension === 'contest' ? [i] : []))

describe('the dl-v2 report section', () => {
  it('shows nothing below k responses', () => {
    expect(placementSection(dlV2, staff(4), 5)).toBeNull()
  })

  it('places an emergent school, with every dimension, the map, the vote and the gap', () => {
    const section = placementSection(dlV2, staff(30), 5)!
    expect(section.mostLikely).toBe(5)
    expect(section.words).toMatch(/emergent distribution \((over )?\d+ %\)/)
    expect(section.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10)
    for (const d of Object.values(section.dimensions)) expect(d!.low).toBeLessThanOrEqual(d!.mean)
    expect(section.map.every((a) => a.shares !== null)).toBe(true)
    expect(section.perceived.n).toBe(30)
    expect(section.perceptionGap).toHaveLength(9)
  })

  it('leaves out a dimension fewer than k answered, so its patterns share the probability evenly', () => {
    const answers = staff(20).map((r, i) => (i < 3 ? r : { ...r, pairs: r.pairs.map((v, p) => (contestPairs.includes(p) ? null : v)) }))
    const section = placementSection(dlV2, answers, 5)!
    expect(section.dimensions.contest).toBeNull()
    expect(section.probabilities[4]! / section.probabilities[5]!).toBeCloseTo(1, 6)
  })

  it('withholds a map area fewer than k named leaders for, and the gap when senior leaders are fewer than k', () => {
    const answers = staff(12).map((r, i) => ({ ...r, role: i < 3 ? ('senior_leader' as const) : ('teacher' as const), map: r.map.map((m, a) => (a === 0 && i >= 3 ? ['dont_know'] : m)) }))
    const section = placementSection(dlV2, answers, 5)!
    expect(section.map[0]!.shares).toBeNull()
    expect(section.map[0]!.dontKnow).toBeGreaterThanOrEqual(9)
    expect(section.perceptionGap).toBeNull()
  })
})

describe('the dl-v2 section as the report sends it', () => {
  it('is valid against the report schema, with the map labelled and the flags in words', () => {
    const result = placementResult(dlV2, staff(30), 5)!
    expect(() => PlacementSectionSchema.parse(result)).not.toThrow()
    expect(result.map.map((a) => a.label)).toEqual(dlV2.leadershipMap!.areas.map((a) => a.label))
    expect(result.flags.map((f) => f.id)).toEqual(['silos', 'strategic_direction', 'slow_decisions'])
    for (const f of result.flags) expect(f.evidence).toMatch(/"[^"]+"/)
    expect(result.perceived!.words).toMatch(/Staff (most often chose|are split)/)
    expect(result.quality.respondents).toBe(30)
  })

  it('shows the vote only where k voted, alpha only from max(k, 10) people, and fires no flag on items fewer than k answered', () => {
    const few = staff(9).map((r, i) => ({ ...r, nowPattern: i < 4 ? 1 : null }))
    // every answer on the silo items low (so both lie below neutral), but only 4 people answer one of them
    const order = itemOrder(dlV2)
    const [co6, ol6] = [order.indexOf('co6'), order.indexOf('ol6')]
    const silos = few.map((r, i) => ({ ...r, likert: r.likert.map((v, p) => (p === co6 ? 5 : p === ol6 ? (i < 4 ? 5 : null) : v)) }))
    const result = placementResult(dlV2, silos, 5)!
    expect(result.perceived).toBeNull()
    expect(result.reliability.every((r) => r.alpha === null)).toBe(true)
    const silo = result.flags.find((f) => f.id === 'silos')!
    expect(silo.fires).toBe(false)
    expect(silo.evidence).toMatch(/fewer than 5 people answered/)
    // with k people on both items, the same answers fire it
    const enough = silos.map((r, i) => ({ ...r, likert: r.likert.map((v, p) => (p === ol6 && i < 6 ? 5 : v)) }))
    expect(placementResult(dlV2, enough, 5)!.flags.find((f) => f.id === 'silos')!.fires).toBe(true)
  })
})

describe('the dl-v2 CSV, codebook and overview', () => {
  const placement = placementResult(dlV2, staff(30), 5)!
  const meta: SurveyReport['survey'] = {
    id: 1, title: 'Summer survey', schoolId: 1, schoolName: 'Hill School', phase: 'closed', opensAt: '2026-06-01T08:00:00Z', closesAt: '2026-06-15T08:00:00Z',
    k: 5, releaseMode: 'at_close', expectedStaff: 40, instrumentVersion: dlV2.id, accessMode: 'link', codeCustodianName: null,
    timeZone: 'Europe/London', opensOn: '2026-06-01', closesOn: '2026-06-15', closedAt: null, responseCount: 30, responseCountPrecision: 'exact',
  }
  const plan = planRelease({ phase: 'closed', releaseMode: 'at_close', k: 5, responseCount: 30 })
  const tally = tallyResponses(dlV2, staff(30).map((r) => ({ answers: r.likert, role: r.role, nowPattern: r.nowPattern, aimPattern: r.aimPattern })))
  const report = buildReport({ instrument: dlV2, survey: meta, plan, disclosed: disclose(tally, plan, 5, itemCountsOf(dlV2)), comments: [], overlays: { previous: null, trust: null }, placement })

  it('is a report whose evidence is the placement alone, and whose items say their keying', () => {
    expect(() => SurveyReportSchema.parse(report)).not.toThrow()
    expect(report.placement).toEqual(placement)
    expect(report.continuum.evidence).toBeNull()
    expect(report.scales[0]!.items.map((i) => i.keying)).toEqual(dlV2.scales[0]!.items.map((i) => i.keying))
  })

  it('carries the probabilities, the most likely and runner-up, the dimensions, the map and the quality counts', () => {
    const csv = reportCsv(report)
    placement.probabilities.forEach((p, i) => expect(csv).toContain(`placement,,,,,all,probability_${i + 1},${p.toFixed(4)}`))
    expect(csv).toContain(`placement,,,,,all,most_likely,${placement.mostLikely}`)
    expect(csv).toContain(`placement,,,,,all,runner_up,${placement.runnerUp}`)
    expect(csv).toContain(`dimension,,,spread,,all,low,${placement.dimensions.spread!.low.toFixed(4)}`)
    expect(csv).toContain(`map,,,curriculum,${dlV2.leadershipMap!.areas[0]!.label},all,share_teachers,`)
    expect(csv).toContain(`quality,,,,,all,straight_lining,${placement.quality.straightLining}`)
    expect(reportCsv({ ...report, placement: null })).not.toContain('placement,')
  })

  it("lists every statement with its scale and keying: dl-v2's as keyed, dl-v1's all positive", () => {
    const v2 = codebookCsv(dlV2)
    for (const item of dlV2.scales.flatMap((s) => s.items)) expect(v2).toContain(`item ${item.id},`)
    expect(v2).toMatch(/item sr6,.*keying negative/)
    expect(v2).toMatch(/item sr1,.*keying positive/)
    expect(v2).toContain('measure: probability_1 … probability_7')
    const v1 = codebookCsv(dlV1)
    expect(v1).not.toContain('keying negative')
    expect(v1).not.toContain('probability_1')
    expect(v1.match(/keying positive/g)).toHaveLength(dlV1.scales.flatMap((s) => s.items).length)
  })

  it("places a dl-v2 school on the trust overview by its placement's most likely pattern and its probability", () => {
    const figures = surveyFigures(dlV2, tally, plan, 5, placement)
    expect(figures.evidence).toBeNull()
    const overview = buildOverview({
      instrument: dlV2,
      instrumentVersions: [dlV2.id],
      trust: { id: 1, name: 'T', isDemo: false },
      cycle: null,
      cycles: [],
      current: [{ schoolId: 1, name: 'S', survey: meta, plan, figures }],
      history: [],
      norms: null,
    })
    expect(overview.schools[0]!.continuum).toMatchObject({
      evidencePattern: placement.mostLikely,
      evidenceProbability: placement.probabilities[placement.mostLikely - 1],
      distributionIndex: null,
    })
  })
})
