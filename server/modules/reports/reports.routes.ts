import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ExportQuerySchema, ReportQuerySchema, SurveyReportSchema } from '../../../shared/schemas/reports.ts'
import { SurveyIdParamsSchema } from '../../../shared/schemas/surveys.ts'
import { SURVEY } from '../auth/access.ts'
import type { ReportService } from './reports.service.ts'

export const reportRoutes: FastifyPluginAsyncZod<{ reports: ReportService }> = async (app, { reports }) => {
  const tags = ['leaders: reports']

  app.get(
    '/surveys/:surveyId/report',
    {
      config: { access: SURVEY },
      schema: {
        operationId: 'getSurveyReport',
        summary: "A survey's school report: scales, items, continuum, groups, flags, comments, suppression notes",
        tags,
        params: SurveyIdParamsSchema,
        querystring: ReportQuerySchema,
        response: { 200: SurveyReportSchema },
      },
    },
    async (req) => reports.getReport(req.params.surveyId, req.principal!, req.query.lang),
  )

  app.get(
    '/surveys/:surveyId/report.csv',
    {
      config: { access: SURVEY },
      schema: {
        operationId: 'exportSurveyReport',
        summary: 'The report as CSV (RFC 4180, UTF-8), withholding exactly what the report withholds; ?part=codebook for the codebook; ?lang=cy for scale names, statements and codebook in Welsh',
        tags,
        params: SurveyIdParamsSchema,
        querystring: ExportQuerySchema,
      },
    },
    async (req, reply) => {
      const csv = await reports.exportReport(req.params.surveyId, req.principal!, req.query.part, req.query.lang)
      const name = req.query.part === 'codebook' ? 'continuum-codebook.csv' : `continuum-report-${req.params.surveyId}.csv`
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store').send(csv)
    },
  )
}
