import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { CSRF_HEADER } from '../../shared/schemas/auth.ts'
import { AppError } from '../errors.ts'
import type { Access, Principal } from '../modules/auth/access.ts'
import { csrfMatches, SESSION_COOKIE, type AuthService } from '../modules/auth/auth.service.ts'

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

export interface RouteEntry { method: string; url: string; operationId: string | undefined; access: Access }

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Authentication, CSRF and authorisation for every route, decided here and only here from the
 * route's `config.access`, by asking the auth service. Handlers of non-public routes can rely on
 * `req.principal`.
 */
export const authPlugin = fp(async (app: FastifyInstance, { auth, publicUrl }: { auth: AuthService; publicUrl: string }) => {
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

    // What the route names is looked up with the session, in one statement; checked after the CSRF token.
    const token = req.cookies[SESSION_COOKIE]
    const { principal, authorise } =
      access.kind === 'signedIn' ? { principal: await auth.authenticate(token), authorise: () => {} } : await auth.authenticateFor(token, access, (req.params as Record<string, string | undefined>)[access.param])
    if (MUTATING.has(req.method) && !csrfMatches(headerOf(req, CSRF_HEADER), principal.csrfToken)) {
      throw new AppError('CSRF_FAILED', 'This request did not come from a Continuum page. Reload the page and try again.')
    }
    req.principal = principal
    authorise()
  })
})

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
