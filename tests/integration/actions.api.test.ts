import { describe, expect, it } from 'vitest'
import { remeasureScale, summarisePlan } from '../../shared/domain/action-plan.ts'
import { buildDiscussionGuide } from '../../shared/domain/discussion-guide.ts'
import { generateResponses } from '../../shared/domain/synthetic.ts'
import { ApiErrorSchema } from '../../shared/errors.ts'
import { CURRENT_INSTRUMENT_ID, requireInstrument } from '../../shared/instrument/versions.ts'
import type { PatternValue, ScaleId } from '../../shared/instrument/types.ts'
import {
  ActionPlanSchema,
  ActionProgressSchema,
  ActionSchema,
  DiscussionGuideSchema,
  MAX_ACTIONS,
  TrustActionsSchema,
  type CreateActionBody,
} from '../../shared/schemas/actions.ts'
import type { SubmitResponseBody } from '../../shared/schemas/forms.ts'
import { DAY } from '../helpers/fixtures.ts'
import { testDatabases } from '../helpers/test-db.ts'
import { as, closedSurveyOfA1, reportAsSchoolLeader, useWorld, type Who } from '../helpers/world.ts'

// The world's surveys use the current questionnaire; a plan is re-measured by a later survey of the same one.
const instrument = requireInstrument(CURRENT_INSTRUMENT_ID)
const scaleNames = Object.fromEntries(instrument.scales.map((s) => [s.id, s.name])) as Record<ScaleId, string>

const ACTION: CreateActionBody = {
  title: 'Teachers lead the reading project',
  details: 'Each year group picks one reading routine to trial.',
  scales: ['shared_responsibility', 'synergy'],
  influence: 'dialogue',
  lead: { role: 'teacher', name: 'Priya Shah' },
  supporters: [{ role: 'senior_leader', name: 'Sam Head' }],
  reviewOn: '2027-03-20',
}

describe.each(testDatabases())('action plans on %s', (kind) => {
  const t = useWorld(kind)

  const call = (who: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: as(t.world, who), ...(payload ? { payload } : {}) })
  const create = async (body: object, surveyId = t.world.surveyA1) => {
    const res = await call('schoolLeader', 'POST', `/api/surveys/${surveyId}/actions`, body)
    expect(res.statusCode, res.body).toBe(201)
    return ActionSchema.parse(res.json())
  }
  const plan = async (who: Who = 'schoolLeader', surveyId = t.world.surveyA1) => {
    const res = await call(who, 'GET', `/api/surveys/${surveyId}/actions`)
    expect(res.statusCode, res.body).toBe(200)
    return ActionPlanSchema.parse(res.json())
  }
  const rows = async () => (await t.db.selectFrom('actions').select('id').execute()).length + (await t.db.selectFrom('action_notes').select('id').execute()).length

  /** A survey of school A1 that ran from `from` to `to` (days from now) and closed, with synthetic answers stored. */
  const pastSurvey = (title: string, from: number, to: number, bodies: SubmitResponseBody[]) => closedSurveyOfA1(t.db, t.world, t.now, { title, instrument, from, to }, bodies)
  const answers = (pattern: PatternValue, respondents: number, seed: number) => generateResponses({ instrument, pattern, respondents, seed, profileSeed: 7 })

  it('creates, lists, changes and notes actions; the plan carries its summary', async () => {
    const first = await create(ACTION)
    expect(first).toMatchObject({ title: ACTION.title, status: 'planned', lead: { role: 'teacher', name: 'Priya Shah' }, reviewOn: '2027-03-20', supporters: [{ role: 'senior_leader', name: 'Sam Head' }] })
    expect(first.notes).toEqual([{ id: expect.any(Number), on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), status: 'planned', body: '' }])

    // the lead's name is optional: staff need no account
    const second = await create({ title: 'Publish who leads what', scales: ['coordination'], influence: 'modelling', lead: { role: 'senior_leader' } })
    expect(second.lead).toEqual({ role: 'senior_leader', name: null })
    expect(second.details).toBe('')

    const changed = await call('schoolLeader', 'PATCH', `/api/surveys/${t.world.surveyA1}/actions/${first.id}`, { status: 'under_way', note: 'Year 3 started with paired reading.' })
    expect(changed.statusCode, changed.body).toBe(200)
    const updated = ActionSchema.parse(changed.json())
    expect(updated.status).toBe('under_way')
    expect(updated.notes.map((n) => [n.status, n.body])).toEqual([['planned', ''], ['under_way', 'Year 3 started with paired reading.']])

    // a note alone keeps the status; a field alone adds no note
    const noted = ActionSchema.parse((await call('schoolLeader', 'PATCH', `/api/surveys/${t.world.surveyA1}/actions/${first.id}`, { note: 'Year 5 joined.' })).json())
    expect(noted.notes.at(-1)).toMatchObject({ status: 'under_way', body: 'Year 5 joined.' })
    const renamed = ActionSchema.parse((await call('schoolLeader', 'PATCH', `/api/surveys/${t.world.surveyA1}/actions/${first.id}`, { title: 'Teachers lead reading', lead: { role: 'middle_leader', name: null } })).json())
    expect(renamed.notes).toHaveLength(3)
    expect(renamed.lead).toEqual({ role: 'middle_leader', name: null })

    const got = await plan()
    expect(got.canEdit).toBe(true)
    // the world's own action comes first, then these two, in the order they were made
    expect(got.actions.map((a) => a.title)).toEqual(['Alder One reading project', 'Teachers lead reading', 'Publish who leads what'])
    expect(got.summary).toEqual(summarisePlan(got.actions, scaleNames))
    expect(got.summary.byRole.find((r) => r.role === 'middle_leader')?.leads).toBe(2)
  })

  it('lets trust leaders read the plan but not change it, and lists every school’s plans for the trust', async () => {
    const action = await create(ACTION)
    const read = await plan('trustLeader')
    expect(read.canEdit).toBe(false)
    expect(read.actions.map((a) => a.id)).toContain(action.id)
    const before = await rows()
    const refused = await call('trustLeader', 'PATCH', `/api/surveys/${t.world.surveyA1}/actions/${action.id}`, { status: 'done' })
    expect(refused.statusCode).toBe(403)
    expect(ApiErrorSchema.parse(refused.json()).error.message).toMatch(/trust leaders can read it/)
    expect(await rows()).toBe(before)

    const trust = await call('trustLeader', 'GET', `/api/trusts/${t.world.trustA}/actions`)
    expect(trust.statusCode, trust.body).toBe(200)
    const parsed = TrustActionsSchema.parse(trust.json())
    expect(parsed.schools.map((s) => [s.name, s.plans.length])).toEqual([['Alder One School', 1], ['Alder Two School', 0]])
    expect(parsed.schools[0]!.plans[0]!.actions.map((a) => a.title)).toEqual(['Alder One reading project', ACTION.title])
    expect(parsed.schools[0]!.plans[0]!.summary).toEqual(summarisePlan(parsed.schools[0]!.plans[0]!.actions, scaleNames))
  })

  it.each([
    [{ ...ACTION, scales: [] }, /at least one scale/],
    [{ ...ACTION, scales: ['synergy', 'synergy'] }, /each scale can be chosen once/],
    [{ ...ACTION, scales: ['happiness'] }, /scales/],
    [{ ...ACTION, influence: 'telling' }, /modelling, monitoring, dialogue, partnership/],
    [{ ...ACTION, title: '  ' }, /what will be done/],
    [{ ...ACTION, title: 'x'.repeat(161) }, /at most 160/],
    [{ ...ACTION, lead: { role: 'head' } }, /role must be one of/],
    [{ ...ACTION, lead: { role: 'teacher', name: ' ' } }, /the name needs at least 2/],
    [{ ...ACTION, lead: { role: 'teacher', email: 'a@b.c' } }, /not part of the request: email/],
    [{ ...ACTION, reviewOn: '2027-02-30' }, /review date is a day/],
    [{ ...ACTION, reviewOn: '1999-01-01' }, /between 2000 and 2100/],
    [{ ...ACTION, supporters: Array.from({ length: 11 }, () => ({ role: 'teacher' })) }, /at most 10 supporters/],
    [{ ...ACTION, status: 'finished' }, /planned, under_way, done, dropped/],
    [{ ...ACTION, owner: 'me' }, /not part of the request: owner/],
    [{ ...ACTION, details: 'a\u0000b' }, /NUL/],
  ])('refuses a bad action with a 400 that says what to change, and writes nothing (%#)', async (body, message) => {
    const before = await rows()
    const res = await call('schoolLeader', 'POST', `/api/surveys/${t.world.surveyA1}/actions`, body)
    expect(res.statusCode).toBe(400)
    const error = ApiErrorSchema.parse(res.json()).error
    expect(error.code).toBe('VALIDATION_FAILED')
    expect(error.message).toMatch(message)
    expect(await rows()).toBe(before)
  })

  it('refuses bad changes, and actions of another plan, writing nothing', async () => {
    const action = await create(ACTION)
    const before = await rows()
    for (const [body, status, message] of [
      [{}, 400, /nothing to change/],
      [{ status: 'paused' }, 400, /planned, under_way, done, dropped/],
      [{ note: '' }, 400, /the note needs at least 1/],
      [{ scales: [] }, 400, /at least one scale/],
    ] as const) {
      const res = await call('schoolLeader', 'PATCH', `/api/surveys/${t.world.surveyA1}/actions/${action.id}`, body)
      expect([res.statusCode, ApiErrorSchema.parse(res.json()).error.message]).toEqual([status, expect.stringMatching(message)])
    }
    // the action exists, but not in this survey's plan; and an action id that is no id
    const other = await t.db.insertInto('surveys').values({ school_id: t.world.schoolA1, instrument_version_id: instrument.id, title: 'Another', token: 'another-token', opens_at: t.now, closes_at: new Date(t.now.getTime() + DAY) }).returning('id').executeTakeFirstOrThrow()
    const wrong = await call('schoolLeader', 'PATCH', `/api/surveys/${other.id}/actions/${action.id}`, { status: 'done' })
    expect([wrong.statusCode, ApiErrorSchema.parse(wrong.json()).error.code]).toEqual([404, 'NOT_FOUND'])
    const nonsense = await call('schoolLeader', 'PATCH', `/api/surveys/${t.world.surveyA1}/actions/abc`, { status: 'done' })
    expect(nonsense.statusCode).toBe(400)
    expect(await rows()).toBe(before)
  })

  it(`holds at most ${MAX_ACTIONS} actions in a plan: the next is a 409 that says so`, async () => {
    const values = Array.from({ length: MAX_ACTIONS - 1 }, (_, i) => ({ survey_id: t.world.surveyA1, title: `Action ${i}`, scales: ['synergy' as const], influence: 'dialogue' as const, lead_role: 'teacher' as const, lead_name: null, supporters: '[]', review_on: null, created_at: t.now, updated_at: t.now }))
    await t.db.insertInto('actions').values(values).execute()
    const res = await call('schoolLeader', 'POST', `/api/surveys/${t.world.surveyA1}/actions`, ACTION)
    expect([res.statusCode, ApiErrorSchema.parse(res.json()).error.message]).toEqual([409, expect.stringMatching(/at most 50 actions/)])
    expect((await plan()).actions).toHaveLength(MAX_ACTIONS)
  })

  it('re-measures each target scale once the next survey has closed: exactly the pure comparison of the two reports', async () => {
    const earlier = await pastSurvey('Autumn 2025', -400, -380, answers(2, 40, 11))
    const action = await create({ ...ACTION, scales: ['shared_responsibility', 'coordination'] }, earlier)

    // before the next survey closes: nothing to compare with, and it says why
    const pending = ActionProgressSchema.parse((await call('schoolLeader', 'GET', `/api/surveys/${earlier}/action-progress`)).json())
    expect(pending.next).toBeNull()
    expect(pending.note).toMatch(/"Alder One autumn survey" has closed with results/)
    expect(pending.actions[0]!.scales.every((s) => s.change === null && s.before === null)).toBe(true)

    // the next survey: more distributed, and too few people answered coordination for it to be shown
    const later = answers(5, 40, 12).map((b, i) => (i < 3 ? b : { ...b, answers: Object.fromEntries(Object.entries(b.answers ?? {}).filter(([id]) => !id.startsWith('co'))) }))
    const next = await pastSurvey('Autumn 2026', -40, -20, later)
    const res = await call('trustLeader', 'GET', `/api/surveys/${earlier}/action-progress`)
    expect(res.statusCode, res.body).toBe(200)
    const progress = ActionProgressSchema.parse(res.json())
    expect(progress.next).toMatchObject({ id: next, title: 'Autumn 2026' })

    const before = await reportAsSchoolLeader(t.app, t.world, earlier)
    const after = await reportAsSchoolLeader(t.app, t.world, next)
    const expected = (['shared_responsibility', 'coordination'] as const).map((id) =>
      remeasureScale({ id, name: scaleNames[id] }, before.scales.find((s) => s.id === id), after.scales.find((s) => s.id === id), { before: '"Autumn 2025"', after: '"Autumn 2026"' }),
    )
    const got = progress.actions.find((a) => a.actionId === action.id)!
    expect(got.scales).toEqual(expected)

    const [shared, coordination] = got.scales
    expect(shared!.change?.verdict).toBe('improved')
    expect(shared!.words).toMatch(/^Improved: from \d\.\d\d to \d\.\d\d of 5/)
    // the report withholds coordination on the next survey, and so does the comparison
    expect(after.scales.find((s) => s.id === 'coordination')!.mean).toBeNull()
    expect(coordination).toMatchObject({ after: null, change: null })
    expect(coordination!.words).toMatch(/withholds this scale/)
    // nothing of the withheld scale travels, not even its size
    expect(JSON.stringify(coordination!.after)).toBe('null')

    // the CSV export says the same, in the same words, and never runs a typed formula
    await create({ ...ACTION, title: '=HYPERLINK("x") reading' }, earlier)
    const csv = await call('trustLeader', 'GET', `/api/surveys/${earlier}/actions.csv`)
    expect([csv.statusCode, csv.headers['content-type']]).toEqual([200, 'text/csv; charset=utf-8'])
    const quoted = (text: string) => text.replace(/"/g, '""')
    expect(csv.body).toContain(quoted(shared!.words))
    expect(csv.body).toContain(quoted(coordination!.words))
    expect(csv.body).toContain(`"'=HYPERLINK(""x"") reading"`)
  })

  it('skips a next survey that closed below k, and names one still open', async () => {
    const earlier = await pastSurvey('Autumn 2025', -400, -380, answers(2, 20, 21))
    await create(ACTION, earlier)
    await pastSurvey('Spring 2026', -300, -280, answers(4, 3, 22))
    const progress = ActionProgressSchema.parse((await call('schoolLeader', 'GET', `/api/surveys/${earlier}/action-progress`)).json())
    // world.surveyA1 is open now: it is the one to wait for
    expect(progress.next).toBeNull()
    expect(progress.note).toMatch(/"Alder One autumn survey" has closed/)
  })

  it('builds the discussion guide from the report, with no figure the report withholds', async () => {
    const id = await pastSurvey('Autumn 2025', -60, -40, answers(3, 30, 31))
    const res = await call('schoolLeader', 'GET', `/api/surveys/${id}/discussion-guide`)
    expect(res.statusCode, res.body).toBe(200)
    const guide = DiscussionGuideSchema.parse(res.json())
    const report = await reportAsSchoolLeader(t.app, t.world, id)
    expect(guide).toEqual(buildDiscussionGuide(report, guide.survey))
    expect(guide.sections.filter((s) => s.kind === 'priority').map((s) => s.scaleId)).toEqual(report.priorities.map((p) => p.id))
    expect(guide.sections.every((s) => s.prompts.modelling.startsWith('Modelling') && s.prompts.monitoring.startsWith('Monitoring') && s.prompts.dialogue.startsWith('Dialogue'))).toBe(true)

    // an open survey released at close: nothing to discuss yet, and why
    const open = DiscussionGuideSchema.parse((await call('trustLeader', 'GET', `/api/surveys/${t.world.surveyA1}/discussion-guide`)).json())
    expect(open.sections).toEqual([])
    expect(open.note).toMatch(/released when the survey closes/)
  })
})
