import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app.ts'
import { connect } from '../../server/db/connect.ts'
import { DATABASE_SETTINGS, migrateToLatest } from '../../server/db/migrate.ts'
import type { Database } from '../../server/db/schema.ts'
import { ensureInstrumentVersions } from '../../server/modules/surveys/surveys.repository.ts'
import { generateResponses } from '../../shared/domain/synthetic.ts'
import { CURRENT_INSTRUMENT_ID, instruments, requireInstrument } from '../../shared/instrument/versions.ts'
import { SurveyReportSchema } from '../../shared/schemas/reports.ts'
import type { App } from '../helpers/app.ts'
import { startPrivatePgBouncer, type PrivatePgBouncer } from '../helpers/private-pgbouncer.ts'
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.ts'
import { countRows } from '../helpers/test-db.ts'
import { as, createWorld, openSurveyAsSchoolLeader, PASSWORD, type World } from '../helpers/world.ts'

/** The questionnaire of a new survey: these tests store and read what a survey of it takes. */
const instrument = requireInstrument(CURRENT_INSTRUMENT_ID)

// Continuum through a PgBouncer in transaction pooling mode, three server connections shared by
// the app's pool of ten: migrations, concurrent submissions (link and live), sign-in and the
// throttle, closing, reports, exports and the trust overview. Nothing may rely on session state
// (startup parameters, SET, advisory locks, named prepared statements), and nothing a migration
// sets may reach the connections the app uses afterwards.

const bodies = generateResponses({ instrument, pattern: 4, respondents: 40, seed: 33, commentRate: 0.3 })

describe('behind PgBouncer in transaction mode', () => {
  let server: PrivatePostgres
  let bouncer: PrivatePgBouncer
  let db: Kysely<Database>
  let app: App
  let world: World

  beforeAll(async () => {
    server = await startPrivatePostgres()
    await server.url('continuum')
    bouncer = await startPrivatePgBouncer({ postgresPort: server.port, poolSize: 3 })
    db = await connect({ databaseUrl: bouncer.url('continuum') })
    await migrateToLatest(db)
    await ensureInstrumentVersions(db, Object.values(instruments))
    // the settings apply to connections opened from now on (docs/operations.md)
    await bouncer.reconnect()
    world = await createWorld(db)
    app = await buildApp({ db })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
    await db?.destroy()
    bouncer?.destroy()
    server?.destroy()
  })

  /** What every server connection says its statement limit and work_mem are, asked at once from many clients. */
  async function settingsSeen(): Promise<Set<string>> {
    const seen = await Promise.all(
      Array.from({ length: 20 }, () => sql<{ t: string; w: string }>`select current_setting('statement_timeout') as t, current_setting('work_mem') as w, pg_sleep(0.02)`.execute(db)),
    )
    return new Set(seen.map((r) => `${r.rows[0]!.t} ${r.rows[0]!.w}`))
  }

  it('runs a survey cycle with concurrent submissions, sign-in, closing and reports', async () => {
    expect(await settingsSeen()).toEqual(new Set([`15s ${DATABASE_SETTINGS.work_mem}`]))

    const submit = (token: string, body: object) => app.inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload: body })
    const statuses = await Promise.all(bodies.map((b) => submit(world.tokenB1, b).then((r) => r.statusCode)))
    expect(statuses.every((s) => s === 201)).toBe(true)
    expect(await countRows(db, 'responses')).toBe(bodies.length)

    // a live survey numbers its batches under a row lock: concurrent submissions still fill them exactly
    const live = await openSurveyAsSchoolLeader(app, world, new Date(), { releaseMode: 'live', k: 3 })
    expect((await Promise.all(bodies.slice(0, 12).map((b) => submit(live.token, b).then((r) => r.statusCode)))).every((s) => s === 201)).toBe(true)
    const batches = await sql<{ b: number; n: number }>`select release_batch as b, count(*)::int as n from responses where survey_id = ${live.id} group by 1 order by 1`.execute(db)
    expect(batches.rows).toEqual([0, 1, 2, 3].map((b) => ({ b, n: 3 })))

    // sign-in, and the throttle after five failures
    const login = (password: string) => app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '203.0.113.5', payload: { email: world.emails.otherTrustLeader, password } })
    expect((await login(PASSWORD)).statusCode).toBe(200)
    const failures = []
    for (let i = 0; i < 6; i++) failures.push((await login(`wrong ${i}`)).statusCode)
    expect(failures).toEqual([401, 401, 401, 401, 401, 429])

    const headers = as(world, 'otherTrustLeader')
    expect((await app.inject({ method: 'POST', url: `/api/surveys/${world.surveyB1}/close`, headers })).statusCode).toBe(200)
    const report = SurveyReportSchema.parse((await app.inject({ method: 'GET', url: `/api/surveys/${world.surveyB1}/report`, headers })).json())
    expect(report).toMatchObject({ released: true, responseCount: bodies.length })
    expect(report.comments.items.length).toBeGreaterThan(0)
    expect((await app.inject({ method: 'GET', url: `/api/surveys/${world.surveyB1}/report.csv`, headers })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: `/api/trusts/${world.trustB}/overview`, headers })).statusCode).toBe(200)

    // the app's pool of ten ran on PgBouncer's three server connections, and left no session state on them
    expect(await bouncer.serverConnections()).toBeLessThanOrEqual(3)
    expect(await settingsSeen()).toEqual(new Set([`15s ${DATABASE_SETTINGS.work_mem}`]))
  }, 60_000)
})
