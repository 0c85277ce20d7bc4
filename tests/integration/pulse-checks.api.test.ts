import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { remeasureScale } from '../../shared/domain/action-plan.ts'
import { pulseResults } from '../../shared/domain/pulse-check.ts'
import { generateResponses } from '../../shared/domain/synthetic.ts'
import { ApiErrorSchema } from '../../shared/errors.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { keyingOf, type Instrument, type ScaleId } from '../../shared/instrument/types.ts'
import { ActionSchema, PulseChecksSchema, type CreateActionBody } from '../../shared/schemas/actions.ts'
import { SurveyFormSchema } from '../../shared/schemas/forms.ts'
import { SurveyListSchema, SurveySchema, type Survey } from '../../shared/schemas/surveys.ts'
import { DAY } from '../helpers/fixtures.ts'
import { testDatabases } from '../helpers/test-db.ts'
import { as, closedSurveyOfA1, reportAsSchoolLeader, useWorld, type Who } from '../helpers/world.ts'

// Pulse checks: a short survey of a plan's target scales between full cycles, under the plan's
// survey's anonymity rules, with its results beside the plan (docs/scoring.md, "Pulse checks").

const scaleNames = Object.fromEntries(dlV1.scales.map((s) => [s.id, s.name])) as Record<ScaleId, string>
const itemsOf = (id: ScaleId) => dlV1.scales.find((s) => s.id === id)!.items.map((i) => i.id)

const ACTION: CreateActionBody = {
  title: 'Teachers lead the reading project',
  scales: ['shared_responsibility', 'synergy'],
  influence: 'dialogue',
  lead: { role: 'teacher' },
}

describe.each(testDatabases())('pulse checks on %s', (kind) => {
  const t = useWorld(kind)

  const call = (who: Who, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, headers: as(t.world, who), ...(payload ? { payload } : {}) })
  const day = (offset: number) => new Date(t.now.getTime() + offset * DAY).toISOString().slice(0, 10)
  const surveyRows = async () => (await t.db.selectFrom('surveys').select('id').execute()).length
  const responseRows = async () => (await t.db.selectFrom('responses').select('id').execute()).length

  /** A closed survey of school A1 (the plan's), with synthetic answers, and an action on two scales. */
  async function closedPlan(opts: { k?: number; releaseMode?: 'at_close' | 'live'; respondents?: number; instrument?: Instrument } = {}): Promise<{ planId: number; actionId: number }> {
    const instrument = opts.instrument ?? dlV1
    const bodies = generateResponses({ instrument, pattern: 2, respondents: opts.respondents ?? 30, seed: 3, profileSeed: 7 })
    const id = await closedSurveyOfA1(t.db, t.world, t.now, { title: 'Summer survey', instrument, from: -60, to: -40, k: opts.k, releaseMode: opts.releaseMode }, bodies)
    const res = await call('schoolLeader', 'POST', `/api/surveys/${id}/actions`, ACTION)
    expect(res.statusCode, res.body).toBe(201)
    return { planId: id, actionId: ActionSchema.parse(res.json()).id }
  }

  async function start(planId: number, body: object = {}): Promise<Survey> {
    const res = await call('schoolLeader', 'POST', `/api/surveys/${planId}/pulse-checks`, { opensAt: day(0), closesAt: day(7), ...body })
    expect(res.statusCode, res.body).toBe(201)
    return SurveySchema.parse(res.json())
  }
  const tokenOf = (survey: Survey) => survey.link.split('/s/')[1]!
  const submit = (token: string, body: object) => t.app.inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload: { instrumentVersion: 'dl-v1', ...body } })
  /** A member of staff who agrees (4) or strongly agrees (5) with every statement of the scales. */
  const answering = (scales: readonly ScaleId[], value: 4 | 5) => ({ answers: Object.fromEntries(scales.flatMap(itemsOf).map((id) => [id, value])) })
  const list = async (planId: number, who: Who = 'schoolLeader') => {
    const res = await call(who, 'GET', `/api/surveys/${planId}/pulse-checks`)
    expect(res.statusCode, res.body).toBe(200)
    return PulseChecksSchema.parse(res.json())
  }
  const close = async (surveyId: number) => expect((await call('schoolLeader', 'POST', `/api/surveys/${surveyId}/close`)).statusCode).toBe(200)

  it("starts a pulse check with the plan's survey's k, access and release rules, and keeps it out of the school's survey cycles", async () => {
    const { planId, actionId } = await closedPlan({ k: 7, releaseMode: 'live' })
    const before = await list(planId)
    expect(before).toMatchObject({ canEdit: true, canStart: true, startNote: null, items: [], settings: { k: 7, accessMode: 'link', releaseMode: 'live' } })
    expect(before.targetScales.map((s) => s.id)).toEqual(['shared_responsibility', 'synergy'])

    const pulse = await start(planId, { actionId })
    expect(pulse).toMatchObject({ k: 7, accessMode: 'link', releaseMode: 'live', phase: 'open', title: `Pulse check: ${ACTION.title}`, pulse: { planSurveyId: planId, actionId, scales: ['shared_responsibility', 'synergy'] } })
    // the school's survey cycles (its page, the next survey a plan is re-measured by) are full surveys only
    const cycles = SurveyListSchema.parse((await call('schoolLeader', 'GET', `/api/schools/${t.world.schoolA1}/surveys`)).json())
    expect(cycles.items.map((s) => s.id)).not.toContain(pulse.id)
    // one at a time
    const second = await call('schoolLeader', 'POST', `/api/surveys/${planId}/pulse-checks`, { opensAt: day(0), closesAt: day(7) })
    expect([second.statusCode, ApiErrorSchema.parse(second.json()).error.message]).toEqual([409, expect.stringMatching(/is still running: close it before starting another/)])
    const after = await list(planId, 'trustLeader')
    expect(after).toMatchObject({ canEdit: false, canStart: false })
    expect(after.items.map((i) => [i.survey.id, i.action?.id, i.released])).toEqual([[pulse.id, actionId, false]])
  })

  it('refuses a bad pulse check with a 4xx that says what to change, and writes nothing', async () => {
    const { planId, actionId } = await closedPlan()
    const before = await surveyRows()
    for (const [body, status, message] of [
      [{ closesAt: day(7) }, 400, /opensAt|day such as/],
      [{ opensAt: day(0), closesAt: 'soon' }, 400, /use a day such as/],
      [{ opensAt: day(7), closesAt: day(0) }, 400, /must close after it opens/],
      [{ opensAt: day(-9), closesAt: day(-2) }, 400, /closing date is in the past/],
      [{ opensAt: day(0), closesAt: day(7), scales: ['coordination'] }, 400, /asks only the scales the plan's actions aim at \(Shared responsibility, Synergy\); Coordination is not among them/],
      [{ opensAt: day(0), closesAt: day(7), scales: [] }, 400, /at least one scale/],
      [{ opensAt: day(0), closesAt: day(7), actionId: t.world.actionA1 }, 400, /no such action in this plan/],
      [{ opensAt: day(0), closesAt: day(7), actionId, scales: ['synergy', 'coordination'] }, 400, /its action aims at/],
      [{ opensAt: day(0), closesAt: day(7), k: 3 }, 400, /not part of the request: k/],
      [{ opensAt: day(0), closesAt: day(7), title: 'a\u0000b' }, 400, /NUL/],
    ] as const) {
      const res = await call('schoolLeader', 'POST', `/api/surveys/${planId}/pulse-checks`, body)
      expect([res.statusCode, ApiErrorSchema.parse(res.json()).error.message]).toEqual([status, expect.stringMatching(message)])
    }
    // the plan's survey must have closed: world.surveyA1 is still open
    const open = await call('schoolLeader', 'POST', `/api/surveys/${t.world.surveyA1}/pulse-checks`, { opensAt: day(0), closesAt: day(7) })
    expect([open.statusCode, ApiErrorSchema.parse(open.json()).error.message]).toEqual([409, expect.stringMatching(/once that survey has closed/)])
    expect(await surveyRows()).toBe(before)

    // a pulse check has no plan or pulse checks of its own
    const pulse = await start(planId)
    const nested = await call('schoolLeader', 'POST', `/api/surveys/${pulse.id}/pulse-checks`, { opensAt: day(0), closesAt: day(7) })
    expect(nested.statusCode).toBe(409)
    const action = await call('schoolLeader', 'POST', `/api/surveys/${pulse.id}/actions`, ACTION)
    expect([action.statusCode, ApiErrorSchema.parse(action.json()).error.message]).toEqual([409, expect.stringMatching(/This is a pulse check/)])
    expect(await surveyRows()).toBe(before + 1)
  })

  it("gives staff only the target scales' statements, and refuses any other answer with a 400, storing nothing", async () => {
    const { planId } = await closedPlan()
    const pulse = await start(planId, { scales: ['synergy'] })
    const form = SurveyFormSchema.parse((await t.app.inject({ method: 'GET', url: `/api/forms/${tokenOf(pulse)}` })).json())
    expect(form.instrument.scales.map((s) => s.id)).toEqual(['synergy'])
    expect(form.instrument.scales[0]!.items).toEqual(dlV1.scales.find((s) => s.id === 'synergy')!.items)
    expect([form.instrument.continuum.patterns, form.instrument.roles, form.instrument.prompts]).toEqual([[], [], []])
    expect(form.instrument.estimatedMinutes).toBeLessThan(dlV1.estimatedMinutes)

    for (const [body, message] of [
      [{ answers: { ...answering(['synergy'], 4).answers, sr1: 4 } }, /"sr1" is not a question of this survey/],
      [{ ...answering(['synergy'], 4), role: 'senior_leader' }, /does not ask your role/],
      [{ ...answering(['synergy'], 4), nowPattern: 3 }, /does not ask where the school is on the continuum/],
      [{ ...answering(['synergy'], 4), comments: { helps: 'The head listens.' } }, /does not ask for comments/],
      [{ answers: { [itemsOf('synergy')[0]!]: 4 } }, /too empty to be counted/],
    ] as const) {
      const res = await submit(tokenOf(pulse), body)
      expect([res.statusCode, ApiErrorSchema.parse(res.json()).error.message]).toEqual([400, expect.stringMatching(message)])
    }
    expect(await responseRows()).toBe(30)
    const ok = await submit(tokenOf(pulse), { ...answering(['synergy'], 4), role: null, nowPattern: null })
    expect(ok.statusCode, ok.body).toBe(201)
    // stored in the instrument's full item order: the synergy statements answered, every other one unanswered
    const row = await t.db.selectFrom('responses').select(['answers', 'role', 'now_pattern']).where('survey_id', '=', pulse.id).executeTakeFirstOrThrow()
    const order = dlV1.scales.flatMap((s) => s.items.map((i) => i.id))
    expect(row.answers).toEqual(order.map((id) => (itemsOf('synergy').includes(id) ? 4 : null)))
    expect([row.role, row.now_pattern]).toEqual([null, null])
  })

  it('withholds its results below k, then shows exactly the pure comparison with the plan, and its answers never reach another survey', async () => {
    const { planId } = await closedPlan()
    const planBefore = await reportAsSchoolLeader(t.app, t.world, planId)
    const pulse = await start(planId)
    for (let i = 0; i < 4; i++) expect((await submit(tokenOf(pulse), answering(['shared_responsibility', 'synergy'], i % 2 === 0 ? 4 : 5))).statusCode).toBe(201)
    await close(pulse.id)
    const few = (await list(planId)).items[0]!
    expect(few.released).toBe(false)
    expect(few.note).toMatch(/Fewer than 5 people answered/)
    expect(few.scales.every((s) => s.before === null && s.after === null && s.change === null)).toBe(true)

    // a second pulse check, answered by k people
    const second = await start(planId, { scales: ['synergy'] })
    for (let i = 0; i < 5; i++) expect((await submit(tokenOf(second), answering(['synergy'], i < 3 ? 5 : 4))).statusCode).toBe(201)
    expect((await list(planId)).items[1]!.released).toBe(false) // still open: released at close
    await close(second.id)
    const got = (await list(planId)).items[1]!
    expect(got.released).toBe(true)
    const pulseReport = await reportAsSchoolLeader(t.app, t.world, second.id)
    expect(got.scales).toEqual(pulseResults([{ id: 'synergy', name: scaleNames.synergy }], { ...planBefore, title: 'Summer survey' }, { ...pulseReport, title: second.title }))
    expect(got.scales[0]).toEqual(
      remeasureScale({ id: 'synergy', name: scaleNames.synergy }, planBefore.scales.find((s) => s.id === 'synergy'), pulseReport.scales.find((s) => s.id === 'synergy'), { before: '"Summer survey"', after: `"${second.title}"` }),
    )
    expect(got.scales[0]!.after).toMatchObject({ n: 5, mean: 4.6 })
    expect(got.scales[0]!.change?.verdict).toBe('improved')
    expect(got.note).toMatch(/\(5 responses\) against "Summer survey" \(30 responses\)/)

    // no differencing: the plan's report is what it was, and no survey's figure pools the pulse checks' answers
    // (comments aside: they come in a fresh random order on every read)
    const figures = (r: typeof planBefore) => ({ ...r, comments: null })
    expect(figures(await reportAsSchoolLeader(t.app, t.world, planId))).toEqual(figures(planBefore))
    // the pulse check's report shows only its own scale; the others are withheld, not even sized
    expect(pulseReport.responseCount).toBe(5)
    expect(pulseReport.scales.filter((s) => s.mean !== null).map((s) => s.id)).toEqual(['synergy'])
    // the school's next full survey is what re-measures the plan, not a pulse check
    const progress = (await call('schoolLeader', 'GET', `/api/surveys/${planId}/action-progress`)).json() as { next: unknown }
    expect(progress.next).toBeNull()
  })

  it('asks a dl-v2 survey\'s target statements with their keying, refuses its other parts, and scores the pulse check keyed', async () => {
    const { planId } = await closedPlan({ instrument: dlV2 })
    const pulse = await start(planId, { scales: ['shared_responsibility'] })
    const form = SurveyFormSchema.parse((await t.app.inject({ method: 'GET', url: `/api/forms/${tokenOf(pulse)}` })).json())
    const scale = dlV2.scales.find((s) => s.id === 'shared_responsibility')!
    expect(form.instrument.scales).toEqual([scale])
    expect(form.instrument.scales[0]!.items.some((i) => keyingOf(i) === 'negative')).toBe(true)
    expect([form.instrument.patternBlock, form.instrument.leadershipMap]).toEqual([undefined, undefined])
    // the same agreement everywhere: agree with what is shared, disagree with the reverse-keyed statements
    const keyed = { answers: Object.fromEntries(scale.items.map((i) => [i.id, keyingOf(i) === 'negative' ? 1 : 5] as const)) }
    const v2 = (body: object) => submit(tokenOf(pulse), { instrumentVersion: 'dl-v2', ...body })
    for (const [body, message] of [
      [{ ...keyed, pairs: { [dlV2.patternBlock!.pairs[0]!.id]: 2 } }, /not a paired-statement question of this survey/],
      [{ ...keyed, origin: 2 }, /does not ask how people come to lead something/],
      [{ ...keyed, map: { curriculum: ['teachers'] } }, /leadership map has no area "curriculum"/],
    ] as const) {
      const res = await v2(body)
      expect([res.statusCode, ApiErrorSchema.parse(res.json()).error.message]).toEqual([400, expect.stringMatching(message)])
    }
    for (let i = 0; i < 5; i++) expect((await v2(keyed)).statusCode).toBe(201)
    await close(pulse.id)
    const got = (await list(planId)).items[0]!
    expect(got.released).toBe(true)
    // scored exactly as a full dl-v2 survey with the same answers is (keyed as the report keys it)
    const full = await closedSurveyOfA1(t.db, t.world, t.now, { title: 'Same answers', instrument: dlV2, from: -30, to: -20 }, Array.from({ length: 5 }, () => ({ instrumentVersion: 'dl-v2', ...keyed })))
    const sameAnswers = (await reportAsSchoolLeader(t.app, t.world, full)).scales.find((s) => s.id === 'shared_responsibility')!
    expect(got.scales[0]!.after).toEqual({ mean: sameAnswers.mean, ciLow: sameAnswers.ciLow, ciHigh: sameAnswers.ciHigh, n: 5 })
  })

  it('follows live release: a batch of k shows from the day after it completes, never the day it does', async () => {
    const { planId } = await closedPlan({ releaseMode: 'live' })
    const pulse = await start(planId, { scales: ['synergy'] })
    for (let i = 0; i < 5; i++) expect((await submit(tokenOf(pulse), answering(['synergy'], 4))).statusCode).toBe(201)
    const today = (await list(planId)).items[0]!
    expect(today.released).toBe(false)
    expect(today.note).toMatch(/the day after 5 people have answered/)
    // the next day, as tests/integration/reports.api.test.ts moves it: the batch completed a day earlier
    await sql`update surveys set live_batches_completed_on = array(select d - 1 from unnest(live_batches_completed_on) as x(d)) where id = ${pulse.id}`.execute(t.db)
    const tomorrow = (await list(planId)).items[0]!
    expect(tomorrow.released).toBe(true)
    expect(tomorrow.scales[0]!.after).toMatchObject({ n: 5, mean: 4 })
  })

  it("lets only the school's leaders start one; its trust's leaders read it; others get 403", async () => {
    const { planId } = await closedPlan()
    const before = await surveyRows()
    for (const who of ['trustLeader', 'otherSchoolSameTrust', 'otherTrustLeader'] as const) {
      expect((await call(who, 'POST', `/api/surveys/${planId}/pulse-checks`, { opensAt: day(0), closesAt: day(7) })).statusCode).toBe(403)
    }
    for (const who of ['otherSchoolSameTrust', 'otherTrustLeader'] as const) expect((await call(who, 'GET', `/api/surveys/${planId}/pulse-checks`)).statusCode).toBe(403)
    expect((await call('anonymous', 'GET', `/api/surveys/${planId}/pulse-checks`)).statusCode).toBe(401)
    expect(await surveyRows()).toBe(before)
    expect((await list(planId, 'trustLeader')).startNote).toMatch(/Only the school's own leaders/)
  })
})
