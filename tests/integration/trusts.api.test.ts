import { beforeEach, describe, expect, it } from 'vitest'
import { insertResponse } from '../../server/modules/forms/forms.repository.ts'
import { createOrganisationService } from '../../server/modules/organisations/organisations.service.ts'
import { createSurveyService } from '../../server/modules/surveys/surveys.service.ts'
import { itemCountsOf, scoreSummary } from '../../shared/domain/report.ts'
import { answersInOrder, generateResponses } from '../../shared/domain/synthetic.ts'
import { mergeBins, tallyResponses } from '../../shared/domain/tally.ts'
import { CURRENT_INSTRUMENT_ID, requireInstrument } from '../../shared/instrument/versions.ts'
import type { Instrument, PatternValue, RoleId } from '../../shared/instrument/types.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { ApiErrorSchema } from '../../shared/errors.ts'
import { SubmitResponseBodySchema, toSubmission, type SubmitResponseBody } from '../../shared/schemas/forms.ts'
import { SurveyReportSchema } from '../../shared/schemas/reports.ts'
import { TrustOverviewSchema, type TrustOverview } from '../../shared/schemas/trusts.ts'
import { resetDb, testDatabases } from '../helpers/test-db.ts'
import { useApp } from '../helpers/app.ts'
import { insertSession, type Session } from '../helpers/world.ts'

// A generated trust: five schools at different points of the continuum, one below k, one with
// no survey, over two terms. Its overview must equal the schools' own reports. The overview
// compares surveys of the current questionnaire, so the trust's surveys use it.
const instrument = requireInstrument(CURRENT_INSTRUMENT_ID)

const NOW = new Date('2026-11-22T12:00:00Z')
const SUMMER = { opensAt: '2026-06-01T08:00:00Z', closesAt: '2026-06-15T17:00:00Z' }
const SPRING = { opensAt: '2026-02-01T08:00:00Z', closesAt: '2026-02-15T17:00:00Z' }

describe.each(testDatabases())('trust overview on %s', (kind) => {
  let trustId: number
  let otherTrustId: number
  let trustLeader: Session
  let schoolLeader: Session
  const bodiesBySchool = new Map<string, SubmitResponseBody[]>()
  const schoolIds = new Map<string, number>()
  const summerSurveyIds = new Map<string, number>()

  async function closedSurvey(schoolId: number, window: { opensAt: string; closesAt: string }, bodies: SubmitResponseBody[], expectedStaff = 40, asked: Instrument = instrument) {
    const surveys = createSurveyService({ db: t.db, publicUrl: 'http://127.0.0.1:3000', now: () => NOW })
    const survey = await surveys.createSurvey(schoolId, { title: `Survey ${window.closesAt.slice(0, 7)}`, expectedStaff, instrumentVersion: asked.id, ...window }, 'open')
    for (const body of bodies) {
      const checked = toSubmission(asked, SubmitResponseBodySchema.parse(body))
      if (checked.ok) await insertResponse(t.db, survey.id, asked.id, checked.submission)
    }
    await t.db.updateTable('surveys').set({ status: 'closed', closed_at: new Date(window.closesAt) }).where('id', '=', survey.id).execute()
    return survey.id
  }
  const t = useApp(kind, { now: () => NOW })
  beforeEach(async () => {
    await resetDb(t.db)
    bodiesBySchool.clear()
    const organisations = createOrganisationService({ db: t.db })
    trustId = (await organisations.createTrust({ name: 'Oak Partnership' })).id
    otherTrustId = (await organisations.createTrust({ name: 'Elm Partnership' })).id
    const plan: [string, PatternValue | null, number][] = [
      ['Ash School', 2, 24],
      ['Beech School', 4, 30],
      ['Cedar School', 6, 18],
      ['Hazel School', 7, 22],
      ['Small School', 3, 4],
      ['New School', null, 0],
    ]
    for (const [i, [name, pattern, n]] of plan.entries()) {
      const school = await organisations.createSchool({ name, trustId })
      schoolIds.set(name, school.id)
      if (pattern === null) continue
      const bodies = generateResponses({ instrument, pattern, respondents: n, seed: 50 + i })
      bodiesBySchool.set(name, bodies)
      summerSurveyIds.set(name, await closedSurvey(school.id, SUMMER, bodies))
      if (name !== 'Small School') {
        await closedSurvey(school.id, SPRING, generateResponses({ instrument, pattern: Math.max(1, pattern - 1) as PatternValue, respondents: 20, seed: 90 + i }))
      }
    }
    const elm = await organisations.createSchool({ name: 'Elm School', trustId: otherTrustId })
    await closedSurvey(elm.id, SUMMER, generateResponses({ instrument, pattern: 5, respondents: 15, seed: 3 }))

    const ceo = await organisations.createLeader({ email: 'ceo@oak.example', displayName: 'Oak CEO' })
    await organisations.grantRole(ceo.id, 'trust_leader', trustId)
    trustLeader = await insertSession(t.db, ceo.id, new Date(Date.now() + 3_600_000))
    const head = await organisations.createLeader({ email: 'head@ash.example', displayName: 'Ash head' })
    await organisations.grantRole(head.id, 'school_leader', schoolIds.get('Ash School')!)
    schoolLeader = await insertSession(t.db, head.id, new Date(Date.now() + 3_600_000))
  })

  const get = (url: string, session: Session = trustLeader) => t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })
  const overview = async (query = ''): Promise<TrustOverview> => {
    const res = await get(`/api/trusts/${trustId}/overview${query}`)
    expect(res.statusCode).toBe(200)
    return TrustOverviewSchema.parse(res.json())
  }
  const school = (o: TrustOverview, name: string) => o.schools.find((s) => s.name === name)!

  it('shows every school of the trust and only those, each with its status', async () => {
    const o = await overview()
    expect(o.cycle?.id).toBe('2026-summer')
    expect(o.cycles.map((c) => c.id)).toEqual(['2026-summer', '2026-spring'])
    expect(o.schools.map((s) => [s.name, s.status])).toEqual([
      ['Ash School', 'reportable'],
      ['Beech School', 'reportable'],
      ['Cedar School', 'reportable'],
      ['Hazel School', 'reportable'],
      ['New School', 'no_survey'],
      ['Small School', 'below_k'],
    ])
    expect(JSON.stringify(o)).not.toContain('Elm School')
  })

  it('never shows a number for a school below k, nor lets the trust totals reveal it', async () => {
    const o = await overview()
    const small = school(o, 'Small School')
    expect(small).toMatchObject({ responseCount: null, responseRate: null, continuum: null, priorities: [], expectedStaff: null })
    expect(Object.values(small.scales).every((mean) => mean === null)).toBe(true)
    expect(o.totals.responseCount).toBe(24 + 30 + 18 + 22)
    expect(o.totals.schoolsReportable).toBe(4)
    expect(o.suppression).toContain('Small School: fewer than 5 responses, so no figures are shown.')
    const csv = (await get(`/api/trusts/${trustId}/overview.csv`)).body
    const smallRows = csv.split('\r\n').filter((line) => line.includes('Small School') && !line.startsWith('suppressed'))
    expect(smallRows.length).toBeGreaterThan(0)
    expect(smallRows.every((line) => line.endsWith(','))).toBe(true)
    for (const trend of o.trends) {
      const entry = trend.schools.find((s) => s.schoolId === small.schoolId)!
      expect(Object.values(entry.scales).every((mean) => mean === null) && entry.evidencePattern === null).toBe(true)
    }
  })

  it('equals each school\'s own report', async () => {
    const o = await overview()
    for (const name of ['Ash School', 'Beech School', 'Cedar School', 'Hazel School']) {
      const report = SurveyReportSchema.parse((await get(`/api/surveys/${summerSurveyIds.get(name)}/report`)).json())
      const row = school(o, name)
      expect(row.scales).toEqual(Object.fromEntries(report.scales.map((s) => [s.id, s.mean])))
      // dl-v2: the evidence position is the placement's most likely pattern, with its probability
      const placed = report.placement
      expect(placed).not.toBeNull()
      expect(row.continuum?.evidencePattern).toBe(placed!.mostLikely)
      expect(row.continuum?.perceivedMedian).toBe(report.continuum.perceived.now?.median)
      expect(row.responseCount).toBe(report.responseCount)
      expect(row.responseRate).toBe(report.responseRate)
      expect(row.continuum).toEqual({
        perceivedMedian: report.continuum.perceived.now?.median ?? null,
        perceivedQ1: report.continuum.perceived.now?.q1 ?? null,
        perceivedQ3: report.continuum.perceived.now?.q3 ?? null,
        evidencePattern: placed!.mostLikely,
        evidenceProbability: placed!.probabilities[placed!.mostLikely - 1],
        distributionIndex: report.continuum.evidence?.distribution.index ?? null,
        coordinationIndex: report.continuum.evidence?.coordination.index ?? null,
      })
      expect(row.priorities).toEqual(report.priorities.map((p) => p.id))
    }
    // the four schools sit at visibly different points of the continuum
    const patterns = ['Ash School', 'Beech School', 'Cedar School', 'Hazel School'].map((n) => school(o, n).continuum!.evidencePattern)
    expect(new Set(patterns).size).toBe(4)
  })

  it('averages the trust weighted by respondents and unweighted by school, from the responses themselves', async () => {
    const o = await overview()
    const reportable = ['Ash School', 'Beech School', 'Cedar School', 'Hazel School']
    const rows = reportable.flatMap((n) => bodiesBySchool.get(n)!).map((b) => ({ answers: answersInOrder(instrument, b), role: (b.role ?? null) as RoleId | null, nowPattern: null, aimPattern: null }))
    const pooled = tallyResponses(instrument, rows)
    const counts = itemCountsOf(instrument)
    for (const scale of instrument.scales) {
      const expected = scoreSummary(mergeBins(pooled.groups.map((g) => g.bins[scale.id])), counts[scale.id]).mean
      expect(o.totals.weighted[scale.id]).toBeCloseTo(expected!, 10)
      const schoolMeans = reportable.map((n) => school(o, n).scales[scale.id]!)
      expect(o.totals.unweighted[scale.id]).toBeCloseTo(schoolMeans.reduce((a, b) => a + b, 0) / 4, 10)
    }
    expect(o.totals.responseRate).toBeCloseTo(94 / 160, 10)
  })

  it('suggests partners strongest on each school\'s priorities, among reportable schools only', async () => {
    const o = await overview()
    const ash = school(o, 'Ash School')
    const pairings = o.pairings.filter((p) => p.schoolId === ash.schoolId)
    expect(pairings.length).toBeGreaterThan(0)
    for (const p of pairings) {
      expect(ash.priorities).toContain(p.scaleId)
      for (const partner of p.partners) {
        expect(['Beech School', 'Cedar School', 'Hazel School']).toContain(partner.name)
        expect(partner.mean).toBeGreaterThanOrEqual(p.mean + 0.25)
      }
      expect(p.prompts.join(' ')).toMatch(/partnership/)
    }
    expect(JSON.stringify(o.pairings)).not.toMatch(/Small School|New School/)
  })

  it('follows schools and the trust across terms, and picks a term or a date range', async () => {
    const o = await overview()
    expect(o.trends.map((t) => t.cycle.id)).toEqual(['2026-spring', '2026-summer'])
    const spring = await overview('?cycle=2026-spring')
    expect(spring.cycle?.label).toBe('Spring 2026')
    expect(school(spring, 'Small School').status).toBe('no_survey')
    expect(school(spring, 'Ash School').status).toBe('reportable')
    const range = await overview('?from=2026-01-01&to=2026-12-31')
    expect(range.cycle?.label).toBe('1 Jan 2026 – 31 Dec 2026')
    // the latest survey in the range counts: the summer one
    expect(school(range, 'Ash School').surveyId).toBe(summerSurveyIds.get('Ash School'))
    const empty = await overview('?cycle=2024-autumn')
    expect(empty.schools.every((s) => s.status === 'no_survey')).toBe(true)
    expect(Object.values(empty.totals.weighted).every((mean) => mean === null)).toBe(true)
  })

  it.each([
    ['?cycle=2026-winter', /2026-autumn/],
    ['?from=2026-01-01', /both from and to/],
    ['?from=2026-05-01&to=2026-01-01', /must not end before it starts/],
    ['?cycle=2026-summer&from=2026-01-01&to=2026-02-01', /not both/],
    ['?from=2020-01-01&to=2026-01-01', /three years/],
  ])('refuses %s with a clear message', async (query, message) => {
    const res = await get(`/api/trusts/${trustId}/overview${query}`)
    expect(res.statusCode).toBe(400)
    expect(ApiErrorSchema.parse(res.json()).error.message).toMatch(message)
  })

  it('compares one questionnaire at a time: by default that of the latest closed survey, an earlier one on request', async () => {
    // a year earlier, three of the schools answered dl-v1
    const AUTUMN_2025 = { opensAt: '2025-11-03T08:00:00Z', closesAt: '2025-11-14T17:00:00Z' }
    for (const [i, name] of ['Ash School', 'Beech School', 'Cedar School'].entries()) {
      await closedSurvey(schoolIds.get(name)!, AUTUMN_2025, generateResponses({ instrument: dlV1, pattern: (i + 2) as PatternValue, respondents: 12, seed: 200 + i }), 40, dlV1)
    }
    const latest = await overview()
    expect([latest.instrumentVersion, latest.instrumentVersions]).toEqual([instrument.id, [instrument.id, dlV1.id]])
    expect(latest.cycles.map((c) => c.id)).toEqual(['2026-summer', '2026-spring'])

    const earlier = await overview('?instrument=dl-v1')
    expect(earlier.instrumentVersion).toBe(dlV1.id)
    expect(earlier.cycle?.id).toBe('2025-autumn')
    expect(earlier.cycles.map((c) => c.id)).toEqual(['2025-autumn'])
    expect(earlier.schools.filter((s) => s.status === 'reportable').map((s) => s.name)).toEqual(['Ash School', 'Beech School', 'Cedar School'])
    // dl-v1 places a school by its two indices, without a probability
    expect(earlier.schools.filter((s) => s.status === 'reportable').every((s) => s.continuum!.distributionIndex !== null && s.continuum!.evidenceProbability === null)).toBe(true)

    // a link to the earlier term (as a report's way back to the overview) finds that term's questionnaire
    expect((await overview('?cycle=2025-autumn')).instrumentVersion).toBe(dlV1.id)
    expect((await overview('?cycle=2025-autumn&instrument=dl-v2')).schools.every((s) => s.status === 'no_survey')).toBe(true)

    const unknown = await get(`/api/trusts/${trustId}/overview?instrument=dl-v9`)
    expect(unknown.statusCode).toBe(400)
    expect(ApiErrorSchema.parse(unknown.json()).error.message).toContain('instrument is one of dl-v1, dl-v2')
  })

  it('shows a trust whose surveys all used an earlier questionnaire that history, not an empty page', async () => {
    const organisations = createOrganisationService({ db: t.db })
    const yew = await organisations.createTrust({ name: 'Yew Partnership' })
    for (const [i, name] of ['Yew One', 'Yew Two'].entries()) {
      const school = await organisations.createSchool({ name, trustId: yew.id })
      await closedSurvey(school.id, SUMMER, generateResponses({ instrument: dlV1, pattern: 4, respondents: 10, seed: 300 + i }), 40, dlV1)
    }
    const leader = await organisations.createLeader({ email: 'ceo@yew.example', displayName: 'Yew CEO' })
    await organisations.grantRole(leader.id, 'trust_leader', yew.id)
    const res = await get(`/api/trusts/${yew.id}/overview`, await insertSession(t.db, leader.id, new Date(Date.now() + 3_600_000)))
    const o = TrustOverviewSchema.parse(res.json())
    expect([o.instrumentVersion, o.instrumentVersions, o.cycle?.id, o.totals.schoolsReportable]).toEqual([dlV1.id, [dlV1.id], '2026-summer', 2])
  })

  it('is for trust leaders of the trust only', async () => {
    expect((await get(`/api/trusts/${trustId}/overview`, schoolLeader)).statusCode).toBe(403)
    expect((await get(`/api/trusts/${otherTrustId}/overview`)).statusCode).toBe(403)
    expect((await get(`/api/trusts/${trustId}/overview.csv`, schoolLeader)).statusCode).toBe(403)
  })

  it('exports the overview and its codebook as CSV', async () => {
    const res = await get(`/api/trusts/${trustId}/overview.csv?cycle=2026-summer`)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.body.startsWith('\uFEFFsection,school_id,school,status,scale_id,measure,value\r\n')).toBe(true)
    expect(res.body).toMatch(/\r\ntrust,,Oak Partnership,trust,shared_power,mean_weighted,\d\.\d{4}\r\n/)
    const codebook = (await get(`/api/trusts/${trustId}/overview.csv?part=codebook`)).body
    expect(codebook).toContain('mean_unweighted')
  })
})
