import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { CURRENT_INSTRUMENT_ID } from '../../../shared/instrument/versions.ts'
import { SchoolNormsSchema } from '../../../shared/schemas/norms.ts'
import { SchoolIdParamsSchema } from '../../../shared/schemas/surveys.ts'
import { SCHOOL } from '../auth/access.ts'
import type { NormService } from './norms.service.ts'

export const normRoutes: FastifyPluginAsyncZod<{ norms: NormService }> = async (app, { norms }) => {
  app.get(
    '/schools/:schoolId/norms',
    {
      config: { access: SCHOOL },
      schema: {
        operationId: 'getNorms',
        summary: "The norm tables a school is compared with: each scale's (and, dl-v2, each placement dimension's) percentiles and how the schools are placed, among all schools and among similar schools, where enough schools and trusts take part",
        tags: ['leaders: schools'],
        params: SchoolIdParamsSchema,
        response: { 200: SchoolNormsSchema },
      },
    },
    async (req) => norms.getNorms(req.params.schoolId, CURRENT_INSTRUMENT_ID),
  )
}
