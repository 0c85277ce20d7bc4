import { timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { ChangePasswordBody, CurrentLeader, LoginBody, SetPasswordBody } from '../../../shared/schemas/auth.ts'
import { EmailSchema, PasswordSchema } from '../../../shared/schemas/organisations.ts'
import { newToken, sha256 } from '../../crypto.ts'
import type { Database } from '../../db/schema.ts'
import { AppError, NotFoundError, parse } from '../../errors.ts'
import { MAX_ID } from '../../../shared/domain/ids.ts'
import { canAccessSchool, canAccessTrust, canEditSchool, type Principal, type ScopedAccess } from './access.ts'
import * as repo from './auth.repository.ts'
import { LoginThrottle } from '../limits/login-throttle.ts'
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from '../../passwords.ts'

export const SESSION_HOURS = 12
const LINK_DAYS = 7

export interface AuthServiceDeps {
  db: Kysely<Database>
  now?: () => Date
  throttle?: LoginThrottle
}

export interface StartedSession { token: string; expiresAt: Date }

const WRONG_CREDENTIALS = 'That email and password do not match an account. Check both and try again.'

/** The cookie that carries a leader's session token. */
export const SESSION_COOKIE = 'continuum_session'

export function createAuthService({ db, now = () => new Date(), throttle = new LoginThrottle({ now: () => now().getTime() }) }: AuthServiceDeps) {
  async function startSession(leaderId: number): Promise<StartedSession> {
    const token = newToken()
    const expiresAt = new Date(now().getTime() + SESSION_HOURS * 3_600_000)
    await repo.insertSession(db, { id: sha256(token), leaderId, csrfToken: newToken(), expiresAt })
    return { token, expiresAt }
  }

  /** A leader's id from an email the operator typed. */
  async function leaderIdOf(email: string): Promise<number> {
    const leader = await repo.findLeaderCredentials(db, parse(EmailSchema, email))
    if (!leader) throw new NotFoundError(`There is no leader with the email ${email}.`)
    return leader.id
  }

  async function sessionOf(token: string | undefined, target?: repo.ScopeTarget): Promise<{ principal: Principal; target: repo.Scope | null }> {
    if (!token) throw new AppError('UNAUTHENTICATED', 'Please sign in.')
    const sessionId = sha256(token)
    const session = await repo.findSession(db, sessionId, now(), target)
    if (session.state === 'expired') throw new AppError('SESSION_EXPIRED', 'Your session has expired. Please sign in again.')
    if (session.state === 'invalid') throw new AppError('UNAUTHENTICATED', 'Please sign in.')
    return {
      principal: {
        leaderId: session.leaderId,
        sessionId,
        sessionExpiresAt: session.expiresAt,
        csrfToken: session.csrfToken,
        schoolIds: new Set(session.schoolIds),
        trustIds: new Set(session.trustIds),
      },
      target: session.target,
    }
  }

  return {
    /**
     * Signs a leader in from a client address. A wrong email and a wrong password get the same
     * answer, and cost the same time: an unknown email is checked against a dummy hash.
     */
    async login(body: LoginBody, address = 'unknown'): Promise<StartedSession> {
      const email = parse(EmailSchema, body.email)
      const wait = await throttle.retryAfter(db, email, address)
      if (wait > 0) throw new AppError('RATE_LIMITED', `Too many failed sign-ins for this account from here. Try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? 's' : ''}.`)
      const leader = await repo.findLeaderCredentials(db, email)
      const matches = await verifyPassword(body.password, leader?.passwordHash ?? (await DUMMY_HASH_PROMISE))
      if (!leader || !leader.passwordHash || !matches || leader.disabled) {
        await throttle.fail(db, email, address)
        throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS)
      }
      await throttle.succeed(db, email, address)
      return startSession(leader.id)
    },

    async logout(token: string | undefined): Promise<void> {
      if (token) await repo.revokeSession(db, sha256(token), now())
    },

    /** The signed-in leader behind a session cookie, or why there is none. */
    async authenticate(token: string | undefined): Promise<Principal> {
      return (await sessionOf(token)).principal
    },

    /**
     * `authenticate`, with the school, survey or trust the route names (`raw`: its path parameter
     * as sent) looked up in the same statement; `authorise` then says whether the leader may touch
     * it, once the caller's own checks (CSRF) have passed. One that does not exist, or whose id is
     * not one, is not found; one outside the leader's roles is forbidden.
     */
    async authenticateFor(token: string | undefined, access: ScopedAccess, raw: string | undefined): Promise<{ principal: Principal; authorise: () => void }> {
      const id = raw !== undefined && /^[1-9][0-9]{0,9}$/.test(raw) && Number(raw) <= MAX_ID ? Number(raw) : undefined
      const kind = access.kind === 'surveyOwnSchool' ? 'survey' : access.kind
      const { principal, target } = await sessionOf(token, id === undefined ? undefined : { kind, id })
      return { principal, authorise: () => authorise(principal, access, target) }
    },

    async currentLeader(principal: Principal): Promise<CurrentLeader> {
      // The principal was authenticated for this request: its session was checked then.
      const profile = await repo.findLeaderProfile(db, principal.leaderId)
      if (!profile) throw new AppError('UNAUTHENTICATED', 'Please sign in.')
      return {
        ...profile,
        memberships: await repo.listMemberships(db, principal.leaderId),
        csrfToken: principal.csrfToken,
        sessionExpiresAt: principal.sessionExpiresAt.toISOString(),
      }
    },

    /** Changes the password and signs the leader out everywhere else. */
    async changePassword(principal: Principal, body: ChangePasswordBody): Promise<void> {
      const stored = await repo.findLeaderPasswordHash(db, principal.leaderId)
      if (!stored || !(await verifyPassword(body.currentPassword, stored))) {
        throw new AppError('VALIDATION_FAILED', 'Your current password is not right.', { issues: [{ path: '/currentPassword', message: 'not right' }] })
      }
      const passwordHash = await hashPassword(parse(PasswordSchema, body.newPassword))
      await db.transaction().execute(async (trx) => {
        await repo.setPasswordHash(trx, principal.leaderId, passwordHash)
        await repo.retireLeaderTokens(trx, principal.leaderId, now())
        await repo.revokeOtherSessions(trx, principal.leaderId, principal.sessionId, now())
      })
    },

    /** Sets a password from a one-time link, then signs the leader in. */
    async setPasswordWithLink(body: SetPasswordBody): Promise<StartedSession> {
      const passwordHash = await hashPassword(parse(PasswordSchema, body.newPassword))
      const leaderId = await db.transaction().execute(async (trx) => {
        const id = await repo.consumeLeaderToken(trx, sha256(body.token), now())
        if (id === undefined) return undefined
        await repo.setPasswordHash(trx, id, passwordHash)
        await repo.retireLeaderTokens(trx, id, now())
        await repo.revokeOtherSessions(trx, id, null, now())
        return id
      })
      if (leaderId === undefined) throw new AppError('NOT_FOUND', 'This link has expired or has been used already. Ask your administrator for a new one.')
      return startSession(leaderId)
    },

    /**
     * For the operator: a one-time link to set a password (invitation) or a new one (reset, which
     * signs the leader out). With `revokePassword` the old password stops working too: the CLI's
     * reset-password, for a password that may be known to someone else.
     */
    async createPasswordLink(email: string, purpose: 'invite' | 'reset', publicUrl: string, { revokePassword = false } = {}): Promise<string> {
      const leaderId = await leaderIdOf(email)
      const token = newToken()
      await db.transaction().execute(async (trx) => {
        // A new link replaces every older one: only the latest link the operator sent works.
        await repo.retireLeaderTokens(trx, leaderId, now())
        await repo.insertLeaderToken(trx, { id: sha256(token), leaderId, purpose, expiresAt: new Date(now().getTime() + LINK_DAYS * 86_400_000) })
        if (revokePassword) await repo.setPasswordHash(trx, leaderId, null)
        if (purpose === 'reset') await repo.revokeOtherSessions(trx, leaderId, null, now())
      })
      return `${publicUrl}/set-password#${token}`
    },

    /** For the operator: disables (or re-enables) an account; disabling ends its sessions. */
    async setDisabled(email: string, disabled: boolean): Promise<void> {
      const leaderId = await leaderIdOf(email)
      await repo.setLeaderDisabled(db, leaderId, disabled ? now() : null)
      if (disabled) await repo.revokeOtherSessions(db, leaderId, null, now())
    },
  }
}
export type AuthService = ReturnType<typeof createAuthService>

/** Whether the leader may touch what the route names (`scope`: null where it does not exist). */
function authorise(principal: Principal, access: ScopedAccess, scope: repo.Scope | null): void {
  switch (access.kind) {
    case 'school':
    case 'survey':
    case 'surveyOwnSchool': {
      const what = access.kind === 'school' ? 'school' : 'survey'
      if (!scope || scope.schoolId === null) throw new NotFoundError(`There is no such ${what}.`)
      const school = { schoolId: scope.schoolId, trustId: scope.trustId }
      if (!canAccessSchool(principal, school)) throw forbidden(what)
      if (access.kind === 'surveyOwnSchool' && !canEditSchool(principal, school)) throw new AppError('FORBIDDEN', "Only the school's own leaders change its plan; trust leaders can read it.")
      return
    }
    case 'trust':
      if (!scope || scope.trustId === null) throw new NotFoundError('There is no such trust.')
      if (!canAccessTrust(principal, scope.trustId)) throw forbidden('trust')
      return
  }
}

function forbidden(what: string): AppError {
  return new AppError('FORBIDDEN', `Your account does not give you access to this ${what}.`)
}

/** Compares a request's CSRF header with its session's token in constant time. */
export function csrfMatches(header: string | undefined, expected: string): boolean {
  if (!header) return false
  const a = Buffer.from(header)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

