import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app.ts'
import { connect, CONNECT_TIMEOUT_MS } from '../../server/db/connect.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import type { Database } from '../../server/db/schema.ts'
import { ensureInstrumentVersions } from '../../server/modules/surveys/surveys.repository.ts'
import { generateResponses } from '../../shared/domain/synthetic.ts'
import { ApiErrorSchema } from '../../shared/errors.ts'
import { CURRENT_INSTRUMENT_ID, instruments, requireInstrument } from '../../shared/instrument/versions.ts'
import { createSchoolWithSurvey } from '../helpers/fixtures.ts'
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.ts'
import { startServerProcess } from '../helpers/server-process.ts'
import { countRows, resetDb } from '../helpers/test-db.ts'

/** The questionnaire of a new survey: these tests store and read what a survey of it takes. */
const instrument = requireInstrument(CURRENT_INSTRUMENT_ID)

// Faults on a Postgres server of the test's own: the database stops in the middle of a submit
// load and comes back; the server is stopped with SIGTERM in the middle of one. Nothing accepted
// is lost, nothing half-written remains, and nobody waits past a bounded time.

const bodies = generateResponses({ instrument, pattern: 4, respondents: 50, seed: 4, commentRate: 0 }).map((b) => ({ ...b, comments: { helps: 'A comment.' } }))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('when things fail', () => {
  let server: PrivatePostgres
  let url: string
  let db: Kysely<Database>

  beforeAll(async () => {
    server = await startPrivatePostgres()
    url = await server.url()
    db = await connect({ databaseUrl: url })
    await migrateToLatest(db)
    await ensureInstrumentVersions(db, Object.values(instruments))
  })
  afterAll(async () => {
    await db?.destroy()
    server?.destroy()
  })

  const counts = async () => {
    return { responses: await countRows(db, 'responses'), comments: await countRows(db, 'comments') }
  }

  it('answers 503 quickly while the database is down, loses no accepted response and recovers by itself', async () => {
    await resetDb(db)
    const { token } = await createSchoolWithSurvey(db)
    const lost: Error[] = []
    const appDb = await connect({ databaseUrl: url, onPoolError: (err) => lost.push(err) })
    const app = await buildApp({ db: appDb, submitRateLimit: 1_000_000 })
    const results: { status: number; ms: number; code?: string; message?: string }[] = []
    let running = true
    const worker = async (w: number) => {
      for (let i = 0; running; i++) {
        const started = performance.now()
        const res = await app.inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload: bodies[(w * 7 + i) % bodies.length]! })
        const entry: (typeof results)[number] = { status: res.statusCode, ms: performance.now() - started }
        if (res.statusCode !== 201) Object.assign(entry, ApiErrorSchema.parse(res.json()).error)
        results.push(entry)
        if (res.statusCode !== 201) await sleep(50)
      }
    }
    try {
      const load = Promise.all(Array.from({ length: 12 }, (_, w) => worker(w)))
      await sleep(1_500)
      server.stop('fast')
      const downAt = results.length
      await sleep(2_500)
      server.start()
      await sleep(2_500)
      running = false
      await load

      const statuses = new Set(results.map((r) => r.status))
      expect([...statuses].sort()).toEqual([201, 503])
      const outage = results.slice(downAt).filter((r) => r.status === 503)
      expect(outage.length).toBeGreaterThan(0)
      for (const r of outage) {
        expect(r.code).toBe('SERVICE_UNAVAILABLE')
        expect(r.message).toMatch(/cannot reach its database.*Nothing was saved/)
      }
      // nobody waited past the connection timeout (plus scheduling slack)
      expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(CONNECT_TIMEOUT_MS + 2_000)
      // recovered without a restart: the last requests of every worker went through
      expect(results.slice(-6).every((r) => r.status === 201)).toBe(true)

      const accepted = results.filter((r) => r.status === 201).length
      const stored = await counts()
      // every 201 is stored; a commit whose answer was lost with the connection may add a few more
      expect(stored.responses).toBeGreaterThanOrEqual(accepted)
      expect(stored.responses - accepted).toBeLessThanOrEqual(12)
      // response and comment are written together or not at all
      expect(stored.comments).toBe(stored.responses)
    } finally {
      await app.close()
      await appDb.destroy()
    }
  })

  it('finishes requests in flight on SIGTERM, refuses new ones, exits 0 and loses nothing', async () => {
    await resetDb(db)
    const { token } = await createSchoolWithSurvey(db)
    const port = 20_000 + Math.floor(Math.random() * 20_000)
    const child = await startServerProcess({ ...process.env, DATABASE_URL: url, DEMO: 'false' }, port)
    const base = child.base

    const outcomes: (number | 'refused')[] = []
    let running = true
    const worker = async (w: number) => {
      for (let i = 0; running; i++) {
        try {
          const res = await fetch(`${base}/api/forms/${token}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bodies[(w + i) % bodies.length]) })
          outcomes.push(res.status)
          await res.arrayBuffer()
        } catch {
          outcomes.push('refused')
          await sleep(20)
        }
      }
    }
    const load = Promise.all(Array.from({ length: 10 }, (_, w) => worker(w)))
    await sleep(1_200)
    const code = await child.stop()
    await sleep(300)
    running = false
    await load

    expect(code, child.output()).toBe(0)
    const accepted = outcomes.filter((o) => o === 201).length
    expect(accepted).toBeGreaterThan(10)
    expect(outcomes.filter((o) => o !== 201 && o !== 503 && o !== 'refused')).toEqual([])
    expect(outcomes.at(-1)).toBe('refused')
    const stored = await counts()
    expect(stored.responses).toBe(accepted)
    expect(stored.comments).toBe(accepted)
  })
})
