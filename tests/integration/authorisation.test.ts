import { describe, expect, it } from 'vitest'
import type { Access } from '../../server/modules/auth/access.ts'
import { LoginThrottle } from '../../server/modules/limits/login-throttle.ts'
import type { RouteEntry } from '../../server/plugins/auth.ts'
import { ApiErrorSchema } from '../../shared/errors.ts'
import { resetDb, testDatabases } from '../helpers/test-db.ts'
import { useApp } from '../helpers/app.ts'
import { as, createWorld, PASSWORD, type Who, type World } from '../helpers/world.ts'

// The authorisation matrix: every leader route × every kind of caller. It is generated from the
// app's own route table, so a new route without an entry here fails, and so does a new public route.

/** Routes anyone may call: staff and system routes, and the two ways to start a session. */
const PUBLIC_OPERATIONS = new Set(['getHealth', 'getSurveyForm', 'checkAccessCode', 'submitResponse', 'login', 'setPasswordWithLink', 'openCustodianLink', undefined])

/** For each leader operation: a request that succeeds for a caller who may make it. */
const REQUESTS: Record<string, { payload?: (w: World) => object; ok: number }> = {
  logout: { ok: 200 },
  getCurrentLeader: { ok: 200 },
  changePassword: { payload: () => ({ currentPassword: PASSWORD, newPassword: `${PASSWORD} again` }), ok: 200 },
  listSchools: { ok: 200 },
  getSchool: { ok: 200 },
  listSurveys: { ok: 200 },
  createSurvey: { payload: () => ({ title: 'Spring survey', opensAt: '2027-03-01T08:00:00Z', closesAt: '2027-03-15T17:00:00Z' }), ok: 201 },
  getSurvey: { ok: 200 },
  updateSurvey: { payload: () => ({ title: 'Renamed survey' }), ok: 200 },
  openSurvey: { ok: 200 },
  closeSurvey: { ok: 200 },
  getSurveyProgress: { ok: 200 },
  createAccessCodes: { payload: () => ({ count: 2 }), ok: 201 },
  // Survey A1's codes are held by its leaders (no custodian): a caller who passes the access check reaches the service's 409.
  createCustodianLink: { payload: () => ({ count: 2 }), ok: 409 },
  getSurveyQrCode: { ok: 200 },
  getSurveyReport: { ok: 200 },
  exportSurveyReport: { ok: 200 },
  getTrustOverview: { ok: 200 },
  exportTrustOverview: { ok: 200 },
  listActions: { ok: 200 },
  exportActions: { ok: 200 },
  createAction: { payload: () => ({ title: 'Staff lead the reading project', scales: ['shared_responsibility'], influence: 'dialogue', lead: { role: 'teacher' } }), ok: 201 },
  updateAction: { payload: () => ({ status: 'under_way', note: 'Started in the English team.' }), ok: 200 },
  getActionProgress: { ok: 200 },
  getDiscussionGuide: { ok: 200 },
  listPulseChecks: { ok: 200 },
  // Survey A1 is still open, and a pulse check is compared with its plan's survey once that has closed: a caller who passes the access check reaches the service's 409.
  createPulseCheck: { payload: () => ({ opensAt: '2027-03-01', closesAt: '2027-03-08' }), ok: 409 },
  listTrustActions: { ok: 200 },
  getSchoolContext: { ok: 200 },
  getNorms: { ok: 200 },
  updateSchoolContext: { payload: () => ({ phase: 'primary', staffBand: '20_to_49' }), ok: 200 },
}

const CALLERS: Who[] = ['anonymous', 'disabled', 'expired', 'otherSchoolSameTrust', 'otherTrustLeader', 'schoolLeader', 'trustLeader']

/** What each caller should get from a route that touches school A1 (or its survey, or trust A). */
function expected(access: Access, who: Who, ok: number): [number, string | undefined] {
  if (who === 'anonymous' || who === 'disabled') return [401, 'UNAUTHENTICATED']
  if (who === 'expired') return [401, 'SESSION_EXPIRED']
  const allowed: Record<Exclude<Access['kind'], 'public'>, Who[]> = {
    signedIn: ['schoolLeader', 'otherSchoolSameTrust', 'trustLeader', 'otherTrustLeader'],
    school: ['schoolLeader', 'trustLeader'],
    survey: ['schoolLeader', 'trustLeader'],
    // a school's own plan: its leaders change it, its trust's leaders only read it
    surveyOwnSchool: ['schoolLeader'],
    trust: ['trustLeader'],
  }
  return access.kind !== 'public' && allowed[access.kind].includes(who) ? [ok, undefined] : [403, 'FORBIDDEN']
}

function urlFor(route: RouteEntry, w: World): string {
  return route.url.replace(':schoolId', String(w.schoolA1)).replace(':surveyId', String(w.surveyA1)).replace(':trustId', String(w.trustA)).replace(':actionId', String(w.actionA1))
}

describe.each(testDatabases())('authorisation on %s', (kind) => {
  const t = useApp(kind, { loginRateLimit: 10_000, loginThrottle: new LoginThrottle({ maxFailures: 10_000 }) })

  it('has a matrix entry for every leader route, and no public route it does not know', () => {
    const leaderRoutes = t.app.routeTable.filter((r) => r.access.kind !== 'public')
    expect(leaderRoutes.length).toBeGreaterThanOrEqual(Object.keys(REQUESTS).length)
    expect(leaderRoutes.filter((r) => !r.operationId || !(r.operationId in REQUESTS)).map((r) => `${r.method} ${r.url}`)).toEqual([])
    expect(t.app.routeTable.filter((r) => r.access.kind === 'public' && !PUBLIC_OPERATIONS.has(r.operationId)).map((r) => `${r.method} ${r.url}`)).toEqual([])
    for (const operationId of ['login', 'logout', 'getCurrentLeader', 'listSchools', 'createSurvey', 'getSurvey', 'updateSurvey', 'closeSurvey', 'createAccessCodes', 'getSurveyProgress']) {
      expect(t.app.routeTable.map((r) => r.operationId)).toContain(operationId)
    }
  })

  it('answers every leader route for every caller as their role allows, and refusals leak nothing', async () => {
    const failures: string[] = []
    for (const route of t.app.routeTable.filter((r) => r.access.kind !== 'public')) {
      const request = REQUESTS[route.operationId!]!
      await resetDb(t.db)
      const world = await createWorld(t.db)
      for (const who of CALLERS) {
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: urlFor(route, world),
          headers: as(world, who),
          ...(request.payload ? { payload: request.payload(world) } : {}),
        })
        const [status, code] = expected(route.access, who, request.ok)
        const label = `${route.operationId} as ${who}`
        if (res.statusCode !== status) failures.push(`${label}: expected ${status}, got ${res.statusCode} ${res.body.slice(0, 160)}`)
        if (code) {
          const parsed = ApiErrorSchema.safeParse(res.json())
          if (!parsed.success || parsed.data.error.code !== code) failures.push(`${label}: expected error ${code}, got ${res.body.slice(0, 160)}`)
          const leaked = world.secrets.filter((secret) => res.body.includes(secret))
          if (leaked.length) failures.push(`${label}: refusal body contains ${leaked.join(', ')}`)
        }
      }
    }
    expect(failures).toEqual([])
    // every leader route × every caller, each on a fresh world: about a second a route on Postgres
  }, 180_000)

  it('says 404 for a school or survey that does not exist, to a leader who is signed in', async () => {
    await resetDb(t.db)
    const world = await createWorld(t.db)
    for (const url of ['/api/schools/999999/surveys', '/api/surveys/999999', '/api/surveys/2147483648', '/api/surveys/0/progress', '/api/surveys/abc']) {
      const res = await t.app.inject({ method: 'GET', url, headers: as(world, 'trustLeader') })
      expect([url, res.statusCode]).toEqual([url, 404])
      expect(ApiErrorSchema.parse(res.json()).error.code).toBe('NOT_FOUND')
    }
  })

  it('lists exactly the schools each role covers', async () => {
    await resetDb(t.db)
    const world = await createWorld(t.db)
    const names = async (who: Who) =>
      ((await t.app.inject({ method: 'GET', url: '/api/schools', headers: as(world, who) })).json() as { items: { name: string }[] }).items.map((s) => s.name)
    expect(await names('schoolLeader')).toEqual(['Alder One School'])
    expect(await names('otherSchoolSameTrust')).toEqual(['Alder Two School'])
    expect(await names('trustLeader')).toEqual(['Alder One School', 'Alder Two School'])
    expect(await names('otherTrustLeader')).toEqual(['Birch One School'])
  })
})
