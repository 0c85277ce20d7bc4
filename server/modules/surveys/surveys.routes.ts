import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  AccessCodesSchema,
  CreateAccessCodesBodySchema,
  CreateCustodianLinkBodySchema,
  CreateSurveyBodySchema,
  CustodianCodesSchema,
  CustodianLinkSchema,
  OpenCustodianLinkBodySchema,
  SchoolIdParamsSchema,
  SchoolListSchema,
  SchoolSummarySchema,
  SurveyIdParamsSchema,
  SurveyListSchema,
  SurveyProgressSchema,
  SurveySchema,
  UpdateSurveyBodySchema,
} from '../../../shared/schemas/surveys.ts'
import { PUBLIC, SCHOOL, SIGNED_IN, SURVEY } from '../auth/access.ts'
import type { SurveyService } from './surveys.service.ts'

/** Leaders' survey cycles. Who may call each route is declared in config.access and enforced by the auth plugin. */
export const surveyRoutes: FastifyPluginAsyncZod<{ surveys: SurveyService }> = async (app, { surveys }) => {
  const tags = ['leaders: surveys']

  app.get(
    '/schools',
    { config: { access: SIGNED_IN }, schema: { operationId: 'listSchools', summary: 'The schools the leader may see, with their latest survey', tags, response: { 200: SchoolListSchema } } },
    async (req) => ({ items: await surveys.listSchools(req.principal!) }),
  )

  app.get(
    '/schools/:schoolId',
    {
      config: { access: SCHOOL },
      schema: { operationId: 'getSchool', summary: 'One school with its latest survey', tags, params: SchoolIdParamsSchema, response: { 200: SchoolSummarySchema } },
    },
    async (req) => surveys.getSchool(req.params.schoolId),
  )

  app.get(
    '/schools/:schoolId/surveys',
    {
      config: { access: SCHOOL },
      schema: { operationId: 'listSurveys', summary: "A school's surveys, newest first", tags, params: SchoolIdParamsSchema, response: { 200: SurveyListSchema } },
    },
    async (req) => ({ items: await surveys.listSurveys(req.params.schoolId) }),
  )

  app.post(
    '/schools/:schoolId/surveys',
    {
      config: { access: SCHOOL },
      schema: { operationId: 'createSurvey', summary: 'Create a survey cycle (as a draft)', tags, params: SchoolIdParamsSchema, body: CreateSurveyBodySchema, response: { 201: SurveySchema } },
    },
    async (req, reply) => reply.code(201).send(await surveys.createSurvey(req.params.schoolId, req.body)),
  )

  app.get(
    '/surveys/:surveyId',
    { config: { access: SURVEY }, schema: { operationId: 'getSurvey', summary: 'One survey with its link and response count', tags, params: SurveyIdParamsSchema, response: { 200: SurveySchema } } },
    async (req) => surveys.getSurvey(req.params.surveyId),
  )

  app.patch(
    '/surveys/:surveyId',
    {
      config: { access: SURVEY },
      schema: {
        operationId: 'updateSurvey',
        summary: 'Change or extend a survey; anonymity settings lock at the first response',
        tags,
        params: SurveyIdParamsSchema,
        body: UpdateSurveyBodySchema,
        response: { 200: SurveySchema },
      },
    },
    async (req) => surveys.updateSurvey(req.params.surveyId, req.body),
  )

  app.post(
    '/surveys/:surveyId/open',
    { config: { access: SURVEY }, schema: { operationId: 'openSurvey', summary: 'Open a draft survey to staff', tags, params: SurveyIdParamsSchema, response: { 200: SurveySchema } } },
    async (req) => surveys.openSurvey(req.params.surveyId),
  )

  app.post(
    '/surveys/:surveyId/close',
    { config: { access: SURVEY }, schema: { operationId: 'closeSurvey', summary: 'Close a survey now (it cannot reopen)', tags, params: SurveyIdParamsSchema, response: { 200: SurveySchema } } },
    async (req) => surveys.closeSurvey(req.params.surveyId),
  )

  app.get(
    '/surveys/:surveyId/progress',
    {
      config: { access: SURVEY },
      schema: { operationId: 'getSurveyProgress', summary: 'Response count and rate (never when anyone answered)', tags, params: SurveyIdParamsSchema, response: { 200: SurveyProgressSchema } },
    },
    async (req) => surveys.getProgress(req.params.surveyId),
  )

  app.post(
    '/surveys/:surveyId/access-codes',
    {
      config: { access: SURVEY },
      schema: {
        operationId: 'createAccessCodes',
        summary: 'Make single-use codes (shown once, stored hashed)',
        tags,
        params: SurveyIdParamsSchema,
        body: CreateAccessCodesBodySchema,
        response: { 201: AccessCodesSchema },
      },
    },
    async (req, reply) => reply.code(201).send({ surveyId: req.params.surveyId, codes: await surveys.createAccessCodes(req.params.surveyId, req.body.count) }),
  )

  app.post(
    '/surveys/:surveyId/custodian-links',
    {
      config: { access: SURVEY },
      schema: {
        operationId: 'createCustodianLink',
        summary: "A one-time link for the survey's code custodian to print codes (the leaders never see them)",
        tags,
        params: SurveyIdParamsSchema,
        body: CreateCustodianLinkBodySchema,
        response: { 201: CustodianLinkSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await surveys.createCustodianLink(req.params.surveyId, req.body.count)),
  )

  app.post(
    '/custodian-links/open',
    {
      config: { access: PUBLIC, rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        operationId: 'openCustodianLink',
        summary: "The code custodian's link: used up, it makes the codes and shows them this once",
        tags: ['code custodians'],
        body: OpenCustodianLinkBodySchema,
        response: { 200: CustodianCodesSchema },
      },
    },
    async (req) => surveys.openCustodianLink(req.body),
  )

  app.get(
    '/surveys/:surveyId/qr.svg',
    {
      config: { access: SURVEY },
      schema: { operationId: 'getSurveyQrCode', summary: 'The staff link as a QR code (SVG)', tags, params: SurveyIdParamsSchema },
    },
    async (req, reply) => reply.type('image/svg+xml').header('cache-control', 'private, max-age=300').send(await surveys.qrCode(req.params.surveyId)),
  )
}
