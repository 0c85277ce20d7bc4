import type { Kysely } from 'kysely'
import { planCsvRows, remeasureScale, summarisePlan } from '../../../shared/domain/action-plan.ts'
import { toCsv } from '../../../shared/domain/csv.ts'
import { buildDiscussionGuide } from '../../../shared/domain/discussion-guide.ts'
import { dayIn } from '../../../shared/domain/school-days.ts'
import { pulseResults } from '../../../shared/domain/pulse-check.ts'
import { SCALE_IDS, type ScaleId } from '../../../shared/instrument/types.ts'
import { requireInstrument } from '../../../shared/instrument/versions.ts'
import {
  CreateActionBodySchema,
  CreatePulseCheckBodySchema,
  MAX_ACTIONS,
  UpdateActionBodySchema,
  type Action,
  type ActionPlan,
  type ActionProgress,
  type CreateActionBody,
  type CreatePulseCheckBody,
  type PulseChecks,
  type DiscussionGuide,
  type TrustActions,
  type UpdateActionBody,
} from '../../../shared/schemas/actions.ts'
import type { SurveyReport } from '../../../shared/schemas/reports.ts'
import type { Survey } from '../../../shared/schemas/surveys.ts'
import type { Database } from '../../db/schema.ts'
import { ConflictError, NotFoundError, parse, ValidationError } from '../../errors.ts'
import { canEditSchool, type Principal } from '../auth/access.ts'
import * as repo from './actions.repository.ts'

/** What the plan needs of the other modules: surveys and their reports, through their services. */
export interface ActionServiceDeps {
  db: Kysely<Database>
  surveys: {
    getSurvey(surveyId: number): Promise<Survey>
    listSurveys(schoolId: number): Promise<Survey[]>
    createPulseCheck(planSurveyId: number, input: { title: string; opensAt: string; closesAt: string; expectedStaff: number | null; actionId: number | null; scales: ScaleId[] }): Promise<Survey>
    listPulseChecks(planSurveyId: number): Promise<Survey[]>
  }
  reports: { getReport(surveyId: number, principal: Principal): Promise<SurveyReport> }
  now?: () => Date
}

/** A school's action plan for a survey cycle: actions, their leads, notes, re-measurement and the discussion guide. */
export function createActionService({ db, surveys, reports, now = () => new Date() }: ActionServiceDeps) {
  const scaleNamesOf = (instrumentVersion: string) =>
    Object.fromEntries(requireInstrument(instrumentVersion).scales.map((s) => [s.id, s.name])) as Record<ScaleId, string>

  const planSurvey = (s: Pick<Survey, 'id' | 'title' | 'schoolId' | 'schoolName' | 'closesAt'>) => ({ id: s.id, title: s.title, schoolId: s.schoolId, schoolName: s.schoolName, closesAt: s.closesAt })

  const toAction = (r: repo.ActionRecord, timeZone: string): Action => ({
    id: r.id,
    surveyId: r.surveyId,
    title: r.title,
    details: r.details,
    scales: r.scales,
    influence: r.influence,
    lead: r.lead,
    supporters: r.supporters,
    reviewOn: r.reviewOn,
    status: r.status,
    notes: r.notes.map((n) => ({ id: n.id, on: dayIn(timeZone, n.at), status: n.status, body: n.body })),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  })

  async function loadAction(surveyId: number, actionId: number, timeZone: string): Promise<Action> {
    const action = await repo.findAction(db, actionId)
    if (!action || action.surveyId !== surveyId) throw new NotFoundError('There is no such action in this plan.')
    return toAction(action, timeZone)
  }

  /**
   * The school's first survey after this one (opened once it had closed, on the same
   * questionnaire) that has closed with results; or, failing that, why there is none.
   */
  async function nextSurvey(survey: Survey, principal: Principal): Promise<{ survey: Survey; report: SurveyReport } | { reason: string }> {
    const ended = survey.closedAt && survey.closedAt < survey.closesAt ? survey.closedAt : survey.closesAt
    const later = (await surveys.listSurveys(survey.schoolId))
      .filter((s) => s.id !== survey.id && s.instrumentVersion === survey.instrumentVersion && s.opensAt >= ended)
      .sort((a, b) => a.closesAt.localeCompare(b.closesAt) || a.id - b.id)
    for (const s of later.filter((s) => s.phase === 'closed')) {
      const report = await reports.getReport(s.id, principal)
      if (report.released) return { survey: s, report }
    }
    const pending = later.find((s) => s.phase !== 'closed')
    if (pending) return { reason: `The change shows once "${pending.title}" has closed with results: until then there is nothing to compare with.` }
    if (later.length > 0) return { reason: 'The later surveys of the school closed with too few responses to show results, so there is nothing to compare with yet.' }
    return { reason: "The change shows once the school's next survey has closed with results: until then there is nothing to compare with." }
  }

  /** The scales the plan's actions aim at, in the instrument's order. */
  const targetScales = (actions: readonly repo.ActionRecord[]): ScaleId[] => SCALE_IDS.filter((id) => actions.some((a) => a.scales.includes(id)))

  /** The plan's actions that count (not dropped), and why a pulse check cannot start now (null: it can). */
  async function startable(survey: Survey): Promise<{ actions: repo.ActionRecord[]; reason: string | null }> {
    if (survey.pulse) return { actions: [], reason: 'This is a pulse check: start pulse checks from the plan of the survey it follows up.' }
    const actions = (await repo.listActions(db, [survey.id])).filter((a) => a.status !== 'dropped')
    if (survey.phase !== 'closed') return { actions, reason: `A pulse check is compared with "${survey.title}", so it can start once that survey has closed.` }
    if (actions.length === 0) return { actions, reason: 'The plan has no actions yet: a pulse check asks about the scales its actions aim at.' }
    const running = (await surveys.listPulseChecks(survey.id)).find((p) => p.phase !== 'closed')
    if (running) return { actions, reason: `"${running.title}" is still running: close it before starting another, so that staff are never split between two pulse checks.` }
    return { actions, reason: null }
  }

  return {
    async listActions(surveyId: number, principal: Principal): Promise<ActionPlan> {
      const survey = await surveys.getSurvey(surveyId)
      const actions = (await repo.listActions(db, [surveyId])).map((a) => toAction(a, survey.timeZone))
      return {
        survey: planSurvey(survey),
        canEdit: canEditSchool(principal, { schoolId: survey.schoolId }),
        actions,
        summary: summarisePlan(actions, scaleNamesOf(survey.instrumentVersion)),
      }
    },

    async createAction(surveyId: number, input: CreateActionBody): Promise<Action> {
      const body = parse(CreateActionBodySchema, input)
      const survey = await surveys.getSurvey(surveyId)
      if (survey.pulse) throw new ConflictError('CONFLICT', 'This is a pulse check: its actions are those of the plan it belongs to. Add the action to that plan instead.')
      const id = await db.transaction().execute(async (trx) => {
        await repo.lockPlan(trx, surveyId)
        if ((await repo.countActions(trx, surveyId)) >= MAX_ACTIONS) {
          throw new ConflictError('CONFLICT', `A plan holds at most ${MAX_ACTIONS} actions: drop or merge some before adding more.`)
        }
        const at = now()
        const actionId = await repo.insertAction(trx, surveyId, body, at)
        await repo.insertNote(trx, actionId, { status: body.status, body: '' }, at)
        return actionId
      })
      return loadAction(surveyId, id, survey.timeZone)
    },

    async updateAction(surveyId: number, actionId: number, input: UpdateActionBody): Promise<Action> {
      const { note, ...change } = parse(UpdateActionBodySchema, input)
      const survey = await surveys.getSurvey(surveyId)
      await db.transaction().execute(async (trx) => {
        await repo.lockPlan(trx, surveyId)
        const action = await repo.findAction(trx, actionId)
        if (!action || action.surveyId !== surveyId) throw new NotFoundError('There is no such action in this plan.')
        const at = now()
        await repo.updateAction(trx, actionId, change, at)
        const status = change.status ?? action.status
        if (status !== action.status || note !== undefined) await repo.insertNote(trx, actionId, { status, body: note ?? '' }, at)
      })
      return loadAction(surveyId, actionId, survey.timeZone)
    },

    /**
     * Each action's target scales on this survey's report and on the school's next survey's
     * report, compared. Only figures both reports show are used, so the comparison withholds
     * whatever either report withholds.
     */
    async getProgress(surveyId: number, principal: Principal): Promise<ActionProgress> {
      const survey = await surveys.getSurvey(surveyId)
      const actions = await repo.listActions(db, [surveyId])
      const next = await nextSurvey(survey, principal)
      const names = scaleNamesOf(survey.instrumentVersion)
      if ('reason' in next) {
        return {
          survey: planSurvey(survey),
          next: null,
          note: next.reason,
          actions: actions.map((a) => ({ actionId: a.id, title: a.title, status: a.status, scales: a.scales.map((id) => ({ id, name: names[id], before: null, after: null, change: null, words: next.reason })) })),
        }
      }
      const before = await reports.getReport(surveyId, principal)
      const labels = { before: `"${survey.title}"`, after: `"${next.survey.title}"` }
      return {
        survey: planSurvey(survey),
        next: { id: next.survey.id, title: next.survey.title, closesAt: next.survey.closesAt },
        note:
          `Compared with "${next.survey.title}" (${next.report.responseCount} responses) against "${survey.title}" (${before.responseCount} responses). ` +
          'Each survey is answered anonymously, so the two are different sets of answers: a change is shown as improved or declined only when its whole 95 % interval lies on one side of zero, and a change in a scale does not by itself show that an action caused it.',
        actions: actions.map((a) => ({
          actionId: a.id,
          title: a.title,
          status: a.status,
          scales: a.scales.map((id) =>
            remeasureScale({ id, name: names[id] }, before.scales.find((s) => s.id === id), next.report.scales.find((s) => s.id === id), labels),
          ),
        })),
      }
    },

    /**
     * Starts a pulse check of the plan (or of one action): a short survey of the target scales,
     * open from its opening day, with the plan's survey's k, access and release rules. Only once the
     * plan's survey has closed (it is what the pulse check is compared with), and one at a time: a
     * second pulse check running beside the first would split the staff into smaller groups.
     */
    async createPulseCheck(surveyId: number, input: CreatePulseCheckBody): Promise<Survey> {
      const body = parse(CreatePulseCheckBodySchema, input)
      const survey = await surveys.getSurvey(surveyId)
      const start = await startable(survey)
      if (start.reason !== null) throw new ConflictError('CONFLICT', start.reason)
      const actions = start.actions
      const action = body.actionId === null ? null : actions.find((a) => a.id === body.actionId)
      if (action === undefined) throw new ValidationError('There is no such action in this plan (or it was dropped).', [{ path: '/actionId', message: 'not an action of this plan' }])
      const names = scaleNamesOf(survey.instrumentVersion)
      const allowed = action ? action.scales : targetScales(actions)
      const scales = body.scales ?? allowed
      const outside = scales.filter((id) => !allowed.includes(id))
      if (outside.length > 0) {
        throw new ValidationError(
          `A pulse check asks only the scales ${action ? 'its action aims' : 'the plan\'s actions aim'} at (${allowed.map((id) => names[id]).join(', ')}); ${outside.map((id) => names[id]).join(', ')} ${outside.length === 1 ? 'is' : 'are'} not among them.`,
          [{ path: '/scales', message: 'a scale the plan does not aim at' }],
        )
      }
      const title = body.title ?? `Pulse check: ${action ? action.title : survey.title}`.slice(0, 120)
      return surveys.createPulseCheck(surveyId, {
        title,
        opensAt: body.opensAt,
        closesAt: body.closesAt,
        expectedStaff: body.expectedStaff,
        actionId: action?.id ?? null,
        scales: SCALE_IDS.filter((id) => scales.includes(id)),
      })
    },

    /**
     * The plan's pulse checks, each with its results beside the plan's survey's figures once its
     * own report releases them: both figures come from the two reports (`getReport`), so a pulse
     * check shows no more than its own report would, and its responses never join another survey's.
     */
    async listPulseChecks(surveyId: number, principal: Principal): Promise<PulseChecks> {
      const survey = await surveys.getSurvey(surveyId)
      const [start, checks] = await Promise.all([startable(survey), surveys.listPulseChecks(surveyId)])
      const names = scaleNamesOf(survey.instrumentVersion)
      const canEdit = canEditSchool(principal, { schoolId: survey.schoolId })
      const planReport = checks.length > 0 ? await reports.getReport(surveyId, principal) : null
      const items = await Promise.all(
        checks.map(async (check) => {
          const report = await reports.getReport(check.id, principal)
          const scales = (check.pulse?.scales ?? []).map((id) => ({ id, name: names[id] }))
          const action = check.pulse?.actionId ? start.actions.find((a) => a.id === check.pulse!.actionId) : undefined
          const note = !report.released
            ? (report.releaseNote ?? 'No results yet.')
            : !planReport!.released
              ? `"${survey.title}" shows no results, so there is nothing to compare the pulse check with.`
              : `"${check.title}" (${report.responseCount} responses) against "${survey.title}" (${planReport!.responseCount} responses). ` +
                'Each is answered anonymously, so the two are different sets of answers: a change is shown as improved or declined only when its whole 95 % interval lies on one side of zero.'
          return {
            survey: check,
            action: action ? { id: action.id, title: action.title } : null,
            released: report.released,
            note,
            scales: pulseResults(scales, { ...planReport!, title: survey.title }, { ...report, title: check.title }),
          }
        }),
      )
      return {
        survey: planSurvey(survey),
        canEdit,
        targetScales: targetScales(start.actions).map((id) => ({ id, name: names[id] })),
        canStart: canEdit && start.reason === null,
        startNote: canEdit ? start.reason : 'Only the school\'s own leaders start pulse checks.',
        settings: { k: survey.k, accessMode: survey.accessMode, releaseMode: survey.releaseMode, codeCustodian: survey.codeCustodian },
        items,
      }
    },

    async exportPlan(surveyId: number, principal: Principal): Promise<string> {
      const [plan, progress] = await Promise.all([this.listActions(surveyId, principal), this.getProgress(surveyId, principal)])
      const survey = await surveys.getSurvey(surveyId)
      return toCsv(planCsvRows(plan.actions, scaleNamesOf(survey.instrumentVersion), progress.next ? progress.actions : []))
    },

    async getGuide(surveyId: number, principal: Principal): Promise<DiscussionGuide> {
      const survey = await surveys.getSurvey(surveyId)
      return buildDiscussionGuide(await reports.getReport(surveyId, principal), planSurvey(survey))
    },

    async listTrustActions(trustId: number): Promise<TrustActions> {
      const name = await repo.findTrustName(db, trustId)
      if (name === undefined) throw new NotFoundError('There is no such trust.')
      const { schools, surveys: planned } = await repo.listTrustPlans(db, trustId)
      const actions = Map.groupBy(await repo.listActions(db, planned.map((s) => s.id)), (a) => a.surveyId)
      return {
        trust: { id: trustId, name },
        schools: schools.map((school) => ({
          schoolId: school.id,
          name: school.name,
          plans: planned
            .filter((s) => s.schoolId === school.id)
            .map((s) => {
              const list = (actions.get(s.id) ?? []).map((a) => toAction(a, s.timeZone))
              return { survey: planSurvey({ ...s, closesAt: s.closesAt.toISOString() }), actions: list, summary: summarisePlan(list, scaleNamesOf(s.instrumentVersion)) }
            }),
        })),
      }
    },
  }
}
export type ActionService = ReturnType<typeof createActionService>
