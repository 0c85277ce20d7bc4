import { sql } from 'kysely'
import { beforeEach, describe, expect, it } from 'vitest'
import { scoreAggregates } from '../../shared/domain/tally.ts'
import { ApiErrorSchema } from '../../shared/errors.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { itemOrder, keyingOf } from '../../shared/instrument/types.ts'
import { SurveyFormSchema, type SubmitResponseBody } from '../../shared/schemas/forms.ts'
import { createSchoolWithSurvey } from '../helpers/fixtures.ts'
import { countRows, resetDb, testDatabases } from '../helpers/test-db.ts'
import { useApp } from '../helpers/app.ts'

// A dl-v2 response through the staff survey API: every part stored exactly as sent (the leadership
// map as one bitmask per area, migration 202611291600), scores keyed, and each bad dl-v2 part
// refused with a message a member of staff understands, nothing written.

const pairIds = dlV2.patternBlock!.pairs.map((p) => p.id)
const areaIds = dlV2.leadershipMap!.areas.map((a) => a.id)

const fullBody = (): SubmitResponseBody => ({
  instrumentVersion: 'dl-v2',
  answers: Object.fromEntries(itemOrder(dlV2).map((id, i) => [id, i % 7 === 0 ? null : (((i % 5) + 1) as 1 | 2 | 3 | 4 | 5)])),
  pairs: Object.fromEntries(pairIds.map((id, i) => [id, i === 1 ? null : (((i % 4) + 1) as 1 | 2 | 3 | 4)])),
  origin: 3,
  map: {
    curriculum: ['senior_leaders', 'middle_leaders'],
    teaching_learning: ['teachers', 'senior_leaders', 'support_staff'],
    behaviour_wellbeing: ['no_one_clear'],
    staff_development: ['dont_know'],
    families_community: [],
  },
  nowPattern: 5,
  aimPattern: 6,
  role: 'support_staff',
})

describe.each(testDatabases())('dl-v2 responses on %s', (kind) => {
  const t = useApp(kind)
  beforeEach(() => resetDb(t.db))

  const submit = (token: string, payload: unknown) => t.app.inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload: payload as object })
  const v2Survey = () => createSchoolWithSurvey(t.db, { instrumentVersion: 'dl-v2' })

  it('serves the dl-v2 questionnaire, with its paired statements and leadership map', async () => {
    const { token } = await v2Survey()
    const form = SurveyFormSchema.parse((await t.app.inject({ method: 'GET', url: `/api/forms/${token}` })).json())
    expect(form.instrument.id).toBe('dl-v2')
    expect(form.instrument.patternBlock!.pairs.map((p) => p.id)).toEqual(pairIds)
    expect(form.instrument.leadershipMap!.areas.map((a) => a.id)).toEqual(areaIds)
  })

  it('stores every part exactly, in instrument order, with keyed score sums', async () => {
    const { token, surveyId } = await v2Survey()
    const body = fullBody()
    expect((await submit(token, body)).statusCode).toBe(201)
    const rows = await sql<Record<string, unknown>>`
      select answers, score_answered, score_sums, pair_answers, origin, map_answers, now_pattern, aim_pattern, role from responses where survey_id = ${surveyId}`.execute(t.db)
    expect(rows.rows).toHaveLength(1)
    const answers = itemOrder(dlV2).map((id) => body.answers[id] ?? null)
    const scores = scoreAggregates(dlV2, answers)
    expect(rows.rows[0]).toEqual({
      answers,
      score_answered: scores.answered,
      score_sums: scores.sums,
      pair_answers: pairIds.map((id) => body.pairs![id] ?? null),
      origin: 3,
      // bits: senior 1, middle 2, teachers 4, support 8, no one clear 16, don't know 32; in area order; empty list and absent area unanswered
      map_answers: [1 | 2, 4 | 1 | 8, 16, 32, null, null],
      now_pattern: 5,
      aim_pattern: 6,
      role: 'support_staff',
    })
    // the sums are keyed: a reverse-keyed item answered 5 adds 1
    const items = dlV2.scales[0]!.items
    const raw = items.map((item) => body.answers[item.id] ?? null)
    const keyedSum = items.reduce((sum, item, i) => (raw[i] === null ? sum : sum + (keyingOf(item) === 'negative' ? 6 - raw[i]! : raw[i]!)), 0)
    expect((rows.rows[0]!.score_sums as number[])[0]).toBe(keyedSum)
    expect(items.some((item, i) => keyingOf(item) === 'negative' && raw[i] !== null && raw[i] !== 3)).toBe(true)
  })

  const bad: [string, (b: SubmitResponseBody) => unknown, RegExp][] = [
    ['a paired-statement choice out of range', (b) => ({ ...b, pairs: { ...b.pairs, [pairIds[0]!]: 5 } }), /paired-statement answer must be a whole number from 1/],
    ['a paired statement the survey does not ask', (b) => ({ ...b, pairs: { ...b.pairs, pz9: 2 } }), /"pz9" is not a paired-statement question of this survey/],
    ['an origin choice out of range', (b) => ({ ...b, origin: 0 }), /how do people here come to lead something/],
    ['a leadership-map area the survey does not have', (b) => ({ ...b, map: { ...b.map, canteen: ['teachers'] } }), /leadership map has no area "canteen"/],
    ['a group that cannot lead an area', (b) => ({ ...b, map: { ...b.map, curriculum: ['governors'] } }), /groups that lead it/],
    ['a group ticked twice', (b) => ({ ...b, map: { ...b.map, curriculum: ['teachers', 'teachers'] } }), /ticked at most once/],
    ["\"don't know\" ticked with a group", (b) => ({ ...b, map: { ...b.map, curriculum: ['dont_know', 'teachers'] } }), /cannot be ticked together with a group/],
    ['a map area that is not a list', (b) => ({ ...b, map: { ...b.map, curriculum: 'teachers' } }), /groups that lead it/],
    ['only the paired statements and the map, no section of statements', (b) => ({ ...b, answers: {} }), /too empty to be counted/],
  ]

  it.each(bad)('refuses %s with a clear message, and writes nothing', async (_case, change, message) => {
    const { token } = await v2Survey()
    const res = await submit(token, change(fullBody()))
    expect(res.statusCode).toBe(400)
    expect(ApiErrorSchema.parse(res.json()).error.message).toMatch(message)
    expect(await countRows(t.db, 'responses')).toBe(0)
  })

  it('refuses the dl-v2 parts on a dl-v1 survey, and writes nothing', async () => {
    const { token } = await createSchoolWithSurvey(t.db, { instrumentVersion: 'dl-v1' })
    const { pairs, origin, map } = fullBody()
    const v1 = { instrumentVersion: 'dl-v1', answers: { sr1: 4, sr2: 4, sr3: 4, sr4: 4, sr5: 4 } }
    for (const extra of [{ pairs }, { origin }, { map }]) {
      const res = await submit(token, { ...v1, ...extra })
      expect(res.statusCode).toBe(400)
      expect(ApiErrorSchema.parse(res.json()).error.message).toMatch(/does not ask/)
    }
    expect(await countRows(t.db, 'responses')).toBe(0)
    expect((await submit(token, v1)).statusCode).toBe(201)
  })
})
