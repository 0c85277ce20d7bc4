import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { CSRF_HEADER } from '../../shared/schemas/auth.ts'
import { AppError, NotFoundError } from '../errors.ts'
import { canAccessSchool, canAccessTrust, canEditSchool, type Access, type Principal } from '../modules/auth/access.ts'
import * as scopes from '../modules/auth/auth.repository.ts'
import { trustExists } from '../modules/organisations/organisations.repository.ts'
import { csrfMatches, SESSION_COOKIE, type AuthService } from '../modules/auth/auth.service.ts'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { MAX_ID } from '../../shared/domain/ids.ts'


declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route touches; every /api route must say (see registerRouteGuard). */
    access?: Access
  }
  interface FastifyInstance {
    /** Every API route with what it touches: the authorisation matrix test is generated from it. */
    routeTable: RouteEntry[]
  }
  interface FastifyRequest {
    /** The signed-in leader, on every route whose access is not public. */
    principal: Principal | null
  }
}

/** Ids are Postgres integers. */
export interface RouteEntry { method: string; url: string; operationId: string | undefined; access: Access }

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Authentication, CSRF and authorisation for every route, decided here and only here from the
 * route's `config.access`. Handlers of non-public routes can rely on `req.principal`.
 */
export const authPlugin = fp(async (app: FastifyInstance, { auth, db, publicUrl }: { auth: AuthService; db: Kysely<Database>; publicUrl: string }) => {
  const publicOrigin = new URL(publicUrl).origin
  app.decorateRequest('principal', null)
  const routeTable: RouteEntry[] = []
  app.decorate('routeTable', routeTable)

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return
    const access = route.config?.access
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no config.access: say who may call it`)
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue
      routeTable.push({ method, url: route.url, operationId: (route.schema as { operationId?: string } | undefined)?.operationId, access })
    }
  })

  // Before validation, so a caller who may not use a route learns nothing from its validation errors.
  app.addHook('preValidation', async (req: FastifyRequest, _reply: FastifyReply) => {
    const access = req.routeOptions.config.access
    if (!access) return
    if (MUTATING.has(req.method)) assertSameOrigin(req, publicOrigin)
    if (access.kind === 'public') return

    const principal = await auth.authenticate(req.cookies[SESSION_COOKIE])
    if (MUTATING.has(req.method) && !csrfMatches(headerOf(req, CSRF_HEADER), principal.csrfToken)) {
      throw new AppError('CSRF_FAILED', 'This request did not come from a Continuum page. Reload the page and try again.')
    }
    req.principal = principal
    if (access.kind === 'signedIn') return
    const raw = (req.params as Record<string, string | undefined>)[access.param]
    const id = raw !== undefined && /^[1-9][0-9]{0,9}$/.test(raw) && Number(raw) <= MAX_ID ? Number(raw) : Number.NaN
    switch (access.kind) {
      case 'school': {
        const school = Number.isInteger(id) ? await scopes.findSchoolScope(db, id) : undefined
        if (!school) throw new NotFoundError('There is no such school.')
        if (!canAccessSchool(principal, school)) throw forbidden('school')
        return
      }
      case 'survey': {
        const school = Number.isInteger(id) ? await scopes.findSurveyScope(db, id) : undefined
        if (!school) throw new NotFoundError('There is no such survey.')
        if (!canAccessSchool(principal, school)) throw forbidden('survey')
        return
      }
      case 'surveyOwnSchool': {
        const school = Number.isInteger(id) ? await scopes.findSurveyScope(db, id) : undefined
        if (!school) throw new NotFoundError('There is no such survey.')
        if (!canAccessSchool(principal, school)) throw forbidden('survey')
        if (!canEditSchool(principal, school)) throw new AppError('FORBIDDEN', "Only the school's own leaders change its plan; trust leaders can read it.")
        return
      }
      case 'trust': {
        if (!Number.isInteger(id) || !(await trustExists(db, id))) throw new NotFoundError('There is no such trust.')
        if (!canAccessTrust(principal, id)) throw forbidden('trust')
        return
      }
    }
  })
})

function forbidden(what: string): AppError {
  return new AppError('FORBIDDEN', `Your account does not give you access to this ${what}.`)
}

function headerOf(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** Browsers send Origin on cross-site POSTs: refuse any that is not our own address. */
function assertSameOrigin(req: FastifyRequest, publicOrigin: string): void {
  const origin = headerOf(req, 'origin')
  if (!origin) return
  const own = new Set([publicOrigin, `${req.protocol}://${req.host}`])
  if (!own.has(origin)) throw new AppError('CSRF_FAILED', 'This request came from another site and was refused.')
}
