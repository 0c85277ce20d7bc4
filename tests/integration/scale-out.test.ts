import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app.ts'
import { connect } from '../../server/db/connect.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import type { Database } from '../../server/db/schema.ts'
import { ensureInstrumentVersions } from '../../server/modules/surveys/surveys.repository.ts'
import { CURRENT_INSTRUMENT_ID, instruments, requireInstrument } from '../../shared/instrument/versions.ts'
import { generateResponses } from '../../shared/domain/synthetic.ts'
import { CSRF_HEADER } from '../../shared/schemas/auth.ts'
import type { App } from '../helpers/app.ts'
import { DAY } from '../helpers/fixtures.ts'
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.ts'
import { createTestDb, resetDb } from '../helpers/test-db.ts'
import { as, createWorld, PASSWORD, type World } from '../helpers/world.ts'

/** The questionnaire of a new survey: these tests store and read what a survey of it takes. */
const instrument = requireInstrument(CURRENT_INSTRUMENT_ID)

// Two app instances on one Postgres, each with its own connection pool, as behind a load balancer
// (PGlite cannot be shared, so this runs on Postgres only: TEST_DATABASE_URL's, else a private
// one). One scenario — sign in, open, answer, close, live releases, throttles, rate limits,
// reports — runs once with every request on one instance and once with them spread over two; the
// two transcripts must be the same, and the scenario's own expectations hold in both.

interface Step { step: string; status: number; body?: unknown }

const GUESSER = '203.0.113.7'
const CROWD = '203.0.113.99'
const LEADER = '198.51.100.20'
const bodies = generateResponses({ instrument, pattern: 5, respondents: 12, seed: 12, commentRate: 0.5 })

describe('two app instances on one Postgres', () => {
  let dbs: Kysely<Database>[]
  // TEST_DATABASE_URL's server when there is one, else a private server of the test's own
  let server: PrivatePostgres | undefined
  // half an hour before midnight (UTC), so that the live batches' next day comes while the world's sessions last
  const start = new Date(new Date().setUTCHours(23, 30, 0, 0))
  let now = start

  beforeAll(async () => {
    // one pool per instance, as two processes would have
    if (process.env.TEST_DATABASE_URL) {
      dbs = [await createTestDb('postgres', { suffix: 'scaleout' }), await createTestDb('postgres', { suffix: 'scaleout' })]
    } else {
      server = await startPrivatePostgres()
      const url = await server.url()
      dbs = [await connect({ databaseUrl: url }), await connect({ databaseUrl: url })]
      await migrateToLatest(dbs[0]!)
      await ensureInstrumentVersions(dbs[0]!, Object.values(instruments))
    }
  }, 60_000)
  afterAll(async () => {
    for (const db of dbs ?? []) await db.destroy()
    server?.destroy()
  })

  const instance = (db: Kysely<Database>) => buildApp({ db, now: () => now, loginRateLimit: 8 })

  /** The scenario; `first` and `second` take turns, or are the same instance. */
  async function scenario(first: App, second: App, world: World): Promise<Step[]> {
    const steps: Step[] = []
    const record = async (step: string, res: Promise<{ statusCode: number; json(): unknown; body: string; headers: Record<string, unknown> }>, keep: (body: unknown, text: string) => unknown = errorCode) => {
      const r = await res
      const entry: Step = { step, status: r.statusCode, body: keep(r.statusCode === 204 ? null : safeJson(r.body), r.body) }
      steps.push(entry)
      return r
    }
    const on = (i: number) => (i % 2 === 0 ? first : second)
    const leader = as(world, 'schoolLeader')
    const trustLeader = as(world, 'trustLeader')

    // a session started on one instance works on the other, and ends on both
    const login = await record('sign in', first.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: LEADER, payload: { email: world.emails.schoolLeader, password: PASSWORD } }))
    const session = { cookie: String([login.headers['set-cookie']].flat()[0]).split(';')[0]!, [CSRF_HEADER]: (login.json() as { csrfToken: string }).csrfToken }
    await record('me on the other', second.inject({ method: 'GET', url: '/api/auth/me', headers: session }), () => null)

    // a survey created on one, opened on the other, answered through both
    const created = await record('create', first.inject({ method: 'POST', url: `/api/schools/${world.schoolA1}/surveys`, headers: leader, payload: { title: 'Spring survey', expectedStaff: 20, opensAt: new Date(now.getTime() - DAY).toISOString(), closesAt: new Date(now.getTime() + 10 * DAY).toISOString() } }), pick('status', 'k'))
    const survey = created.json() as { id: number; link: string }
    const token = survey.link.split('/s/')[1]!
    await record('open', second.inject({ method: 'POST', url: `/api/surveys/${survey.id}/open`, headers: leader }), pick('status'))
    await record('form', first.inject({ method: 'GET', url: `/api/forms/${token}` }), pick('title'))
    for (let i = 0; i < 8; i++) await record(`answer ${i}`, on(i).inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload: bodies[i]! }))
    // closed on one instance: the other, which has just taken answers for it, refuses the next
    await record('close', second.inject({ method: 'POST', url: `/api/surveys/${survey.id}/close`, headers: leader }), pick('status', 'responseCount'))
    await record('answer after close', first.inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload: bodies[8]! }))
    await record('form after close', first.inject({ method: 'GET', url: `/api/forms/${token}` }))
    for (const [i, app] of [first, second].entries()) {
      await record(`report ${i}`, app.inject({ method: 'GET', url: `/api/surveys/${survey.id}/report`, headers: leader }), withSortedComments)
      await record(`csv ${i}`, app.inject({ method: 'GET', url: `/api/surveys/${survey.id}/report.csv`, headers: leader }), (_, text) => text.split('\r\n').sort())
      await record(`overview ${i}`, app.inject({ method: 'GET', url: `/api/trusts/${world.trustA}/overview`, headers: trustLeader }), (b) => b)
    }

    // a live survey (k = 3): batches filled through both instances are released the next day on both
    const live = (await record('create live', second.inject({ method: 'POST', url: `/api/schools/${world.schoolA2}/surveys`, headers: as(world, 'otherSchoolSameTrust'), payload: { title: 'Live survey', k: 3, releaseMode: 'live', opensAt: new Date(now.getTime() - DAY).toISOString(), closesAt: new Date(now.getTime() + 10 * DAY).toISOString() } }), pick('releaseMode'))).json() as { id: number; link: string }
    const liveToken = live.link.split('/s/')[1]!
    await record('open live', first.inject({ method: 'POST', url: `/api/surveys/${live.id}/open`, headers: as(world, 'otherSchoolSameTrust') }), pick('status'))
    for (let i = 0; i < 7; i++) await record(`live answer ${i}`, on(i + 1).inject({ method: 'POST', url: `/api/forms/${liveToken}/responses`, payload: bodies[i]! }))
    const liveReport = (app: App) => app.inject({ method: 'GET', url: `/api/surveys/${live.id}/report`, headers: as(world, 'otherSchoolSameTrust') })
    const released = (b: unknown) => (b as { released: boolean }).released
    await record('live report today', liveReport(first), released)
    now = new Date(now.getTime() + 40 * 60_000)
    for (const [i, app] of [first, second].entries()) await record(`live report next day ${i}`, liveReport(app), withSortedComments)

    // the sign-in throttle counts failures on both instances together
    for (let i = 0; i < 6; i++) await record(`guess ${i}`, on(i).inject({ method: 'POST', url: '/api/auth/login', remoteAddress: GUESSER, payload: { email: world.emails.trustLeader, password: `guess ${i}` } }))
    // and the per-address rate limit (8 sign-in attempts a minute) is met once, not once per instance
    for (let i = 0; i < 10; i++) await record(`crowd ${i}`, on(i).inject({ method: 'POST', url: '/api/auth/login', remoteAddress: CROWD, payload: { email: `nobody${i}@example.org`, password: 'x' } }))

    // signing out on one instance signs out on the other
    await record('sign out', second.inject({ method: 'POST', url: '/api/auth/logout', headers: session }), () => null)
    await record('me after sign out', first.inject({ method: 'GET', url: '/api/auth/me', headers: session }))
    return steps
  }

  async function transcript(apps: 'one' | 'two'): Promise<Step[]> {
    now = start
    await resetDb(dbs[0]!)
    const world = await createWorld(dbs[0]!, now)
    const a = await instance(dbs[0]!)
    const b = apps === 'one' ? a : await instance(dbs[1]!)
    try {
      return await scenario(a, b, world)
    } finally {
      await a.close()
      if (b !== a) await b.close()
    }
  }

  it('behave exactly as one: sessions, opening, closing, live releases, throttles, rate limits, reports', async () => {
    const one = await transcript('one')
    const two = await transcript('two')
    expect(two).toEqual(one)

    // and what they both did is what one instance must do
    const status = (step: string) => two.find((s) => s.step === step)!.status
    const body = (step: string) => two.find((s) => s.step === step)!.body
    expect(status('me on the other')).toBe(200)
    expect(two.filter((s) => s.step.startsWith('answer ') && s.status === 201)).toHaveLength(8)
    expect(body('close')).toEqual({ status: 'closed', responseCount: 8 })
    expect([status('answer after close'), body('answer after close')]).toEqual([409, 'SURVEY_CLOSED'])
    expect(body('form after close')).toBe('SURVEY_CLOSED')
    expect((body('report 1') as { responseCount: number }).responseCount).toBe(8)
    expect(body('report 1')).toEqual(body('report 0'))
    expect(body('overview 1')).toEqual(body('overview 0'))
    expect(body('live report today')).toBe(false)
    expect((body('live report next day 1') as { responseCount: number }).responseCount).toBe(6)
    expect(two.filter((s) => s.step.startsWith('guess ')).map((s) => s.status)).toEqual([401, 401, 401, 401, 401, 429])
    expect(two.filter((s) => s.step.startsWith('crowd ')).map((s) => s.status)).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429, 429])
    expect(status('me after sign out')).toBe(401)
  })
})

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function errorCode(body: unknown): unknown {
  return (body as { error?: { code?: string } } | null)?.error?.code ?? null
}

function pick(...keys: string[]) {
  return (body: unknown) => Object.fromEntries(keys.map((k) => [k, (body as Record<string, unknown>)[k]]))
}

/** A report with its comments in a fixed order: they come in a fresh random order every time. */
function withSortedComments(body: unknown): unknown {
  const report = body as { comments: { items: { prompt: string; body: string }[] } }
  if (!report.comments) return body
  const items = [...report.comments.items].sort((a, b) => `${a.prompt}${a.body}`.localeCompare(`${b.prompt}${b.body}`))
  return { ...report, comments: { ...report.comments, items } }
}
