import { Writable } from 'node:stream'
import { sql } from 'kysely'
import { beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app.ts'
import { generateResponses } from '../../shared/domain/synthetic.ts'
import { ApiErrorSchema } from '../../shared/errors.ts'
import { itemOrder, type Instrument } from '../../shared/instrument/types.ts'
import { scoreAggregates } from '../../shared/domain/tally.ts'
import { fromMapMasks } from '../../server/db/map-answers.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { CURRENT_INSTRUMENT_ID, requireInstrument } from '../../shared/instrument/versions.ts'
import { SurveyFormSchema, toSubmission, SubmitResponseBodySchema, type SubmitResponseBody } from '../../shared/schemas/forms.ts'
import { createSchoolWithSurvey, DAY } from '../helpers/fixtures.ts'
import { countRows, pooledComments, resetDb, testDatabases, usedCodeCount } from '../helpers/test-db.ts'
import { useApp } from '../helpers/app.ts'

/** A response answering every question of the questionnaire (the survey's own: by default the current one), a few with "Don't know". */
const fullBody = (instrument: Instrument = requireInstrument(CURRENT_INSTRUMENT_ID)): SubmitResponseBody => ({
  instrumentVersion: instrument.id,
  answers: Object.fromEntries(itemOrder(instrument).map((id, i) => [id, i % 7 === 0 ? null : (((i % 5) + 1) as 1 | 2 | 3 | 4 | 5)])),
  ...(instrument.patternBlock && {
    pairs: Object.fromEntries(instrument.patternBlock.pairs.map((p, i) => [p.id, i % 3 === 0 ? null : (((i % 4) + 1) as 1 | 2 | 3 | 4)])),
    origin: 2,
    map: { curriculum: ['senior_leaders', 'teachers'], behaviour_wellbeing: ['support_staff'], partnership: ['dont_know'] },
  }),
  nowPattern: 3,
  aimPattern: 5,
  role: 'teacher',
  comments: { helps: 'Working parties anyone can join.', hinders: 'Decisions arrive already made.' },
})

describe.each(testDatabases())('staff survey API on %s', (kind) => {
  const logLines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean))
      done()
    },
  })
  const t = useApp(kind, { logger: { level: 'info', stream } })
  beforeEach(async () => {
    await resetDb(t.db)
    logLines.length = 0
  })

  const submit = (token: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload: payload as object, headers })

  describe('getSurveyForm', () => {
    it('serves the questionnaire of an open survey with its school', async () => {
      const { token } = await createSchoolWithSurvey(t.db)
      const res = await t.app.inject({ method: 'GET', url: `/api/forms/${token}` })
      expect(res.statusCode).toBe(200)
      const form = SurveyFormSchema.parse(res.json())
      expect(form).toMatchObject({ schoolName: 'Test School', accessMode: 'link', minGroupSize: 5 })
      expect(form.instrument.scales).toHaveLength(9)
      expect(form.instrument.continuum.patterns.map((p) => p.value)).toEqual([1, 2, 3, 4, 5, 6, 7])
    })

    it.each([
      ['an unknown token', 'AAAAAAAAAAAAAAAAAAAAAA', 404, 'NOT_FOUND'],
      ['a malformed token', 'not-a-token', 400, 'VALIDATION_FAILED'],
    ])('refuses %s with a clear message', async (_case, token, status, code) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/forms/${token}` })
      expect(res.statusCode).toBe(status)
      const body = ApiErrorSchema.parse(res.json())
      expect(body.error.code).toBe(code)
      expect(body.error.message).toMatch(/survey link/)
    })

    it('says a draft or not-yet-open survey is not open, and a closed one is closed', async () => {
      const now = new Date()
      const draft = await createSchoolWithSurvey(t.db, { status: 'draft' })
      const later = await createSchoolWithSurvey(t.db, { opensAt: new Date(now.getTime() + DAY).toISOString(), closesAt: new Date(now.getTime() + 9 * DAY).toISOString() })
      const past = await createSchoolWithSurvey(t.db, { opensAt: new Date(now.getTime() - 9 * DAY).toISOString(), closesAt: new Date(now.getTime() - DAY).toISOString() })
      const closed = await createSchoolWithSurvey(t.db)
      await t.db.updateTable('surveys').set({ status: 'closed' }).where('id', '=', closed.surveyId).execute()
      const codeOf = async (token: string) => ApiErrorSchema.parse((await t.app.inject({ method: 'GET', url: `/api/forms/${token}` })).json()).error.code
      expect(await codeOf(draft.token)).toBe('SURVEY_NOT_OPEN')
      expect(await codeOf(later.token)).toBe('SURVEY_NOT_OPEN')
      expect(await codeOf(past.token)).toBe('SURVEY_CLOSED')
      expect(await codeOf(closed.token)).toBe('SURVEY_CLOSED')
    })
  })

  describe('submitResponse', () => {
    it.each([dlV1, dlV2])('stores one $id row with answers in item order and nothing that identifies the person', async (instrument) => {
      const { token, surveyId } = await createSchoolWithSurvey(t.db, { instrumentVersion: instrument.id })
      const body = fullBody(instrument)
      const res = await submit(token, body, { 'user-agent': 'Mozilla/5.0 TestPhone', 'x-forwarded-for': '203.0.113.9' })
      expect(res.statusCode).toBe(201)
      expect(res.json()).toEqual({ received: true })

      const rows = await sql<Record<string, unknown>>`select *, submitted_on::text as submitted_on from responses`.execute(t.db)
      expect(rows.rows).toHaveLength(1)
      const row = rows.rows[0]!
      expect(Object.keys(row).sort()).toEqual([
        'aim_pattern', 'answers', 'id', 'instrument_version_id', 'map_answers', 'now_pattern', 'origin', 'pair_answers', 'release_batch', 'role', 'score_answered', 'score_sums', 'submitted_on', 'survey_id',
      ])
      // the per-scale counts and sums kept for reports are exactly those of the answers
      const scores = scoreAggregates(instrument, itemOrder(instrument).map((id) => body.answers[id] ?? null))
      expect({ answered: row.score_answered, sums: row.score_sums }).toEqual(scores)
      // release_batch is used by live surveys only: this one is released at close
      expect(row).toMatchObject({ survey_id: surveyId, instrument_version_id: instrument.id, now_pattern: 3, aim_pattern: 5, role: 'teacher', release_batch: null })
      expect(row.answers).toEqual(itemOrder(instrument).map((id) => body.answers[id]))
      // dl-v2's paired statements, origin and map in the questionnaire's order; none for dl-v1
      const parts = toSubmission(instrument, SubmitResponseBodySchema.parse(body))
      if (!parts.ok) throw new Error('the body does not fit its questionnaire')
      expect({ pairs: row.pair_answers, origin: row.origin, map: fromMapMasks(row.map_answers as (number | null)[]) }).toEqual({
        pairs: parts.submission.pairs,
        origin: parts.submission.origin,
        map: parts.submission.map,
      })
      expect(parts.submission.pairs.length).toBe(instrument.patternBlock?.pairs.length ?? 0)
      expect(row.submitted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(JSON.stringify(row)).not.toMatch(/TestPhone|203\.0\.113\.9|127\.0\.0\.1/)

      // pooled with the survey's other comments: prompt, text and release batch, nothing else
      const comments = (await pooledComments(t.db, surveyId)).sort((a, b) => a.prompt.localeCompare(b.prompt))
      expect(comments).toEqual([
        { prompt: 'helps', body: 'Working parties anyone can join.', batch: null },
        { prompt: 'hinders', body: 'Decisions arrive already made.', batch: null },
      ])
      const [pool] = (await sql<{ entries: object[] }>`select entries from survey_comments`.execute(t.db)).rows
      expect(pool!.entries.map((e) => Object.keys(e).sort())).toEqual([['batch', 'body', 'prompt'], ['batch', 'body', 'prompt']])
    })

    it('keeps the table free of anything that could identify a respondent', async () => {
      const columns = await sql<{ table_name: string; column_name: string; data_type: string }>`
        select table_name, column_name, data_type from information_schema.columns
        where table_schema = current_schema() and table_name in ('responses', 'survey_comments', 'survey_access_codes') order by table_name, column_name`.execute(t.db)
      const byTable = Object.groupBy(columns.rows, (c) => c.table_name)
      expect(byTable.responses?.find((c) => c.column_name === 'submitted_on')?.data_type).toBe('date')
      expect(byTable.responses?.map((c) => c.column_name)).not.toEqual(expect.arrayContaining([expect.stringMatching(/ip|agent|code|session|comment|_at$/)]))
      expect(byTable.survey_comments?.map((c) => c.column_name).sort()).toEqual(['entries', 'survey_id'])
      expect(byTable.survey_access_codes?.map((c) => c.column_name).sort()).toEqual(['survey_id', 'unused', 'used'])
    })

    it('logs the request without IP address, user agent, token or body', async () => {
      const { token } = await createSchoolWithSurvey(t.db)
      const body = fullBody()
      body.comments = { helps: 'A very distinctive comment 7f3a' }
      logLines.length = 0
      const res = await submit(token, body, { 'user-agent': 'Mozilla/5.0 TestPhone', 'x-forwarded-for': '203.0.113.9' })
      expect(res.statusCode).toBe(201)
      const text = logLines.join('\n')
      expect(text).toContain('"url":"/api/forms/:token/responses"')
      expect(text).toContain('"statusCode":201')
      for (const secret of ['127.0.0.1', '203.0.113.9', 'TestPhone', token, '7f3a', 'remoteAddress', 'user-agent']) expect(text).not.toContain(secret)
    })

    it('refuses a blank dl-v1 response and an almost blank one with a 400 that says what is missing, and stores nothing', async () => {
      const { token } = await createSchoolWithSurvey(t.db, { instrumentVersion: 'dl-v1' })
      const almostBlank = { sr1: 5, sr2: 4, sr3: null, sy1: 2, sy2: null, sy3: null, sy4: null, sy5: null } as const
      for (const [answers, missing] of [
        [{}, /No statement has been answered yet/],
        [Object.fromEntries(itemOrder(dlV1).map((id) => [id, null])), /No statement has been answered yet/],
        [almostBlank, /"Who takes the lead": answer 1 more statement there/],
      ] as const) {
        const res = await submit(token, { instrumentVersion: 'dl-v1', answers, nowPattern: 4, aimPattern: 5, role: 'teacher', comments: { helps: 'Meetings' } })
        expect(res.statusCode).toBe(400)
        const { error } = ApiErrorSchema.parse(res.json())
        expect(error.code).toBe('VALIDATION_FAILED')
        expect(error.message).toMatch(/too empty to be counted.*at least one section is answered: 3 of its 5 statements/)
        expect(error.message).toMatch(missing)
        expect(error.issues?.[0]?.path).toBe('/answers')
      }
      expect(await countRows(t.db, 'responses')).toBe(0)
      expect(await countRows(t.db, 'comments')).toBe(0)
    })

    it('counts a dl-v1 response with one section answered to the 60 % rule; everything left out is stored as unanswered', async () => {
      const { token } = await createSchoolWithSurvey(t.db, { instrumentVersion: 'dl-v1' })
      const res = await submit(token, { instrumentVersion: 'dl-v1', answers: { sy1: 2, sy2: 3, sy3: 4, sy4: null } })
      expect(res.statusCode).toBe(201)
      const row = await t.db.selectFrom('responses').select(['answers', 'role', 'now_pattern']).executeTakeFirstOrThrow()
      expect(row.answers).toEqual(itemOrder(dlV1).map((id) => ({ sy1: 2, sy2: 3, sy3: 4 } as Record<string, number>)[id] ?? null))
      expect(row).toMatchObject({ role: null, now_pattern: null })
    })

    const bad: [string, unknown, number, RegExp][] = [
      ['a body that is not an object', [1, 2], 400, /expected object/i],
      ['answers that are not an object', { instrumentVersion: CURRENT_INSTRUMENT_ID, answers: [4, 4] }, 400, /answers must be an object/],
      ['an answer of 0', { instrumentVersion: CURRENT_INSTRUMENT_ID, answers: { sr1: 0 } }, 400, /whole number from 1 .* to 5/],
      ['an answer of 6', { instrumentVersion: CURRENT_INSTRUMENT_ID, answers: { sr1: 6 } }, 400, /whole number from 1 .* to 5/],
      ['a fractional answer', { instrumentVersion: CURRENT_INSTRUMENT_ID, answers: { sr1: 2.5 } }, 400, /whole number/],
      ['an answer sent as text', { instrumentVersion: CURRENT_INSTRUMENT_ID, answers: { sr1: '4' } }, 400, /whole number/],
      ['an unknown question id', { instrumentVersion: CURRENT_INSTRUMENT_ID, answers: { sr1: 4, xx1: 3 } }, 400, /does not ask: "xx1" is not a question of this survey/],
      ['an unknown field', { instrumentVersion: CURRENT_INSTRUMENT_ID, answers: {}, name: 'Sam' }, 400, /not part of the request: name/],
      ['a continuum choice of 8', { instrumentVersion: CURRENT_INSTRUMENT_ID, answers: {}, nowPattern: 8 }, 400, /from 1 to 7/],
      ['an unknown role', { instrumentVersion: CURRENT_INSTRUMENT_ID, answers: {}, role: 'head' }, 400, /role must be one of/],
      ['a comment over 2,000 characters', { instrumentVersion: CURRENT_INSTRUMENT_ID, answers: {}, comments: { helps: 'x'.repeat(2001) } }, 400, /at most 2,000 characters/],
      ['an unknown comment prompt', { instrumentVersion: CURRENT_INSTRUMENT_ID, answers: {}, comments: { other: 'hi' } }, 400, /not part of the request: other/],
      ['too many answers', { instrumentVersion: CURRENT_INSTRUMENT_ID, answers: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`q${i}`, 3])) }, 400, /at most 100 answers/],
      ['no questionnaire version', { answers: {} }, 400, /instrumentVersion/],
      ['an access code that is not text', { instrumentVersion: CURRENT_INSTRUMENT_ID, answers: {}, accessCode: 42 }, 400, /access code/],
    ]
    it.each(bad)('refuses %s with a 400 and writes nothing', async (_case, payload, status, message) => {
      const { token } = await createSchoolWithSurvey(t.db)
      const res = await submit(token, payload)
      expect(res.statusCode).toBe(status)
      const body = ApiErrorSchema.parse(res.json())
      expect(body.error.code).toBe('VALIDATION_FAILED')
      expect(body.error.message).toMatch(message)
      expect(await countRows(t.db, 'responses')).toBe(0)
      expect(await countRows(t.db, 'comments')).toBe(0)
    })

    it.each([
      ['malformed JSON', '{"answers": {', 'application/json', 400, 'VALIDATION_FAILED', /not valid JSON/],
      ['an empty body', '', 'application/json', 400, 'VALIDATION_FAILED', /empty/],
      ['a body that is not JSON', 'answers=4', 'application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE', /JSON/],
      ['plain text', 'hello', 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE', /JSON/],
      ['an oversized body', JSON.stringify({ instrumentVersion: CURRENT_INSTRUMENT_ID, answers: {}, comments: { helps: 'x'.repeat(100_000) } }), 'application/json', 413, 'PAYLOAD_TOO_LARGE', /too large/],
      ['a prototype-polluting body', `{"instrumentVersion":"${CURRENT_INSTRUMENT_ID}","answers":{},"__proto__":{"x":1}}`, 'application/json', 400, 'VALIDATION_FAILED', /./],
    ])('refuses %s and writes nothing', async (_case, payload, contentType, status, code, message) => {
      const { token } = await createSchoolWithSurvey(t.db)
      const res = await t.app.inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload, headers: { 'content-type': contentType } })
      expect(res.statusCode).toBe(status)
      const body = ApiErrorSchema.parse(res.json())
      expect(body.error.code).toBe(code)
      expect(body.error.message).toMatch(message)
      expect(await countRows(t.db, 'responses')).toBe(0)
    })

    it('refuses an answer made against another questionnaire version', async () => {
      const { token } = await createSchoolWithSurvey(t.db)
      const res = await submit(token, { instrumentVersion: 'dl-v0', answers: {} })
      expect(res.statusCode).toBe(409)
      expect(ApiErrorSchema.parse(res.json()).error.code).toBe('INSTRUMENT_CHANGED')
      expect(await countRows(t.db, 'responses')).toBe(0)
    })

    it('refuses a submission to a closed survey with 409 and writes nothing', async () => {
      const { token, surveyId } = await createSchoolWithSurvey(t.db)
      await t.db.updateTable('surveys').set({ status: 'closed' }).where('id', '=', surveyId).execute()
      const res = await submit(token, fullBody())
      expect(res.statusCode).toBe(409)
      expect(ApiErrorSchema.parse(res.json()).error.code).toBe('SURVEY_CLOSED')
      expect(await countRows(t.db, 'responses')).toBe(0)
      expect(await countRows(t.db, 'comments')).toBe(0)
    })

    it('refuses a submission once the closing time has passed, though nobody closed it', async () => {
      let now = new Date()
      const clockApp = await buildApp({ db: t.db, now: () => now })
      try {
        const { token } = await createSchoolWithSurvey(t.db, { now })
        now = new Date(now.getTime() + 15 * DAY)
        const res = await clockApp.inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload: fullBody() })
        expect(res.statusCode).toBe(409)
        expect(await countRows(t.db, 'responses')).toBe(0)
      } finally {
        await clockApp.close()
      }
    })

    it.each([dlV1, dlV2])('stores synthetic $id responses of every shape the generator makes', async (instrument) => {
      const { token } = await createSchoolWithSurvey(t.db, { instrumentVersion: instrument.id })
      const bodies = generateResponses({ instrument, pattern: 5, respondents: 30, seed: 7 })
      for (const body of bodies) expect((await submit(token, body)).statusCode).toBe(201)
      expect(await countRows(t.db, 'responses')).toBe(30)
    })
  })

  describe('single-use access codes', () => {
    async function codeSurvey() {
      const fixture = await createSchoolWithSurvey(t.db, { accessMode: 'codes' })
      const codes = await fixture.surveys.createAccessCodes(fixture.surveyId, 3)
      return { ...fixture, codes }
    }

    it('stores codes only as hashes', async () => {
      const { codes } = await codeSurvey()
      const stored = JSON.stringify(await t.db.selectFrom('survey_access_codes').selectAll().execute())
      for (const code of codes) {
        expect(stored).not.toContain(code)
        expect(stored).not.toContain(code.replace('-', ''))
      }
    })

    it('needs a code, refuses a wrong one, takes a right one once', async () => {
      const { token, codes, surveyId } = await codeSurvey()
      const code = codes[0]!
      const errorCode = (res: { json: () => unknown }) => ApiErrorSchema.parse(res.json()).error.code

      const none = await submit(token, fullBody())
      expect([none.statusCode, errorCode(none)]).toEqual([400, 'CODE_REQUIRED'])
      const wrong = await submit(token, { ...fullBody(), accessCode: 'ZZZZZ-ZZZZZ' })
      expect([wrong.statusCode, errorCode(wrong)]).toEqual([400, 'CODE_UNKNOWN'])

      const check = await t.app.inject({ method: 'POST', url: `/api/forms/${token}/code-checks`, payload: { accessCode: code.toLowerCase() } })
      expect(check.statusCode).toBe(200)
      expect(await usedCodeCount(t.db, surveyId)).toBe(0)

      // Typed as read from a slip: lower case, with the dash left out, O for 0.
      const typed = code.toLowerCase().replace('-', ' ').replace(/0/g, 'o')
      expect((await submit(token, { ...fullBody(), accessCode: typed })).statusCode).toBe(201)
      const again = await submit(token, { ...fullBody(), accessCode: code })
      expect([again.statusCode, errorCode(again)]).toEqual([409, 'CODE_USED'])
      const checkAgain = await t.app.inject({ method: 'POST', url: `/api/forms/${token}/code-checks`, payload: { accessCode: code } })
      expect(errorCode(checkAgain)).toBe('CODE_USED')
      expect(await countRows(t.db, 'responses')).toBe(1)
      expect(await countRows(t.db, 'comments')).toBe(2)
    })

    it('stores exactly one response when 50 submissions race with one code', async () => {
      const { token, codes, surveyId } = await codeSurvey()
      const results = await Promise.all(Array.from({ length: 50 }, () => submit(token, { ...fullBody(), accessCode: codes[1]! })))
      const statuses = results.map((r) => r.statusCode)
      expect(statuses.filter((s) => s === 201)).toHaveLength(1)
      expect(statuses.filter((s) => s === 409)).toHaveLength(49)
      expect(await countRows(t.db, 'responses')).toBe(1)
      expect(await countRows(t.db, 'comments')).toBe(2)
      expect(await usedCodeCount(t.db, surveyId)).toBe(1)
    })
  })

  describe('OpenAPI', () => {
    it('describes every operation with a stable operationId', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' })
      expect(res.statusCode).toBe(200)
      const doc = res.json() as { paths: Record<string, Record<string, { operationId?: string }>> }
      const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId))
      expect(ids).toEqual(expect.arrayContaining(['getSurveyForm', 'submitResponse', 'getHealth', 'checkAccessCode']))
      expect(ids.every((id) => typeof id === 'string')).toBe(true)
    })

    it('reports health with the database up', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/health' })
      expect(res.json()).toEqual({ ok: true, database: 'up' })
    })
  })
})
