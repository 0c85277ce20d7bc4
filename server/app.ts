import fastifyCookie from '@fastify/cookie'
import fastifyRateLimit from '@fastify/rate-limit'
import Fastify, { type FastifySerializerCompiler, type FastifyServerOptions } from 'fastify'
import { ResponseSerializationError, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { sql, type Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from './db/schema.ts'
import { PUBLIC } from './modules/auth/access.ts'
import { actionRoutes } from './modules/actions/actions.routes.ts'
import { createActionService } from './modules/actions/actions.service.ts'
import { authRoutes } from './modules/auth/auth.routes.ts'
import { createAuthService } from './modules/auth/auth.service.ts'
import { pgRateLimitStore } from './modules/limits/pg-rate-limit-store.ts'
import type { LoginThrottle } from './modules/limits/login-throttle.ts'
import { formRoutes } from './modules/forms/forms.routes.ts'
import { createFormService } from './modules/forms/forms.service.ts'
import { organisationRoutes } from './modules/organisations/organisations.routes.ts'
import { createOrganisationService } from './modules/organisations/organisations.service.ts'
import { normRoutes } from './modules/norms/norms.routes.ts'
import { createNormService } from './modules/norms/norms.service.ts'
import { reportRoutes } from './modules/reports/reports.routes.ts'
import { createReportService } from './modules/reports/reports.service.ts'
import { createTallySource } from './modules/reports/tally-source.ts'
import { surveyRoutes } from './modules/surveys/surveys.routes.ts'
import { trustRoutes } from './modules/trusts/trusts.routes.ts'
import { createTrustService } from './modules/trusts/trusts.service.ts'
import { createSurveyService } from './modules/surveys/surveys.service.ts'
import { authPlugin } from './plugins/auth.ts'
import { errorHandler } from './plugins/error-handler.ts'
import { openApi } from './plugins/openapi.ts'
import { securityHeaders } from './plugins/security-headers.ts'
import { staticClient } from './plugins/static-client.ts'

export interface AppDeps {
  db: Kysely<Database>
  /**
   * A streaming replica for reports, exports and the trust overview: reads that may lag the primary
   * by the replica's replay lag. Everything else (writes, sessions, survey pages that show what a
   * leader has just done) uses `db`. Default: `db`.
   */
  readDb?: Kysely<Database> | undefined
  /** The built client (dist/client); without it the app serves the API only. */
  clientDir?: string | undefined
  logger?: FastifyServerOptions['logger'] | FastifyServerOptions['loggerInstance']
  /** The address people use, e.g. https://continuum.example.org; https turns on HSTS and Secure cookies. */
  publicUrl?: string
  trustProxy?: boolean
  now?: () => Date
  /** Per client address per minute. A staff meeting of 80 behind one school router must pass. */
  submitRateLimit?: number
  /** Sign-in attempts per client address per minute. */
  loginRateLimit?: number
  /** Failed sign-ins per account (tests pass their own, with their own clock). */
  loginThrottle?: LoginThrottle
}

export const HealthSchema = z.object({ ok: z.literal(true), database: z.literal('up') })

export async function buildApp({
  db,
  readDb = db,
  clientDir,
  logger = false,
  publicUrl = 'http://127.0.0.1:3000',
  trustProxy = false,
  now,
  submitRateLimit = 600,
  loginRateLimit = 20,
  loginThrottle,
}: AppDeps) {
  const https = publicUrl.startsWith('https://')
  const app = Fastify({
    ...(logger && typeof logger === 'object' && 'info' in logger ? { loggerInstance: logger } : { logger: loggerOptions(logger) }),
    trustProxy,
    bodyLimit: 64 * 1024,
  }).withTypeProvider<ZodTypeProvider>()
  // The API speaks JSON only: any other body type is refused with 415 before it is read.
  app.removeContentTypeParser(['text/plain'])
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.setErrorHandler(errorHandler)

  await app.register(securityHeaders, { https })
  // Counters in Postgres: every instance shares them (DESIGN.md §6, issue 9.12).
  await app.register(fastifyRateLimit, { global: true, max: 1200, timeWindow: 60_000, store: pgRateLimitStore(db, now) })
  await app.register(fastifyCookie)
  const clock = now ? { now } : {}
  const auth = createAuthService({ db, ...clock, ...(loginThrottle ? { throttle: loginThrottle } : {}) })
  await app.register(authPlugin, { auth, publicUrl })
  await app.register(openApi)

  app.get(
    '/api/health',
    { config: { access: PUBLIC }, schema: { operationId: 'getHealth', summary: 'Is the service up and its database reachable?', tags: ['system'], response: { 200: HealthSchema } } },
    async () => {
      await sql`select 1`.execute(db)
      return { ok: true as const, database: 'up' as const }
    },
  )

  await app.register(formRoutes, {
    prefix: '/api/forms',
    forms: createFormService({ db, ...clock }),
    submitRateLimit: { max: submitRateLimit, timeWindow: 60_000 },
  })
  await app.register(authRoutes, { prefix: '/api/auth', auth, secureCookies: https, loginRateLimit })
  const tallySource = createTallySource({ db, readDb, ...clock })
  const norms = createNormService({ db, readDb, tallySource, ...clock })
  // Norms are computed again when a survey closes and when a school's context changes.
  const surveys = createSurveyService({ db, publicUrl, ...clock, onClosed: norms.refresh })
  await app.register(surveyRoutes, { prefix: '/api', surveys })
  await app.register(organisationRoutes, { prefix: '/api', organisations: createOrganisationService({ db, onContextChanged: norms.refreshAll }) })
  await app.register(normRoutes, { prefix: '/api', norms })
  const reports = createReportService({ db: readDb, tallySource, norms, ...clock })
  await app.register(reportRoutes, { prefix: '/api', reports })
  await app.register(trustRoutes, { prefix: '/api', trusts: createTrustService({ db: readDb, tallySource, norms, ...clock }) })
  // The plan is read and written on the primary (a leader reads what they just changed); the reports it compares come from readDb.
  await app.register(actionRoutes, { prefix: '/api', actions: createActionService({ db, surveys, reports, ...clock }) })
  await app.register(staticClient, { root: clientDir })

  await app.ready()
  return app
}

/**
 * Every response is parsed with its route's declared schema before it is sent, so a field the schema
 * does not declare is stripped (STYLE.md §5: a new column, or a figure a report withholds, cannot leak)
 * and a malformed one fails as a 500 instead of reaching a client. The same as the type provider's own
 * serializer, with the schema compiled once per route (`z.compile`: the same output and the same
 * errors, about 3 × faster on the trust overview's 250 KB; docs/benchmarks.md). Responses carry no
 * codecs or transforms, so parsing forward equals the provider's encoding backward.
 */
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema, method, url }) => {
  const compiled = z.compile(schema)
  return (data) => {
    const result = compiled.safeParse(data)
    if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error })
    return JSON.stringify(result.data)
  }
}

/**
 * Request log lines carry the method, the route pattern (never the token a link carries), the
 * status and the time taken: no IP address, no user agent, no body (DESIGN.md §4.4).
 */
function loggerOptions(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false
  const base = typeof logger === 'object' ? logger : {}
  return {
    ...base,
    serializers: {
      req: (req: { method: string; url: string; routeOptions?: { url?: string } }) => ({
        method: req.method,
        url: req.routeOptions?.url ?? redactTokens(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  }
}

function redactTokens(url: string): string {
  return url.split('?')[0]!.replace(/[A-Za-z0-9_-]{20,}/g, ':token')
}
