import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { ApiErrorSchema } from '../../../shared/errors.ts'
import { itemOrder } from '../../../shared/instrument/types.ts'
import { CURRENT_INSTRUMENT_ID, requireInstrument } from '../../../shared/instrument/versions.ts'
import { SurveyReportSchema, type SurveyReport } from '../../../shared/schemas/reports.ts'
import { AccessCodesSchema, CustodianCodesSchema, CustodianLinkSchema, SurveySchema, type Survey } from '../../../shared/schemas/surveys.ts'
import { DAY } from '../../helpers/fixtures.ts'
import { countRows, testDatabases } from '../../helpers/test-db.ts'
import { as, insertSession, useWorld } from '../../helpers/world.ts'

// Issue 9, item 3: the padding leader. The staff link needs no sign-in, so a leader can answer
// too. If they could see one person arrive, they could add k − 1 answers of known content and read
// that person's answers from the next release. These tests play that leader through the HTTP API
// in each mode and assert exactly what they learn. Threshold anonymity cannot stop a reader who
// can also respond; what stops it is a code custodian (the leader has nothing to answer with).
// How often the remaining attacks succeed over many simulated surveys: scripts/simulation/padding.ts.

const K = 5
const ITEMS = itemOrder(requireInstrument(CURRENT_INSTRUMENT_ID))
/** The victim's answers: 2..5 by item, so every one differs from the padding's 1s. */
const VICTIM = Object.fromEntries(ITEMS.map((id, i) => [id, 2 + (i % 4)]))
const PADDING = Object.fromEntries(ITEMS.map((id) => [id, 1]))

type Mode = 'live link' | 'at-close link' | 'codes held by the leader' | 'codes held by a custodian'
const MODES: Mode[] = ['live link', 'at-close link', 'codes held by the leader', 'codes held by a custodian']

describe.each(testDatabases())('padding attacks on %s', (kind) => {
  const t = useWorld(kind, { submitRateLimit: 1_000_000 })

  const call = (who: 'schoolLeader' | 'trustLeader', method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: as(t.world, who), ...(payload ? { payload } : {}) })
  const leader = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => call('schoolLeader', method, url, payload)
  const tokenOf = (survey: Survey) => survey.link.split('/s/')[1]!
  const answer = (survey: Survey, answers: Record<string, number>, accessCode?: string) =>
    t.app.inject({ method: 'POST', url: `/api/forms/${tokenOf(survey)}/responses`, payload: { instrumentVersion: CURRENT_INSTRUMENT_ID, answers, ...(accessCode ? { accessCode } : {}) } })

  async function openSurvey(mode: Mode): Promise<Survey> {
    const body = {
      title: 'Padding survey',
      expectedStaff: 40,
      opensAt: new Date(t.now.getTime() - DAY).toISOString(),
      closesAt: new Date(t.now.getTime() + 14 * DAY).toISOString(),
      k: K,
      releaseMode: mode === 'live link' ? 'live' : 'at_close',
      accessMode: mode.startsWith('codes') ? 'codes' : 'link',
      ...(mode === 'codes held by a custodian' ? { codeCustodian: { name: 'Pat Office', email: 'office@example.org' } } : {}),
    }
    const created = await leader('POST', `/api/schools/${t.world.schoolA1}/surveys`, body)
    expect(created.statusCode).toBe(201)
    return SurveySchema.parse((await leader('POST', `/api/surveys/${SurveySchema.parse(created.json()).id}/open`)).json())
  }

  /** Codes as the custodian gets them: through a one-time link the leader passes on. */
  async function custodianCodes(survey: Survey, count: number): Promise<string[]> {
    const link = CustodianLinkSchema.parse((await leader('POST', `/api/surveys/${survey.id}/custodian-links`, { count })).json())
    const opened = await t.app.inject({ method: 'POST', url: '/api/custodian-links/open', payload: { token: link.link.split('#')[1] } })
    expect(opened.statusCode).toBe(200)
    return CustodianCodesSchema.parse(opened.json()).codes
  }

  /** Codes for staff in this mode: from the leader, the custodian, or none (the link alone). */
  async function staffCodes(survey: Survey, mode: Mode, count: number): Promise<(string | undefined)[]> {
    if (mode === 'codes held by a custodian') return custodianCodes(survey, count)
    if (mode === 'codes held by the leader') return AccessCodesSchema.parse((await leader('POST', `/api/surveys/${survey.id}/access-codes`, { count })).json()).codes
    return Array.from({ length: count }, () => undefined)
  }

  /**
   * Everything a leader (the school's, and the trust's) can read about the survey while it is open,
   * including what a refused change of k says: the attacker's whole view.
   */
  async function leaderView(survey: Survey): Promise<string[]> {
    const urls = [
      `/api/surveys/${survey.id}`,
      `/api/surveys/${survey.id}/progress`,
      '/api/schools',
      `/api/schools/${t.world.schoolA1}`,
      `/api/schools/${t.world.schoolA1}/surveys`,
      `/api/surveys/${survey.id}/report`,
      `/api/surveys/${survey.id}/report.csv`,
      `/api/trusts/${t.world.trustA}/overview`,
    ]
    const view: string[] = []
    for (const who of ['schoolLeader', 'trustLeader'] as const) {
      for (const url of urls) {
        if (url.startsWith('/api/trusts') && who === 'schoolLeader') continue
        const res = await call(who, 'GET', url)
        view.push(`${who} GET ${url} ${res.statusCode} ${res.body}`)
      }
      const refused = await call(who, 'PATCH', `/api/surveys/${survey.id}`, { k: K + 1 })
      view.push(`${who} PATCH k ${refused.statusCode} ${refused.body.replace(/"requestId":"[^"]*"/, '')}`)
    }
    return view
  }

  /** What the attacker reads off a report built from k − 1 padding answers and one real one. */
  /** A day passes for the stored answers: each is dated one day earlier (only dates are stored). */
  async function aDayPasses(): Promise<void> {
    await sql`update responses set submitted_on = submitted_on - 1`.execute(t.db)
  }

  function recovered(report: SurveyReport): Record<string, number> {
    const learnt: Record<string, number> = {}
    for (const item of report.scales.flatMap((s) => s.items)) {
      if (!item.counts) continue
      const rest = item.counts.map((n, i) => n - (i === 0 ? K - 1 : 0))
      if (rest.reduce((a, b) => a + b, 0) === 1) learnt[item.id] = rest.indexOf(1) + 1
    }
    return learnt
  }

  it.each(MODES)('%s: one person answering an open survey changes nothing any leader can see', async (mode) => {
    const survey = await openSurvey(mode)
    const [code] = await staffCodes(survey, mode, 1)
    const before = await leaderView(survey)
    expect((await answer(survey, VICTIM, code)).statusCode).toBe(201)
    expect(await countRows(t.db, 'responses')).toBe(1)
    expect(await leaderView(survey)).toEqual(before)
  })

  it('live link: the old attack, answering k − 1 times once the count rises by one, never gets its signal', async () => {
    const survey = await openSurvey('live link')
    const count = async () => SurveySchema.parse((await leader('GET', `/api/surveys/${survey.id}`)).json()).responseCount
    const seen = [await count()]
    for (let i = 0; i < K; i++) {
      expect((await answer(survey, VICTIM)).statusCode).toBe(201)
      seen.push(await count())
    }
    // Five people answered one by one; the leader saw 0 each time, even after the fifth: the
    // count covers the days before today. The next day it shows all five at once.
    expect(seen).toEqual([0, 0, 0, 0, 0, 0])
    await aDayPasses()
    expect(await count()).toBe(K)
  })

  it('live link: padding k − 1 answers at opening still isolates the first respondent once the first batch is released (residual risk)', async () => {
    const survey = await openSurvey('live link')
    for (let i = 0; i < K - 1; i++) expect((await answer(survey, PADDING)).statusCode).toBe(201)
    // The leader's own k − 1 answers do not show either: they cannot watch their padding land.
    expect(SurveySchema.parse((await leader('GET', `/api/surveys/${survey.id}`)).json()).responseCount).toBe(0)
    expect((await answer(survey, VICTIM)).statusCode).toBe(201)
    // Releases wait for the day after a batch completes: read the report the next day.
    t.now = new Date(t.now.getTime() + DAY)
    const { id } = await t.db.selectFrom('leaders').select('id').where('email', '=', t.world.emails.schoolLeader).executeTakeFirstOrThrow()
    t.world.sessions.schoolLeader = await insertSession(t.db, id, new Date(t.now.getTime() + DAY))
    const report = SurveyReportSchema.parse((await leader('GET', `/api/surveys/${survey.id}/report`)).json())
    expect(report.responseCount).toBe(K)
    expect(recovered(report)).toEqual(VICTIM)
  })

  it('at-close link: padding k − 1 at opening gets no same-day signal, so closing on the count catches everyone who answered that day', async () => {
    const survey = await openSurvey('at-close link')
    for (let i = 0; i < K - 1; i++) expect((await answer(survey, PADDING)).statusCode).toBe(201)
    const coarse = async () => SurveySchema.parse((await leader('GET', `/api/surveys/${survey.id}`)).json()).responseCount
    expect(await coarse()).toBe(0)
    expect((await answer(survey, VICTIM)).statusCode).toBe(201)
    // The victim's answer makes k in all, but the count covers only earlier days: nothing to act on.
    expect(await coarse()).toBe(0)
    // Colleagues answer later the same day; the next morning the count shows k and the leader closes.
    for (let i = 0; i < 2; i++) expect((await answer(survey, VICTIM)).statusCode).toBe(201)
    await aDayPasses()
    expect(await coarse()).toBe(K)
    expect((await leader('POST', `/api/surveys/${survey.id}/close`)).statusCode).toBe(200)
    const report = SurveyReportSchema.parse((await leader('GET', `/api/surveys/${survey.id}/report`)).json())
    expect(report.responseCount).toBe(K + 2)
    expect(recovered(report)).toEqual({})
  })

  it('at-close link: if the victim is the only one to answer on the first day, padding still isolates them (residual risk)', async () => {
    const survey = await openSurvey('at-close link')
    for (let i = 0; i < K - 1; i++) expect((await answer(survey, PADDING)).statusCode).toBe(201)
    expect((await answer(survey, VICTIM)).statusCode).toBe(201)
    await aDayPasses()
    expect(SurveySchema.parse((await leader('GET', `/api/surveys/${survey.id}`)).json()).responseCount).toBe(K)
    expect((await leader('POST', `/api/surveys/${survey.id}/close`)).statusCode).toBe(200)
    const report = SurveyReportSchema.parse((await leader('GET', `/api/surveys/${survey.id}/report`)).json())
    expect(recovered(report)).toEqual(VICTIM)
  })

  it('codes held by the leader: padding costs k − 1 codes that no member of staff then holds', async () => {
    const survey = await openSurvey('codes held by the leader')
    const codes = await staffCodes(survey, 'codes held by the leader', 40)
    expect(codes).toHaveLength(40)
    for (const code of codes.slice(0, K - 1)) expect((await answer(survey, PADDING, code)).statusCode).toBe(201)
    // The same code never answers twice: each padding answer uses up a slip meant for a person.
    expect((await answer(survey, PADDING, codes[0])).statusCode).toBe(409)
    expect((await answer(survey, PADDING)).statusCode).toBe(400)
    expect(await countRows(t.db, 'responses')).toBe(K - 1)
    // And, as with the link, the leader cannot watch their padding land.
    expect(SurveySchema.parse((await leader('GET', `/api/surveys/${survey.id}`)).json()).responseCount).toBe(0)
  })

  it('codes held by a custodian: the leader has no code to answer with, so no padding is possible', async () => {
    const survey = await openSurvey('codes held by a custodian')
    expect(survey.codeCustodian).toEqual({ name: 'Pat Office', email: 'office@example.org' })
    const made = await leader('POST', `/api/surveys/${survey.id}/access-codes`, { count: K - 1 })
    expect(made.statusCode).toBe(409)
    expect(ApiErrorSchema.parse(made.json()).error.message).toMatch(/held by Pat Office/)
    const staff = await custodianCodes(survey, 30)
    expect(staff).toHaveLength(30)
    expect((await answer(survey, PADDING)).statusCode).toBe(400)
    expect((await answer(survey, PADDING, 'ABCDE-23456')).statusCode).toBeGreaterThanOrEqual(400)
    expect(await countRows(t.db, 'responses')).toBe(0)
    // The codes leave only through the custodian's one-time link: a leader who opened it first
    // would leave the custodian a used link, and the custodian's page counts every link issued.
    const link = CustodianLinkSchema.parse((await leader('POST', `/api/surveys/${survey.id}/custodian-links`, { count: 5 })).json())
    const token = link.link.split('#')[1]
    const first = await t.app.inject({ method: 'POST', url: '/api/custodian-links/open', payload: { token } })
    expect(CustodianCodesSchema.parse(first.json()).linksIssued).toBe(2)
    const again = await t.app.inject({ method: 'POST', url: '/api/custodian-links/open', payload: { token } })
    expect(again.statusCode).toBe(404)
    expect(ApiErrorSchema.parse(again.json()).error.message).toMatch(/already been used/)
    // The report names who held the codes.
    expect((await leader('POST', `/api/surveys/${survey.id}/close`)).statusCode).toBe(200)
    const report = SurveyReportSchema.parse((await leader('GET', `/api/surveys/${survey.id}/report`)).json())
    expect(report.survey).toMatchObject({ accessMode: 'codes', codeCustodianName: 'Pat Office' })
  })
})
