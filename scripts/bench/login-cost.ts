import pg from 'pg'
import { buildApp } from '../../server/app.ts'
import { connect } from '../../server/db/connect.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import { createOrganisationService } from '../../server/modules/organisations/organisations.service.ts'

// The cost of one sign-in through the HTTP layer on Postgres, median over LOGINS: run it on two
// commits to see what a change adds (docs/benchmarks.md, "Sign-in"). Each run uses a fresh database.
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/continuum_login_bench node scripts/bench/login-cost.ts

const LOGINS = Number(process.env.BENCH_LOGINS ?? 200)
const url = process.env.BENCH_DATABASE_URL
if (!url) throw new Error('set BENCH_DATABASE_URL to a Postgres database this script may drop and recreate')

const name = new URL(url).pathname.slice(1)
const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') })
await admin.connect()
await admin.query(`drop database if exists "${name.replace(/"/g, '')}"`)
await admin.query(`create database "${name.replace(/"/g, '')}"`)
await admin.end()

const db = await connect({ databaseUrl: url })
await migrateToLatest(db)
const password = 'a bench password, long enough'
await createOrganisationService({ db }).createLeader({ email: 'bench@example.org', displayName: 'Bench Leader', password })
const app = await buildApp({ db, loginRateLimit: 1_000_000 })
const payload = { email: 'bench@example.org', password }
const times: number[] = []
for (let i = 0; i < LOGINS + 10; i++) {
  const start = performance.now()
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload })
  if (res.statusCode !== 200) throw new Error(`sign-in answered ${res.statusCode}`)
  if (i >= 10) times.push(performance.now() - start)
}
times.sort((a, b) => a - b)
console.log(`sign-in through the API: median ${times[Math.floor(times.length / 2)]!.toFixed(2)} ms over ${LOGINS}`)
await app.close()
await db.destroy()
