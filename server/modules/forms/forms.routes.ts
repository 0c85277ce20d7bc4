import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  CheckAccessCodeBodySchema,
  CheckAccessCodeResponseSchema,
  SubmitResponseBodySchema,
  SubmitResponseResponseSchema,
  SurveyFormSchema,
  SurveyTokenParamsSchema,
} from '../../../shared/schemas/forms.ts'
import { PUBLIC } from '../auth/access.ts'
import type { FormService } from './forms.service.ts'

/** Staff routes: no sign-in; the survey link's token is the only key. Never logs IP or body. */
export const formRoutes: FastifyPluginAsyncZod<{ forms: FormService; submitRateLimit: { max: number; timeWindow: number } }> = async (
  app,
  { forms, submitRateLimit },
) => {
  app.get(
    '/:token',
    {
      config: { access: PUBLIC },
      schema: {
        operationId: 'getSurveyForm',
        summary: 'The questionnaire a survey link opens',
        tags: ['staff'],
        params: SurveyTokenParamsSchema,
        response: { 200: SurveyFormSchema },
      },
    },
    async (req) => forms.getForm(req.params.token),
  )

  app.post(
    '/:token/code-checks',
    {
      config: { access: PUBLIC, rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        operationId: 'checkAccessCode',
        summary: 'Check a single-use access code before answering (does not use it up)',
        tags: ['staff'],
        params: SurveyTokenParamsSchema,
        body: CheckAccessCodeBodySchema,
        response: { 200: CheckAccessCodeResponseSchema },
      },
    },
    async (req) => {
      await forms.checkAccessCode(req.params.token, req.body.accessCode)
      return { valid: true as const }
    },
  )

  app.post(
    '/:token/responses',
    {
      config: { access: PUBLIC, rateLimit: submitRateLimit },
      schema: {
        operationId: 'submitResponse',
        summary: 'Submit one anonymous response',
        tags: ['staff'],
        params: SurveyTokenParamsSchema,
        body: SubmitResponseBodySchema,
        response: { 201: SubmitResponseResponseSchema },
      },
    },
    async (req, reply) => {
      await forms.submit(req.params.token, req.body)
      return reply.code(201).send({ received: true })
    },
  )
}
