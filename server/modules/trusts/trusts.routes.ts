import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { TrustIdParamsSchema, TrustOverviewQuerySchema, TrustOverviewSchema } from '../../../shared/schemas/trusts.ts'
import { TRUST } from '../auth/access.ts'
import type { TrustService } from './trusts.service.ts'

export const trustRoutes: FastifyPluginAsyncZod<{ trusts: TrustService }> = async (app, { trusts }) => {
  const tags = ['leaders: trusts']

  app.get(
    '/trusts/:trustId/overview',
    {
      config: { access: TRUST },
      schema: {
        operationId: 'getTrustOverview',
        summary: "The trust's schools side by side for a cycle, with trends and suggested pairings (trust leaders only)",
        tags,
        params: TrustIdParamsSchema,
        querystring: TrustOverviewQuerySchema,
        response: { 200: TrustOverviewSchema },
      },
    },
    async (req) => trusts.getOverview(req.params.trustId, req.query),
  )

  app.get(
    '/trusts/:trustId/overview.csv',
    {
      config: { access: TRUST },
      schema: {
        operationId: 'exportTrustOverview',
        summary: 'The trust overview as CSV (RFC 4180, UTF-8); ?part=codebook for the codebook; ?lang=cy for its sentences and codebook in Welsh',
        tags,
        params: TrustIdParamsSchema,
        querystring: TrustOverviewQuerySchema,
      },
    },
    async (req, reply) => {
      const csv = await trusts.exportOverview(req.params.trustId, req.query)
      const name = req.query.part === 'codebook' ? 'continuum-trust-codebook.csv' : `continuum-trust-${req.params.trustId}.csv`
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store').send(csv)
    },
  )
}
