import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { SchoolContextSchema, UpdateSchoolContextBodySchema } from '../../../shared/schemas/organisations.ts'
import { SchoolIdParamsSchema } from '../../../shared/schemas/surveys.ts'
import { SCHOOL } from '../auth/access.ts'
import type { OrganisationService } from './organisations.service.ts'

/** A school's context, read and set by its leaders (and its trust's); the operator sets it from the CLI. */
export const organisationRoutes: FastifyPluginAsyncZod<{ organisations: OrganisationService }> = async (app, { organisations }) => {
  const tags = ['leaders: schools']

  app.get(
    '/schools/:schoolId/context',
    {
      config: { access: SCHOOL },
      schema: { operationId: 'getSchoolContext', summary: "A school's context: phase, staff band, nation, in a trust (its norm groups follow from it)", tags, params: SchoolIdParamsSchema, response: { 200: SchoolContextSchema } },
    },
    async (req) => organisations.getSchoolContext(req.params.schoolId),
  )

  app.patch(
    '/schools/:schoolId/context',
    {
      config: { access: SCHOOL },
      schema: {
        operationId: 'updateSchoolContext',
        summary: "Set a school's phase, staff band or nation (null clears one); the norm groups it is compared in follow",
        tags,
        params: SchoolIdParamsSchema,
        body: UpdateSchoolContextBodySchema,
        response: { 200: SchoolContextSchema },
      },
    },
    async (req) => organisations.updateSchoolContext(req.params.schoolId, req.body),
  )
}
