import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ChangePasswordBodySchema, CurrentLeaderSchema, LoginBodySchema, OkSchema, SetPasswordBodySchema } from '../../../shared/schemas/auth.ts'
import { PUBLIC, SIGNED_IN } from './access.ts'
import { SESSION_COOKIE, type AuthService, type StartedSession } from './auth.service.ts'

export interface AuthRoutesOptions {
  auth: AuthService
  secureCookies: boolean
  /** Sign-in attempts per client address per minute. */
  loginRateLimit: number
}

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, { auth, secureCookies, loginRateLimit }) => {
  const setSessionCookie = (reply: FastifyReply, session: StartedSession) =>
    reply.setCookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/', expires: session.expiresAt })

  const tags = ['leaders: account']

  app.post(
    '/login',
    {
      config: { access: PUBLIC, rateLimit: { max: loginRateLimit, timeWindow: 60_000 } },
      schema: { operationId: 'login', summary: 'Sign in with email and password', tags, body: LoginBodySchema, response: { 200: CurrentLeaderSchema } },
    },
    async (req, reply) => {
      const session = await auth.login(req.body, req.ip)
      setSessionCookie(reply, session)
      return auth.currentLeader(await auth.authenticate(session.token))
    },
  )

  app.post(
    '/logout',
    { config: { access: SIGNED_IN }, schema: { operationId: 'logout', summary: 'Sign out (ends this session)', tags, response: { 200: OkSchema } } },
    async (req, reply) => {
      await auth.logout(req.cookies[SESSION_COOKIE])
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return { ok: true as const }
    },
  )

  app.get(
    '/me',
    { config: { access: SIGNED_IN }, schema: { operationId: 'getCurrentLeader', summary: 'The signed-in leader, their roles and CSRF token', tags, response: { 200: CurrentLeaderSchema } } },
    async (req) => auth.currentLeader(req.principal!),
  )

  app.post(
    '/password',
    {
      config: { access: SIGNED_IN, rateLimit: { max: loginRateLimit, timeWindow: 60_000 } },
      schema: { operationId: 'changePassword', summary: 'Change password (signs out every other session)', tags, body: ChangePasswordBodySchema, response: { 200: OkSchema } },
    },
    async (req) => {
      await auth.changePassword(req.principal!, req.body)
      return { ok: true as const }
    },
  )

  app.post(
    '/password-links',
    {
      config: { access: PUBLIC, rateLimit: { max: loginRateLimit, timeWindow: 60_000 } },
      schema: {
        operationId: 'setPasswordWithLink',
        summary: 'Set a password from a one-time invitation or reset link, and sign in',
        tags,
        body: SetPasswordBodySchema,
        response: { 200: CurrentLeaderSchema },
      },
    },
    async (req, reply) => {
      const session = await auth.setPasswordWithLink(req.body)
      setSessionCookie(reply, session)
      return auth.currentLeader(await auth.authenticate(session.token))
    },
  )
}
