import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  ActionParamsSchema,
  ActionPlanSchema,
  ActionProgressSchema,
  ActionSchema,
  CreateActionBodySchema,
  CreatePulseCheckBodySchema,
  DiscussionGuideSchema,
  PulseChecksSchema,
  TrustActionsSchema,
  UpdateActionBodySchema,
} from '../../../shared/schemas/actions.ts'
import { SurveyIdParamsSchema, SurveySchema } from '../../../shared/schemas/surveys.ts'
import { TrustIdParamsSchema } from '../../../shared/schemas/trusts.ts'
import { SURVEY, SURVEY_OWN_SCHOOL, TRUST } from '../auth/access.ts'
import type { ActionService } from './actions.service.ts'

/** A school's action plan for a survey cycle: its own leaders change it, its trust's leaders read it. */
export const actionRoutes: FastifyPluginAsyncZod<{ actions: ActionService }> = async (app, { actions }) => {
  const tags = ['leaders: action plans']

  app.get(
    '/surveys/:surveyId/actions',
    {
      config: { access: SURVEY },
      schema: { operationId: 'listActions', summary: "The survey cycle's action plan, with how widely its leadership is spread and its warnings", tags, params: SurveyIdParamsSchema, response: { 200: ActionPlanSchema } },
    },
    async (req) => actions.listActions(req.params.surveyId, req.principal!),
  )

  app.get(
    '/surveys/:surveyId/actions.csv',
    {
      config: { access: SURVEY },
      schema: { operationId: 'exportActions', summary: 'The plan as CSV (RFC 4180, UTF-8): each action, its notes, and its re-measured change once there is one', tags, params: SurveyIdParamsSchema },
    },
    async (req, reply) => {
      const csv = await actions.exportPlan(req.params.surveyId, req.principal!)
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="continuum-plan-${req.params.surveyId}.csv"`).header('cache-control', 'no-store').send(csv)
    },
  )

  app.post(
    '/surveys/:surveyId/actions',
    {
      config: { access: SURVEY_OWN_SCHOOL },
      schema: { operationId: 'createAction', summary: "Add an action to the plan (the school's own leaders)", tags, params: SurveyIdParamsSchema, body: CreateActionBodySchema, response: { 201: ActionSchema } },
    },
    async (req, reply) => reply.code(201).send(await actions.createAction(req.params.surveyId, req.body)),
  )

  app.patch(
    '/surveys/:surveyId/actions/:actionId',
    {
      config: { access: SURVEY_OWN_SCHOOL },
      schema: {
        operationId: 'updateAction',
        summary: "Change an action, its status, or add a dated note (the school's own leaders)",
        tags,
        params: ActionParamsSchema,
        body: UpdateActionBodySchema,
        response: { 200: ActionSchema },
      },
    },
    async (req) => actions.updateAction(req.params.surveyId, req.params.actionId, req.body),
  )

  app.get(
    '/surveys/:surveyId/action-progress',
    {
      config: { access: SURVEY },
      schema: {
        operationId: 'getActionProgress',
        summary: "Each action's target scales re-measured by the school's next closed survey, in plain words, behind the report's anonymity rules",
        tags,
        params: SurveyIdParamsSchema,
        response: { 200: ActionProgressSchema },
      },
    },
    async (req) => actions.getProgress(req.params.surveyId, req.principal!),
  )

  app.get(
    '/surveys/:surveyId/pulse-checks',
    {
      config: { access: SURVEY },
      schema: {
        operationId: 'listPulseChecks',
        summary: "The plan's pulse checks (short surveys of its target scales between full cycles), each with its results beside the plan's survey once released",
        tags,
        params: SurveyIdParamsSchema,
        response: { 200: PulseChecksSchema },
      },
    },
    async (req) => actions.listPulseChecks(req.params.surveyId, req.principal!),
  )

  app.post(
    '/surveys/:surveyId/pulse-checks',
    {
      config: { access: SURVEY_OWN_SCHOOL },
      schema: {
        operationId: 'createPulseCheck',
        summary: "Start a pulse check of the plan or of one action: a survey of only the target scales, with the plan's survey's k, access and release rules (the school's own leaders)",
        tags,
        params: SurveyIdParamsSchema,
        body: CreatePulseCheckBodySchema,
        response: { 201: SurveySchema },
      },
    },
    async (req, reply) => reply.code(201).send(await actions.createPulseCheck(req.params.surveyId, req.body)),
  )

  app.get(
    '/surveys/:surveyId/discussion-guide',
    {
      config: { access: SURVEY },
      schema: {
        operationId: 'getDiscussionGuide',
        summary: "A leadership team's discussion guide built from the survey's report: priorities, strengths, figures, questions and prompts",
        tags,
        params: SurveyIdParamsSchema,
        response: { 200: DiscussionGuideSchema },
      },
    },
    async (req) => actions.getGuide(req.params.surveyId, req.principal!),
  )

  app.get(
    '/trusts/:trustId/actions',
    {
      config: { access: TRUST },
      schema: { operationId: 'listTrustActions', summary: "Every school's action plans in the trust (trust leaders, read-only)", tags, params: TrustIdParamsSchema, response: { 200: TrustActionsSchema } },
    },
    async (req) => actions.listTrustActions(req.params.trustId),
  )
}
