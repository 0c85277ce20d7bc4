import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app.ts'
import { createAuthService } from '../../server/modules/auth/auth.service.ts'
import { LoginThrottle } from '../../server/modules/limits/login-throttle.ts'
import { hashPassword, verifyPassword } from '../../server/passwords.ts'
import { ApiErrorSchema } from '../../shared/errors.ts'
import { CurrentLeaderSchema } from '../../shared/schemas/auth.ts'
import { resetDb, testDatabases } from '../helpers/test-db.ts'
import { useDb, type App } from '../helpers/app.ts'
import { as, createWorld, PASSWORD, type World } from '../helpers/world.ts'

const cookieOf = (res: { headers: Record<string, unknown> }) => String([res.headers['set-cookie']].flat()[0] ?? '')
const sessionCookie = (res: { headers: Record<string, unknown> }) => cookieOf(res).split(';')[0]!

describe('password hashes', () => {
  it('are scrypt, salted (equal passwords hash differently) and verify only the right password', async () => {
    const [a, b] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)])
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/)
    expect(a).not.toBe(b)
    expect(a).not.toContain(PASSWORD)
    expect(await verifyPassword(PASSWORD, a)).toBe(true)
    expect(await verifyPassword(`${PASSWORD} `, a)).toBe(false)
    expect(await verifyPassword(PASSWORD, 'plain-text')).toBe(false)
  })
})

/** Mann–Whitney U as a z score: how far apart two samples' ranks are, beyond chance. */
function mannWhitneyZ(a: number[], b: number[]): number {
  const all = [...a.map((v) => ({ v, g: 0 })), ...b.map((v) => ({ v, g: 1 }))].sort((x, y) => x.v - y.v)
  const rankSumA = all.reduce((sum, x, i) => (x.g === 0 ? sum + i + 1 : sum), 0)
  const u = rankSumA - (a.length * (a.length + 1)) / 2
  const mean = (a.length * b.length) / 2
  const sd = Math.sqrt((a.length * b.length * (a.length + b.length + 1)) / 12)
  return (u - mean) / sd
}

describe.each(testDatabases())('signing in on %s', (kind) => {
  let app: App
  let world: World
  let now = new Date()
  const t = useDb(kind)
  // A fresh app per test: its per-account throttle and per-address limit start empty.
  beforeEach(async () => {
    now = new Date()
    await resetDb(t.db)
    world = await createWorld(t.db, now)
    app = await buildApp({ db: t.db, now: () => now, loginRateLimit: 1000, loginThrottle: new LoginThrottle({ maxFailures: 5, now: () => now.getTime() }) })
  })
  afterEach(() => app.close())

  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, headers })
  const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })

  it('signs in with a session cookie that scripts cannot read and other sites do not send', async () => {
    const res = await login(world.emails.schoolLeader.toUpperCase(), PASSWORD)
    expect(res.statusCode).toBe(200)
    const leader = CurrentLeaderSchema.parse(res.json())
    expect(leader.memberships).toEqual([{ role: 'school_leader', scopeId: world.schoolA1, scopeName: 'Alder One School' }])
    const cookie = cookieOf(res)
    expect(cookie).toMatch(/^continuum_session=[\w-]{22};/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).not.toMatch(/Secure/)
    expect((await me(sessionCookie(res))).statusCode).toBe(200)
  })

  it('marks the cookie Secure when served over https', async () => {
    const httpsApp = await buildApp({ db: t.db, publicUrl: 'https://continuum.example.org' })
    try {
      const res = await httpsApp.inject({ method: 'POST', url: '/api/auth/login', payload: { email: world.emails.schoolLeader, password: PASSWORD } })
      expect(cookieOf(res)).toMatch(/Secure/)
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/)
    } finally {
      await httpsApp.close()
    }
  })

  it('gives the same answer for a wrong email and a wrong password, and for a disabled account', async () => {
    const bodies = await Promise.all([
      login('nobody@example.org', PASSWORD),
      login(world.emails.schoolLeader, 'wrong password'),
      login(world.emails.disabled, PASSWORD),
    ])
    for (const res of bodies) {
      expect(res.statusCode).toBe(401)
      expect(res.headers['set-cookie']).toBeUndefined()
    }
    const errors = bodies.map((res) => {
      const { requestId: _, ...error } = ApiErrorSchema.parse(res.json()).error
      return error
    })
    expect(errors[0]).toEqual({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/do not match/) })
    expect(errors[1]).toEqual(errors[0])
    expect(errors[2]).toEqual(errors[0])
  })

  it('takes as long for an unknown email as for a known one (no timing oracle)', async () => {
    const timingApp = await buildApp({ db: t.db, loginRateLimit: 10_000, loginThrottle: new LoginThrottle({ maxFailures: 10_000 }) })
    try {
      const known: number[] = []
      const unknown: number[] = []
      const time = async (email: string) => {
        const start = process.hrtime.bigint()
        const res = await timingApp.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'not the password' } })
        expect(res.statusCode).toBe(401)
        return Number(process.hrtime.bigint() - start) / 1e6
      }
      await time(world.emails.trustLeader) // warm up
      for (let i = 0; i < 24; i++) {
        known.push(await time(world.emails.schoolLeader))
        unknown.push(await time(`nobody${i}@example.org`))
      }
      // Skipping the hash for unknown emails would make them ~100 times faster: |z| would be ~5.9.
      expect(Math.abs(mannWhitneyZ(known, unknown))).toBeLessThan(3.29) // two-sided p > 0.001
    } finally {
      await timingApp.close()
    }
  })

  it('refuses an account after five failed sign-ins from one address, even with the right password, and only that account', async () => {
    for (let i = 0; i < 5; i++) expect((await login(world.emails.schoolLeader, 'wrong password')).statusCode).toBe(401)
    const locked = await login(world.emails.schoolLeader, PASSWORD)
    expect(locked.statusCode).toBe(429)
    expect(ApiErrorSchema.parse(locked.json()).error.message).toMatch(/Too many failed sign-ins.*15 minutes/)
    expect((await login(world.emails.trustLeader, PASSWORD)).statusCode).toBe(200)
    now = new Date(now.getTime() + 16 * 60_000)
    expect((await login(world.emails.schoolLeader, PASSWORD)).statusCode).toBe(200)
  })

  it('limits sign-in attempts from one client address', async () => {
    const limited = await buildApp({ db: t.db, loginRateLimit: 3 })
    try {
      const statuses = []
      for (let i = 0; i < 4; i++) {
        statuses.push((await limited.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `x${i}@example.org`, password: 'x' } })).statusCode)
      }
      expect(statuses).toEqual([401, 401, 401, 429])
    } finally {
      await limited.close()
    }
  })

  it('signs out: the session stops working and the cookie is cleared', async () => {
    const headers = as(world, 'schoolLeader')
    const res = await app.inject({ method: 'POST', url: '/api/auth/logout', headers })
    expect(res.statusCode).toBe(200)
    expect(cookieOf(res)).toMatch(/continuum_session=;.*Expires=Thu, 01 Jan 1970/)
    expect((await me(headers.cookie!)).statusCode).toBe(401)
  })

  it('expires a session after twelve hours', async () => {
    const cookie = sessionCookie(await login(world.emails.schoolLeader, PASSWORD))
    now = new Date(now.getTime() + 11 * 3_600_000)
    expect((await me(cookie)).statusCode).toBe(200)
    now = new Date(now.getTime() + 2 * 3_600_000)
    const expired = await me(cookie)
    expect(expired.statusCode).toBe(401)
    expect(ApiErrorSchema.parse(expired.json()).error.code).toBe('SESSION_EXPIRED')
  })

  it('refuses a change without the CSRF token, or from another site, and changes nothing', async () => {
    const { cookie, csrf } = world.sessions.schoolLeader
    const rename = (headers: Record<string, string>) =>
      app.inject({ method: 'PATCH', url: `/api/surveys/${world.surveyA1}`, headers: { cookie, ...headers }, payload: { title: 'Hijacked' } })
    const attempts: Record<string, string>[] = [{}, { 'x-csrf-token': 'wrong' }, { 'x-csrf-token': csrf, origin: 'https://evil.example' }]
    for (const headers of attempts) {
      const res = await rename(headers)
      expect(res.statusCode).toBe(403)
      expect(ApiErrorSchema.parse(res.json()).error.code).toBe('CSRF_FAILED')
    }
    expect((await t.db.selectFrom('surveys').select('title').where('id', '=', world.surveyA1).executeTakeFirstOrThrow()).title).toBe('Alder One autumn survey')
    expect((await rename({ 'x-csrf-token': csrf, origin: 'http://127.0.0.1:3000' })).statusCode).toBe(200)
    const crossSiteLogin = await login(world.emails.schoolLeader, PASSWORD, { origin: 'https://evil.example' })
    expect(crossSiteLogin.statusCode).toBe(403)
  })

  it('changes a password: the current one is checked, other sessions end, this one stays', async () => {
    const mine = as(world, 'schoolLeader')
    const other = sessionCookie(await login(world.emails.schoolLeader, PASSWORD))
    const change = (payload: object) => app.inject({ method: 'POST', url: '/api/auth/password', headers: mine, payload })
    const wrong = await change({ currentPassword: 'nope', newPassword: 'a much longer new password' })
    expect(wrong.statusCode).toBe(400)
    expect(ApiErrorSchema.parse(wrong.json()).error.message).toMatch(/current password is not right/)
    const short = await change({ currentPassword: PASSWORD, newPassword: 'short' })
    expect(ApiErrorSchema.parse(short.json()).error.message).toMatch(/at least 12 characters/)
    expect((await change({ currentPassword: PASSWORD, newPassword: 'a much longer new password' })).statusCode).toBe(200)
    expect((await me(mine.cookie!)).statusCode).toBe(200)
    expect((await me(other)).statusCode).toBe(401)
    expect((await login(world.emails.schoolLeader, PASSWORD)).statusCode).toBe(401)
    expect((await login(world.emails.schoolLeader, 'a much longer new password')).statusCode).toBe(200)
  })

  it('sets a password from a one-time invitation link, once', async () => {
    const auth = createAuthService({ db: t.db })
    await t.db.insertInto('leaders').values({ email: 'new@example.org', display_name: 'New Leader', password_hash: null }).execute()
    expect((await login('new@example.org', '')).statusCode).toBe(400)
    const link = await auth.createPasswordLink('new@example.org', 'invite', 'http://127.0.0.1:3000')
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/set-password#[\w-]{22}$/)
    const token = link.split('#')[1]!
    const set = (newPassword: string) => app.inject({ method: 'POST', url: '/api/auth/password-links', payload: { token, newPassword } })
    const first = await set('my brand new password')
    expect(first.statusCode).toBe(200)
    expect(CurrentLeaderSchema.parse(first.json()).email).toBe('new@example.org')
    expect((await me(sessionCookie(first))).statusCode).toBe(200)
    expect((await set('another new password')).statusCode).toBe(404)
    expect((await login('new@example.org', 'my brand new password')).statusCode).toBe(200)
  })

  it('lets a reset link expire after seven days, and signs the leader out when it is made', async () => {
    const auth = createAuthService({ db: t.db, now: () => now })
    const link = await auth.createPasswordLink(world.emails.trustLeader, 'reset', 'http://127.0.0.1:3000')
    expect((await me(world.sessions.trustLeader.cookie)).statusCode).toBe(401)
    now = new Date(now.getTime() + 8 * 86_400_000)
    const res = await app.inject({ method: 'POST', url: '/api/auth/password-links', payload: { token: link.split('#')[1], newPassword: 'a later new password' } })
    expect(res.statusCode).toBe(404)
    expect(ApiErrorSchema.parse(res.json()).error.message).toMatch(/expired or has been used/)
  })

  it('ends every session of an account when it is disabled', async () => {
    const cookie = sessionCookie(await login(world.emails.trustLeader, PASSWORD))
    await createAuthService({ db: t.db }).setDisabled(world.emails.trustLeader, true)
    expect((await me(cookie)).statusCode).toBe(401)
    expect((await login(world.emails.trustLeader, PASSWORD)).statusCode).toBe(401)
  })
})
