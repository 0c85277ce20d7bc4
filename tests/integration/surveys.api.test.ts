import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { ApiErrorSchema } from '../../shared/errors.ts'
import { SurveyFormSchema } from '../../shared/schemas/forms.ts'
import { AccessCodesSchema, SurveyListSchema, SurveyProgressSchema, SurveySchema, type Survey } from '../../shared/schemas/surveys.ts'
import { DAY, SCORED_BODY } from '../helpers/fixtures.ts'
import { countRows, testDatabases } from '../helpers/test-db.ts'
import { as, useWorld } from '../helpers/world.ts'

describe.each(testDatabases())('survey cycles on %s', (kind) => {
  const t = useWorld(kind)

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: as(t.world, 'schoolLeader'), ...(payload ? { payload } : {}) })
  const errorOf = (res: { json: () => unknown }) => ApiErrorSchema.parse(res.json()).error
  const window = (fromDays: number, toDays: number) => ({
    opensAt: new Date(t.now.getTime() + fromDays * DAY).toISOString(),
    closesAt: new Date(t.now.getTime() + toDays * DAY).toISOString(),
  })
  const answer = (token: string) => t.app.inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload: SCORED_BODY })
  const tokenOf = (survey: Survey) => survey.link.split('/s/')[1]!

  async function createOpenSurvey(body: object = {}): Promise<Survey> {
    const created = await call('POST', `/api/schools/${t.world.schoolA1}/surveys`, { title: 'Spring survey', expectedStaff: 40, ...window(-1, 14), ...body })
    expect(created.statusCode).toBe(201)
    const survey = SurveySchema.parse(created.json())
    expect(survey).toMatchObject({ status: 'draft', phase: 'draft', k: 5, accessMode: 'link', releaseMode: 'at_close', responseCount: 0, settingsLocked: false })
    expect(survey.link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/s\/[\w-]{22}$/)
    return SurveySchema.parse((await call('POST', `/api/surveys/${survey.id}/open`)).json())
  }

  it('runs a cycle: create, open, answer, watch the count, extend, close; a closed survey never reopens', async () => {
    const survey = await createOpenSurvey()
    expect(survey.phase).toBe('open')
    for (let i = 0; i < 7; i++) expect((await answer(tokenOf(survey))).statusCode).toBe(201)

    // While open, the count covers the days before today, in steps of k (5): today's 7 show as 0,
    // and the next day as 5.
    const progress = async () => SurveyProgressSchema.parse((await call('GET', `/api/surveys/${survey.id}/progress`)).json())
    expect(await progress()).toEqual({ surveyId: survey.id, phase: 'open', responseCount: 0, responseCountPrecision: 'coarse', expectedStaff: 40, responseRate: 0, closesAt: survey.closesAt })
    await sql`update responses set submitted_on = submitted_on - 1`.execute(t.db)
    expect(await progress()).toEqual({ surveyId: survey.id, phase: 'open', responseCount: 5, responseCountPrecision: 'coarse', expectedStaff: 40, responseRate: 5 / 40, closesAt: survey.closesAt })

    const later = new Date(t.now.getTime() + 21 * DAY).toISOString()
    const extended = await call('PATCH', `/api/surveys/${survey.id}`, { closesAt: later })
    expect(SurveySchema.parse(extended.json()).closesAt).toBe(later)

    const closed = SurveySchema.parse((await call('POST', `/api/surveys/${survey.id}/close`)).json())
    expect(closed).toMatchObject({ status: 'closed', phase: 'closed', responseCount: 7, responseCountPrecision: 'exact' })
    expect(closed.closedAt).not.toBeNull()
    expect(errorOf(await answer(tokenOf(survey))).code).toBe('SURVEY_CLOSED')
    expect(errorOf(await call('POST', `/api/surveys/${survey.id}/open`)).code).toBe('SURVEY_CLOSED')
    expect(errorOf(await call('PATCH', `/api/surveys/${survey.id}`, { closesAt: new Date(t.now.getTime() + 30 * DAY).toISOString() })).code).toBe('SURVEY_CLOSED')
    expect(await countRows(t.db, 'responses')).toBe(7)
  })

  it('shows no time of any individual response', async () => {
    const survey = await createOpenSurvey()
    await answer(tokenOf(survey))
    for (const url of [`/api/surveys/${survey.id}`, `/api/surveys/${survey.id}/progress`, `/api/schools/${t.world.schoolA1}/surveys`, '/api/schools']) {
      const body = (await call('GET', url)).body
      expect(body).not.toMatch(/submitted|lastResponse|responseAt|answeredAt/i)
    }
  })

  it('locks k, access mode, release mode and opening date once the survey opens, before any response', async () => {
    const created = SurveySchema.parse((await call('POST', `/api/schools/${t.world.schoolA1}/surveys`, { title: 'Spring survey', ...window(-1, 14) })).json())
    const edit = (body: object) => call('PATCH', `/api/surveys/${created.id}`, body)
    expect(SurveySchema.parse((await edit({ k: 7, releaseMode: 'live' })).json())).toMatchObject({ k: 7, releaseMode: 'live', settingsLocked: false })
    const survey = SurveySchema.parse((await call('POST', `/api/surveys/${created.id}/open`)).json())
    expect(survey.settingsLocked).toBe(true)
    for (const change of [{ k: 5 }, { accessMode: 'codes' }, { releaseMode: 'at_close' }, { opensAt: new Date(t.now.getTime() - 2 * DAY).toISOString() }]) {
      const res = await edit(change)
      expect(res.statusCode).toBe(409)
      expect(errorOf(res)).toMatchObject({ code: 'SETTINGS_LOCKED', message: expect.stringMatching(/has opened, so the .* can no longer change/) })
    }
    expect(await countRows(t.db, 'responses')).toBe(0)
    await answer(tokenOf(survey))
    expect(errorOf(await edit({ k: 5 })).code).toBe('SETTINGS_LOCKED')
    const after = SurveySchema.parse((await call('GET', `/api/surveys/${survey.id}`)).json())
    expect(after).toMatchObject({ k: 7, releaseMode: 'live', accessMode: 'link', settingsLocked: true })
    // The same value again is no change; title and staff count stay editable.
    expect((await edit({ k: 7, title: 'Spring staff survey', expectedStaff: 44 })).statusCode).toBe(200)
  })

  it.each([
    [{ title: 'x' }, /at least 3 characters/],
    [{ k: 2 }, /never be below 3/],
    [{ k: 3.5 }, /whole number/],
    [{ closesAt: 'tomorrow' }, /ISO date-time/],
    [{ expectedStaff: 0 }, /at least 1/],
    [{ accessMode: 'email' }, /./],
    [{ colour: 'blue' }, /not part of the request: colour/],
  ])('refuses a new survey with %j, with a clear message, and creates nothing', async (change, message) => {
    const res = await call('POST', `/api/schools/${t.world.schoolA1}/surveys`, { title: 'Spring survey', ...window(1, 10), ...change })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res)).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(message) })
    expect(await countRows(t.db, 'surveys')).toBe(2)
  })

  it.each([
    // 12 June is British Summer Time (UTC+1) in London
    ['Europe/London', '2026-06-01', '2026-06-12', '2026-05-31T23:00:00.000Z', '2026-06-12T23:00:00.000Z', '2026-06-12T22:30:00Z', '2026-06-12T23:01:00Z'],
    ['Europe/London', '2025-12-01', '2025-12-12', '2025-12-01T00:00:00.000Z', '2025-12-13T00:00:00.000Z', '2025-12-12T23:30:00Z', '2025-12-13T00:01:00Z'],
    ['America/New_York', '2025-12-01', '2025-12-12', '2025-12-01T05:00:00.000Z', '2025-12-13T05:00:00.000Z', '2025-12-13T04:30:00Z', '2025-12-13T05:01:00Z'],
  ])('in %s, a survey from %s closing on %s is open until the end of that day: it takes an answer at 23:30 and refuses one at 00:01', async (zone, opensOn, closesOn, opensAt, closesAt, lastHalfHour, nextMorning) => {
    await t.db.updateTable('schools').set({ time_zone: zone }).where('id', '=', t.world.schoolA1).execute()
    t.now = new Date(opensAt)
    const created = await call('POST', `/api/schools/${t.world.schoolA1}/surveys`, { title: 'Days survey', opensAt: opensOn, closesAt: closesOn })
    expect(created.statusCode).toBe(201)
    const survey = SurveySchema.parse(created.json())
    expect(survey).toMatchObject({ opensAt, closesAt, timeZone: zone, opensOn, closesOn })
    expect((await call('POST', `/api/surveys/${survey.id}/open`)).statusCode).toBe(200)
    const form = SurveyFormSchema.parse((await t.app.inject({ method: 'GET', url: `/api/forms/${tokenOf(survey)}` })).json())
    expect(form).toMatchObject({ closesAt, closesOn, timeZone: zone })

    t.now = new Date(lastHalfHour)
    expect((await answer(tokenOf(survey))).statusCode).toBe(201)
    t.now = new Date(nextMorning)
    const late = await answer(tokenOf(survey))
    expect(late.statusCode).toBe(409)
    expect(errorOf(late).code).toBe('SURVEY_CLOSED')
    expect(await t.db.selectFrom('responses').select('id').where('survey_id', '=', survey.id).execute()).toHaveLength(1)
  })

  it('extends a survey to the end of a chosen day, and still takes an exact instant from older clients', async () => {
    t.now = new Date('2026-06-03T09:00:00Z')
    const survey = await createOpenSurvey({ opensAt: '2026-06-01', closesAt: '2026-06-12' })
    const extended = SurveySchema.parse((await call('PATCH', `/api/surveys/${survey.id}`, { closesAt: '2026-06-19' })).json())
    expect(extended).toMatchObject({ closesAt: '2026-06-19T23:00:00.000Z', closesOn: '2026-06-19' })
    const exact = SurveySchema.parse((await call('PATCH', `/api/surveys/${survey.id}`, { closesAt: '2026-06-26T16:00:00+01:00' })).json())
    expect(exact).toMatchObject({ closesAt: '2026-06-26T15:00:00.000Z', closesOn: '2026-06-26' })
    // one day is enough: a survey may close on the day it opens
    const oneDay = await call('POST', `/api/schools/${t.world.schoolA1}/surveys`, { title: 'One day', opensAt: '2026-07-01', closesAt: '2026-07-01' })
    expect(SurveySchema.parse(oneDay.json())).toMatchObject({ opensAt: '2026-06-30T23:00:00.000Z', closesAt: '2026-07-01T23:00:00.000Z' })
    for (const [body, message] of [
      [{ opensAt: '2026-07-02', closesAt: '2026-07-01' }, /must close after it opens/],
      [{ opensAt: '2026-07-01', closesAt: '2026-02-30' }, /use a day such as 2026-12-12/],
      [{ opensAt: '2026-07-01', closesAt: '2026-06-30T09:00:00Z' }, /must close after it opens/],
    ] as const) {
      const res = await call('POST', `/api/schools/${t.world.schoolA1}/surveys`, { title: 'Refused', ...body })
      expect(res.statusCode).toBe(400)
      expect(errorOf(res).message).toMatch(message)
    }
  })

  it('refuses a survey that closes before it opens, and an extension into the past', async () => {
    const backwards = await call('POST', `/api/schools/${t.world.schoolA1}/surveys`, { title: 'Backwards', ...window(10, 1) })
    expect(errorOf(backwards).message).toMatch(/must close after it opens/)
    const survey = await createOpenSurvey()
    const past = await call('PATCH', `/api/surveys/${survey.id}`, { closesAt: new Date(t.now.getTime() - 3_600_000).toISOString() })
    expect(past.statusCode).toBe(400)
    expect(errorOf(past).message).toMatch(/in the past/)
    expect(errorOf(await call('PATCH', `/api/surveys/${survey.id}`, {})).message).toMatch(/nothing to change/)
  })

  it("lists a school's surveys newest first, and each school's latest survey on the home list", async () => {
    const older = await call('POST', `/api/schools/${t.world.schoolA1}/surveys`, { title: 'Older survey', ...window(-60, -50) })
    const newer = await call('POST', `/api/schools/${t.world.schoolA1}/surveys`, { title: 'Newer survey', ...window(30, 40) })
    expect([older.statusCode, newer.statusCode]).toEqual([201, 201])
    const list = SurveyListSchema.parse((await call('GET', `/api/schools/${t.world.schoolA1}/surveys`)).json())
    expect(list.items.map((s) => s.title)).toEqual(['Newer survey', 'Alder One autumn survey', 'Older survey'])
    const schools = (await call('GET', '/api/schools')).json() as { items: { name: string; latestSurvey: { title: string; phase: string } | null }[] }
    expect(schools.items).toEqual([expect.objectContaining({ name: 'Alder One School', latestSurvey: expect.objectContaining({ title: 'Newer survey', phase: 'draft' }) })])
  })

  it('makes single-use codes only for a code survey, shows them once and they work', async () => {
    const linkSurvey = await createOpenSurvey()
    const refused = await call('POST', `/api/surveys/${linkSurvey.id}/access-codes`, { count: 5 })
    expect([refused.statusCode, errorOf(refused).message]).toEqual([409, expect.stringMatching(/switch it to single-use codes/)])
    expect(errorOf(await call('POST', `/api/surveys/${t.world.surveyA1}/access-codes`, { count: 0 })).message).toMatch(/at least one code/)
    expect(errorOf(await call('POST', `/api/surveys/${t.world.surveyA1}/access-codes`, { count: 5000 })).message).toMatch(/at most 2000/)

    const made = await call('POST', `/api/surveys/${t.world.surveyA1}/access-codes`, { count: 30 })
    expect(made.statusCode).toBe(201)
    const { codes } = AccessCodesSchema.parse(made.json())
    expect(new Set(codes).size).toBe(30)
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/)
    const res = await t.app.inject({ method: 'POST', url: `/api/forms/${t.world.tokenA1}/responses`, payload: { ...SCORED_BODY, accessCode: codes[7] } })
    expect(res.statusCode).toBe(201)
  })

  it('serves the staff link as a QR code image', async () => {
    const res = await call('GET', `/api/surveys/${t.world.surveyA1}/qr.svg`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/)
    expect(res.body).toMatch(/^<svg[^>]*viewBox/)
  })

  it('lets a trust leader run a survey for any school of the trust', async () => {
    const headers = as(t.world, 'trustLeader')
    const res = await t.app.inject({ method: 'POST', url: `/api/schools/${t.world.schoolA2}/surveys`, headers, payload: { title: 'Trust-run survey', ...window(1, 10) } })
    expect(res.statusCode).toBe(201)
    expect(SurveySchema.parse(res.json()).schoolName).toBe('Alder Two School')
  })
})
