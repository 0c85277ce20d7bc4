import { sql } from 'kysely'
import { beforeEach, describe, expect, it } from 'vitest'
import { generateResponses } from '../../../shared/domain/synthetic.ts'
import type { SubmitResponseBody } from '../../../shared/schemas/forms.ts'
import { AccessCodesSchema } from '../../../shared/schemas/surveys.ts'
import type { SurveyReport } from '../../../shared/schemas/reports.ts'
import { countRows, pooledComments, resetDb, testDatabases } from '../../helpers/test-db.ts'
import { useApp } from '../../helpers/app.ts'
import { as, createWorld, openSurveyAsSchoolLeader, reportAsSchoolLeader, type World } from '../../helpers/world.ts'
import { CURRENT_INSTRUMENT_ID, requireInstrument } from '../../../shared/instrument/versions.ts'

/** The questionnaire of a new survey: these tests store and read what a survey of it takes. */
const instrument = requireInstrument(CURRENT_INSTRUMENT_ID)

// Issue 9.4 and 9.5, played as the attacker. A database reader (anyone with SELECT on the tables:
// a report writer, a support engineer, a leaked read-only credential) tries to tie a response to
// its comments and to the code on its slip through what Postgres keeps beside every row: the
// inserting transaction (`xmin`), the physical place (`ctid`), id order and row order. And a
// leader reads a closed live survey's comments hoping for those of responses its figures leave out.

/** The probability bounds below are for a fair shuffle; each check fails by chance less than once in 10⁷ runs. */
const SUBMISSIONS = 40

describe.each(testDatabases())('attacks on how responses, comments and codes are stored, on %s', (kind) => {
  let world: World
  let now = new Date()
  const t = useApp(kind, { now: () => now }, { suffix: 'attacks_storage' })
  beforeEach(async () => {
    now = new Date()
    await resetDb(t.db)
    world = await createWorld(t.db, now)
  })

  const leader = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: as(world, 'schoolLeader'), ...(payload ? { payload } : {}) })
  const report = (surveyId: number) => reportAsSchoolLeader(t.app, world, surveyId)
  const newSurvey = (body: object = {}) => openSurveyAsSchoolLeader(t.app, world, now, body)
  async function makeCodes(surveyId: number, count: number) {
    const res = await leader('POST', `/api/surveys/${surveyId}/access-codes`, { count })
    expect(res.statusCode).toBe(201)
    return AccessCodesSchema.parse(res.json()).codes
  }
  const send = (token: string, body: SubmitResponseBody) => t.app.inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload: body })
  const bodies = (n: number, seed: number) =>
    generateResponses({ instrument, pattern: 3, respondents: n, seed, commentRate: 0 }).map((b, i) => ({ ...b, comments: { helps: `Comment number ${i}` } }))
  /** Comment bodies in the order the pool holds them. */
  const poolOrder = async (surveyId: number) => (await pooledComments(t.db, surveyId)).map((c) => Number(c.body.replace('Comment number ', '')))

  it('a database reader joining responses to comments and codes on xmin, ctid, id or row order learns nothing', async () => {
    const { id, token } = await newSurvey({ accessMode: 'codes' })
    const codes = await makeCodes(id, SUBMISSIONS)
    const sent = bodies(SUBMISSIONS, 91)
    /** Where the newest comment sat in the pool after each submission (0 = first). */
    const newestAt: { position: number; size: number }[] = []
    for (const [i, body] of sent.entries()) {
      expect((await send(token, { ...body, accessCode: codes[i]! })).statusCode).toBe(201)
      const order = await poolOrder(id)
      expect(order).toHaveLength(i + 1)
      newestAt.push({ position: order.indexOf(i), size: i + 1 })
    }

    // One row of comments and one row of codes for the survey: no per-submission row to join,
    // order or locate.
    expect((await sql`select 1 from survey_comments where survey_id = ${id}`.execute(t.db)).rows).toHaveLength(1)
    expect((await sql`select 1 from survey_access_codes where survey_id = ${id}`.execute(t.db)).rows).toHaveLength(1)

    // xmin: the pool rows were last written by the last submission, so they share its xmin and no
    // other response's; that names the last respondent as having written some comment and used some
    // code, which every respondent of a code survey did.
    const shared = await sql<{ pool: number; codes: number }>`
      select (select count(*)::int from responses r join survey_comments c on c.xmin = r.xmin) as pool,
        (select count(*)::int from responses r join survey_access_codes c on c.xmin = r.xmin) as codes`.execute(t.db)
    expect(shared.rows[0]!.pool).toBeLessThanOrEqual(1)
    expect(shared.rows[0]!.codes).toBeLessThanOrEqual(1)
    // ctid / physical order and id order of the responses have nothing to line up with: the
    // pool's and the code row's single ctid is the same for every response.
    const ctids = await sql<{ n: number }>`select count(distinct ctid)::int as n from survey_comments where survey_id = ${id}`.execute(t.db)
    expect(ctids.rows[0]!.n).toBe(1)

    // Code hashes are kept sorted, so their positions follow neither slip order nor use order.
    const stored = await t.db.selectFrom('survey_access_codes').select(['unused', 'used']).where('survey_id', '=', id).executeTakeFirstOrThrow()
    expect(stored.unused).toEqual([])
    expect(stored.used).toEqual([...stored.used].sort())
    expect(stored.used).toHaveLength(SUBMISSIONS)

    // The comment pool is reshuffled whole by every submission. Had it kept submission order, the
    // newest comment would be last every time; a fair shuffle puts it last with chance 1/size, so
    // it is last about H(40) - 1 ≈ 3.3 times in 39 (more than 15: probability below 10⁻⁸).
    const later = newestAt.slice(1)
    expect(later.filter((p) => p.position === p.size - 1).length).toBeLessThanOrEqual(15)
    expect(later.filter((p) => p.position === 0).length).toBeLessThanOrEqual(15)
    // And the final order is unrelated to the order of submission: Kendall's tau of a random
    // permutation of 40 has sd 0.11; |tau| > 0.6 has probability below 10⁻⁷.
    const order = await poolOrder(id)
    let concordant = 0
    let discordant = 0
    for (let a = 0; a < order.length; a++) for (let b = a + 1; b < order.length; b++) (order[a]! < order[b]! ? concordant++ : discordant++)
    expect(Math.abs((concordant - discordant) / (concordant + discordant))).toBeLessThan(0.6)
  })

  it('a second use of a code is refused, also when two submissions race with one code', async () => {
    const { id, token } = await newSurvey({ accessMode: 'codes' })
    const [first, second] = await makeCodes(id, 2)
    const [a, b] = bodies(2, 92)
    const raced = await Promise.all([send(token, { ...a!, accessCode: first! }), send(token, { ...b!, accessCode: first! })])
    expect(raced.map((r) => r.statusCode).sort()).toEqual([201, 409])
    expect((await send(token, { ...b!, accessCode: first! })).statusCode).toBe(409)
    expect(await countRows(t.db, 'responses')).toBe(1)
    expect(await countRows(t.db, 'comments')).toBe(1)
    const stored = await t.db.selectFrom('survey_access_codes').select(['unused', 'used']).where('survey_id', '=', id).executeTakeFirstOrThrow()
    expect([stored.unused.length, stored.used.length]).toEqual([1, 1])
    // the other code still works, once
    expect((await send(token, { ...b!, accessCode: second! })).statusCode).toBe(201)
    expect((await send(token, { ...b!, accessCode: second! })).statusCode).toBe(409)
  })

  it('a submission that is refused leaves the pools exactly as they were', async () => {
    const { id, token } = await newSurvey({ accessMode: 'codes' })
    const codes = await makeCodes(id, 3)
    const [a, b] = bodies(2, 93)
    expect((await send(token, { ...a!, accessCode: codes[0]! })).statusCode).toBe(201)
    const snapshot = async () => ({
      comments: (await poolOrder(id)).sort(),
      codes: await t.db.selectFrom('survey_access_codes').select(['unused', 'used']).where('survey_id', '=', id).executeTakeFirstOrThrow(),
      responses: await countRows(t.db, 'responses'),
    })
    const before = await snapshot()
    expect((await send(token, { ...b!, accessCode: codes[0]! })).statusCode).toBe(409) // used
    expect((await send(token, { ...b!, accessCode: 'ZZZZZ-ZZZZZ' })).statusCode).toBe(400) // not a code of the survey
    expect((await send(token, { ...b! })).statusCode).toBe(400) // no code
    expect((await send(token, { ...b!, accessCode: codes[1]!, answers: { nope: 3 } })).statusCode).toBe(400) // bad answers
    expect(await snapshot()).toEqual(before)
    expect((await leader('POST', `/api/surveys/${id}/close`)).statusCode).toBe(200)
    expect((await send(token, { ...b!, accessCode: codes[1]! })).statusCode).toBe(409) // closed
    expect(await snapshot()).toEqual(before)
  })

  it('a leader reading a closed live survey sees no comment of a response its figures leave out', async () => {
    const { id, token } = await newSurvey({ releaseMode: 'live', k: 5 })
    const sent = bodies(17, 94)
    // a day passes, as far as batches go (moving the clock a day would end the leader's session)
    const nextDay = () => sql`update surveys set live_batches_completed_on = array(select d - 1 from unnest(live_batches_completed_on) as x(d))`.execute(t.db)
    for (const body of sent.slice(0, 10)) expect((await send(token, body)).statusCode).toBe(201)
    await nextDay()
    // a third batch completes today, and two more people answer
    for (const body of sent.slice(10)) expect((await send(token, body)).statusCode).toBe(201)
    expect((await leader('POST', `/api/surveys/${id}/close`)).statusCode).toBe(200)

    const shown = (r: SurveyReport) => r.comments.items.map((c) => Number(c.body.replace('Comment number ', ''))).sort((x, y) => x - y)
    const closeDay = await report(id)
    expect(closeDay.responseCount).toBe(10)
    expect(shown(closeDay)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    await nextDay()
    const after = await report(id)
    expect(after.responseCount).toBe(15)
    expect(shown(after)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])
    // the pool still holds all 17, each with its batch: the last two are never shown
    expect((await pooledComments(t.db, id)).map((c) => c.batch).sort()).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3])
  })
})
