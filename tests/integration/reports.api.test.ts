import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { tallyEachSurvey } from '../../server/modules/reports/reports.repository.ts'
import { disclose, planRelease } from '../../shared/domain/anonymity.ts'
import { buildReport, itemCountsOf } from '../../shared/domain/report.ts'
import { answersInOrder, generateResponses } from '../../shared/domain/synthetic.ts'
import { tallyResponses, type ResponseRow } from '../../shared/domain/tally.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { PATTERN_VALUES, type PatternValue, type RoleId } from '../../shared/instrument/types.ts'
import type { SubmitResponseBody } from '../../shared/schemas/forms.ts'
import { SurveyReportSchema, type SurveyReport } from '../../shared/schemas/reports.ts'
import { SurveySchema } from '../../shared/schemas/surveys.ts'
import { DAY, storeResponses } from '../helpers/fixtures.ts'
import { testDatabases } from '../helpers/test-db.ts'
import { as, openSurveyAsSchoolLeader, reportAsSchoolLeader, useWorld } from '../helpers/world.ts'

const rowOf = (body: SubmitResponseBody): ResponseRow => ({
  answers: answersInOrder(dlV1, body),
  role: (body.role ?? null) as RoleId | null,
  nowPattern: body.nowPattern ?? null,
  aimPattern: body.aimPattern ?? null,
})

describe.each(testDatabases())('school reports on %s', (kind) => {
  const t = useWorld(kind)

  const leader = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: as(t.world, 'schoolLeader'), ...(payload ? { payload } : {}) })
  const report = (surveyId: number) => reportAsSchoolLeader(t.app, t.world, surveyId)
  const csv = async (surveyId: number) => (await leader('GET', `/api/surveys/${surveyId}/report.csv`)).body

  // These tests are about the dl-v1 report (its answers, tallies and figures), so their surveys use dl-v1, not the default.
  const newSurvey = (body: object = {}) => openSurveyAsSchoolLeader(t.app, t.world, t.now, { expectedStaff: 60, instrumentVersion: 'dl-v1', ...body })
  const submit = async (token: string, bodies: SubmitResponseBody[]) => {
    for (const body of bodies) expect((await t.app.inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload: body })).statusCode).toBe(201)
  }
  const close = async (id: number) => expect((await leader('POST', `/api/surveys/${id}/close`)).statusCode).toBe(200)

  it.each(PATTERN_VALUES)('computes in SQL exactly the tally the pure code computes (pattern %d)', async (pattern) => {
    const bodies = generateResponses({ instrument: dlV1, pattern: pattern as PatternValue, respondents: 40, seed: 300 + pattern, dontKnowRate: 0.08, skipRate: 0.06 })
    const { id } = await newSurvey()
    await storeResponses(t.db, id, dlV1, bodies)
    expect((await tallyEachSurvey(t.db, [id], dlV1)).get(id)).toEqual(tallyResponses(dlV1, bodies.map(rowOf)))
  })

  it('reports, through the API, exactly what the pure computation gives for the same answers', async () => {
    const bodies = generateResponses({ instrument: dlV1, pattern: 4, respondents: 36, seed: 42 })
    const { id, token } = await newSurvey()
    await submit(token, bodies)
    await close(id)
    const got = await report(id)

    const tally = tallyResponses(dlV1, bodies.map(rowOf))
    const plan = planRelease({ phase: 'closed', releaseMode: 'at_close', k: 5, responseCount: 36 })
    const expected = buildReport({
      instrument: dlV1,
      survey: got.survey,
      plan,
      disclosed: disclose(tally, plan, 5, itemCountsOf(dlV1)),
      comments: got.comments.items,
      overlays: got.overlays,
    })
    // norms are added after the school's own figures (tests/integration/norms.test.ts): with one school, no group can be shown
    expect({ ...got, norms: null }).toEqual(expected)
    expect(got.norms?.groups).toEqual([])
    expect(got.released).toBe(true)
    expect(got.responseCount).toBe(36)
    expect(got.responseRate).toBeCloseTo(36 / 60, 4)
    expect(got.provisional).toBe(false)
    expect(got.scales.every((s) => s.mean !== null && s.n !== null && s.n > 30)).toBe(true)
    expect(got.continuum.evidence?.pattern).toBeGreaterThanOrEqual(3)
    expect(got.continuum.evidence?.pattern).toBeLessThanOrEqual(5)
    // comments come back in a random order each time, but always the same set
    const sorted = (r: SurveyReport) => r.comments.items.map((c) => `${c.prompt}:${c.body}`).sort()
    expect(sorted(await report(id))).toEqual(sorted(got))
  })

  it('releases nothing while a survey released at close is open, nor below k at close', async () => {
    const { id, token } = await newSurvey()
    await submit(token, generateResponses({ instrument: dlV1, pattern: 3, respondents: 4, seed: 5 }))
    const open = await report(id)
    expect(open).toMatchObject({ released: false, responseCount: 0, groups: [], comments: { visible: false, items: [] } })
    expect(open.releaseNote).toMatch(/released when the survey closes/)
    expect(open.scales.every((s) => s.mean === null && s.items.every((i) => i.counts === null))).toBe(true)
    // The report says what the survey page says of the survey, so the report page needs no second request.
    const page = SurveySchema.parse((await t.app.inject({ method: 'GET', url: `/api/surveys/${id}`, headers: as(t.world, 'schoolLeader') })).json())
    expect(open.survey).toMatchObject({ opensOn: page.opensOn, closesOn: page.closesOn, closedAt: null, timeZone: page.timeZone, responseCount: page.responseCount, responseCountPrecision: page.responseCountPrecision })
    await close(id)
    const closed = await report(id)
    expect(closed.released).toBe(false)
    expect(closed.releaseNote).toMatch(/Fewer than 5 people answered/)
    expect(closed.continuum).toEqual({ perceived: { now: null, aim: null }, evidence: null, disagreement: null })
    const lines = (await csv(id)).trim().split('\r\n')
    expect(lines.filter((l) => /^(scale|item|group|continuum),/.test(l) && !/,$/.test(l))).toEqual([])
  })

  it('hides a role group of k − 1, and the next smallest with it, everywhere including the CSV', async () => {
    const roles: [RoleId, number][] = [['senior_leader', 4], ['middle_leader', 6], ['teacher', 12], ['support_staff', 9]]
    const bodies = roles.flatMap(([role, n], r) =>
      generateResponses({ instrument: dlV1, pattern: 4, respondents: n, seed: 900 + r }).map((b) => ({ ...b, role })),
    )
    const { id, token } = await newSurvey()
    await submit(token, bodies)
    await close(id)
    const got = await report(id)
    expect(got.groups.map((g) => [g.group, g.n])).toEqual([['teacher', 12], ['support_staff', 9]])
    expect(got.hiddenGroups).toEqual([
      { group: 'senior_leader', label: 'Senior leaders', why: 'fewer_than_k', reason: 'fewer than 5 responses' },
      { group: 'middle_leader', label: 'Middle leaders', why: 'complementary', reason: expect.stringMatching(/smaller group cannot be worked out/) },
      // groups nobody answered in are listed like any group below k (issue 9.6)
      { group: 'other', label: 'Other roles', why: 'fewer_than_k', reason: 'fewer than 5 responses' },
      { group: 'unstated', label: 'Role not given', why: 'fewer_than_k', reason: 'fewer than 5 responses' },
    ])
    expect(got.perceptionGap).toBeNull()
    expect(got.perceptionGapNote).toMatch(/at least 5 responses/)
    const text = await csv(id)
    expect(text).not.toMatch(/^group,[^\r\n]*,(senior_leader|middle_leader),(n|mean),\d/m)
    expect(text).toMatch(/^suppressed,,,,,senior_leader,withheld,fewer than 5 responses\r$/m)
    // the hidden groups together cannot be worked out either: everyone minus the shown groups is 10 ≥ k
    expect(got.responseCount - got.groups.reduce((n, g) => n + g.n, 0)).toBeGreaterThanOrEqual(5)
  })

  it('shows the perception gap when senior leaders and the rest each reach k', async () => {
    const senior = generateResponses({ instrument: dlV1, pattern: 6, respondents: 6, seed: 11 }).map((b) => ({ ...b, role: 'senior_leader' as const }))
    const rest = generateResponses({ instrument: dlV1, pattern: 2, respondents: 14, seed: 12 }).map((b) => ({ ...b, role: 'teacher' as const }))
    const { id, token } = await newSurvey()
    await submit(token, [...senior, ...rest])
    await close(id)
    const got = await report(id)
    expect(got.perceptionGap).toHaveLength(9)
    expect(got.perceptionGap!.filter((g) => g.id !== 'coordination').every((g) => g.gap > 1)).toBe(true)
    expect(got.flags.map((f) => f.id)).toContain('silos')
  })

  it('moves live results only in whole batches of k, each from the day after it completed, before and after closing', async () => {
    const { id, token } = await newSurvey({ releaseMode: 'live', k: 5 })
    const bodies = generateResponses({ instrument: dlV1, pattern: 5, respondents: 12, seed: 77 })
    // a day passes, as far as batches go (moving the clock a day would end the leader's session)
    const nextDay = () => sql`update surveys set live_batches_completed_on = array(select d - 1 from unnest(live_batches_completed_on) as x(d))`.execute(t.db)
    await submit(token, bodies.slice(0, 4))
    expect((await report(id)).released).toBe(false)
    await submit(token, bodies.slice(4, 5))
    // the first batch is complete, but it is released only tomorrow
    const sameDay = await report(id)
    expect(sameDay).toMatchObject({ released: false, responseCount: 0 })
    expect(sameDay.releaseNote).toMatch(/the day after 5 people have answered/)
    await nextDay()
    const atK = await report(id)
    expect(atK).toMatchObject({ released: true, responseCount: 5, groups: [], comments: { visible: false } })
    await submit(token, bodies.slice(5, 6))
    const atKPlusOne = await report(id)
    expect(atKPlusOne).toEqual(atK)
    expect(await csv(id)).toBe(await csv(id))
    await submit(token, bodies.slice(6, 12))
    // a second batch completed today: still the first five
    expect((await report(id)).responseCount).toBe(5)
    await nextDay()
    expect((await report(id)).responseCount).toBe(10)
    await close(id)
    const closed = await report(id)
    expect(closed.responseCount).toBe(10)
    expect(closed.suppression.join(' ')).toMatch(/rests on the first 10 responses/)
    const expectedTally = tallyResponses(dlV1, bodies.slice(0, 12).map(rowOf))
    expect(expectedTally.respondents).toBe(12)
  })

  it('shows comments only from max(k, 10) responses, and never in the order they were written', async () => {
    const bodies = generateResponses({ instrument: dlV1, pattern: 4, respondents: 10, seed: 8, commentRate: 0 }).map((b, i) => ({ ...b, comments: { helps: `Comment number ${i}` } }))
    const { id, token } = await newSurvey()
    await submit(token, bodies.slice(0, 9))
    const nine = await newSurvey()
    await submit(nine.token, bodies.slice(0, 9))
    await close(nine.id)
    const below = await report(nine.id)
    expect(below.comments).toEqual({ visible: false, note: expect.stringMatching(/at least 10 people/), items: [] })
    expect(await csv(nine.id)).not.toMatch(/Comment number/)

    await submit(token, bodies.slice(9))
    await close(id)
    const orders = new Set<string>()
    for (let i = 0; i < 6; i++) {
      const got = await report(id)
      expect(got.comments.visible).toBe(true)
      expect(got.comments.items.map((c) => c.body).sort()).toEqual(bodies.map((_, j) => `Comment number ${j}`).sort())
      orders.add(got.comments.items.map((c) => c.body).join('|'))
    }
    expect(orders.size).toBeGreaterThan(1)
  })

  it('overlays the previous cycle of the same school', async () => {
    const first = await newSurvey({ title: 'Last year', opensAt: new Date(t.now.getTime() - 400 * DAY).toISOString(), closesAt: new Date(t.now.getTime() - 380 * DAY).toISOString() })
    await storeResponses(t.db, first.id, dlV1, generateResponses({ instrument: dlV1, pattern: 2, respondents: 12, seed: 1 }))
    const { id, token } = await newSurvey({ title: 'This year' })
    await submit(token, generateResponses({ instrument: dlV1, pattern: 5, respondents: 12, seed: 2 }))
    await close(id)
    const got = await report(id)
    expect(got.overlays.previous).toMatchObject({ label: 'Last year', basis: '12 responses' })
    expect(Object.values(got.overlays.previous!.scales).every((mean) => mean !== null)).toBe(true)
    expect(got.scales.find((s) => s.id === 'shared_power')!.mean!).toBeGreaterThan(got.overlays.previous!.scales.shared_power!)
  })

  it('writes RFC 4180 CSV with a byte-order mark, CRLF and quoted fields, and a codebook', async () => {
    const { id, token } = await newSurvey({ title: 'Autumn, "quoted" survey' })
    await submit(token, generateResponses({ instrument: dlV1, pattern: 4, respondents: 12, seed: 3 }))
    await close(id)
    const res = await leader('GET', `/api/surveys/${id}/report.csv`)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['content-disposition']).toBe(`attachment; filename="continuum-report-${id}.csv"`)
    expect(res.body.startsWith('\uFEFFsection,scale_id,scale,item_id,item,group,measure,value\r\n')).toBe(true)
    expect(res.body).toContain('survey,,,,,all,title,"Autumn, ""quoted"" survey"\r\n')
    expect(res.body.split('\r\n').slice(1, -1).every((line) => line.length > 0)).toBe(true)
    const codebook = await leader('GET', `/api/surveys/${id}/report.csv?part=codebook`)
    expect(codebook.body).toMatch(/^\uFEFFcolumn or measure,meaning\r\n/)
    expect(codebook.body).toContain('measure: favourable, neutral, unfavourable')
    expect((await leader('GET', `/api/surveys/${id}/report.csv?part=everything`)).statusCode).toBe(400)
  })

  it('gives the report, its CSV and the codebook in Welsh on ?lang=cy, with the same figures', async () => {
    const { id, token } = await newSurvey({ title: 'Hydref' })
    await submit(token, generateResponses({ instrument: dlV1, pattern: 4, respondents: 12, seed: 4 }))
    await close(id)
    const english = await report(id)
    const res = await leader('GET', `/api/surveys/${id}/report?lang=cy`)
    expect(res.statusCode).toBe(200)
    const welsh = SurveyReportSchema.parse(res.json())
    expect(welsh.scales.find((s) => s.id === 'synergy')!.name).toBe('Synergedd')
    expect(welsh.scales.map((s) => s.mean)).toEqual(english.scales.map((s) => s.mean))
    const csv = await leader('GET', `/api/surveys/${id}/report.csv?lang=cy`)
    expect(csv.body.startsWith('\uFEFFsection,scale_id,scale,item_id,item,group,measure,value\r\n')).toBe(true)
    expect(csv.body).toContain('scale,synergy,Synergedd,,,all,n,')
    const codebook = await leader('GET', `/api/surveys/${id}/report.csv?part=codebook&lang=cy`)
    expect(codebook.body).toMatch(/^\uFEFFcolofn neu fesur,ystyr\r\n/)
    expect(codebook.body).toContain('measure: favourable, neutral, unfavourable')
    const refused = await leader('GET', `/api/surveys/${id}/report.csv?lang=fr`)
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error.message).toMatch(/lang is "en" \(English\) or "cy" \(Cymraeg\)/)
  })
})
