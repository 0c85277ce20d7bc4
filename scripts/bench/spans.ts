import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { buildApp } from '../../server/app.ts'
import type { Database } from '../../server/db/schema.ts'
import { tallyEachSurvey } from '../../server/modules/reports/reports.repository.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { ensureDataset } from './dataset.ts'
// Where a report's or an overview's time goes, statement by statement, on the benchmark data set:
//   BENCH_DATABASE_URL=… node scripts/bench/spans.ts              (60 school reports, each read twice; then their SQL)
//   BENCH_DATABASE_URL=… MODE=overview node scripts/bench/spans.ts (25 overviews of trust 1)
// Prints the API's p50/p95 and, per statement, how often it ran and its p50/p95 (Kysely's query log).
// With `node --cpu-prof` it gives the JavaScript side.
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/continuum_bench'
const data = await ensureDataset(url, console.error)
let events: { ms: number; sql: string }[] = []
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) }), log: (e) => { events.push({ ms: e.queryDurationMillis, sql: e.query.sql.replace(/\s+/g, ' ').slice(0, 70) }) } })
const app = await buildApp({ db, submitRateLimit: 1e9, loginRateLimit: 1e9 })
const base = await app.listen({ host: '127.0.0.1', port: 0 })
const mode = process.env.MODE ?? 'report'
const paths = mode === 'report' ? data.reportSurveyIds.slice(0, Number(process.env.N ?? 60)).map((id) => `/api/surveys/${id}/report`) : Array.from({ length: 25 }, () => `/api/trusts/${data.trustId}/overview`)
for (const p of paths.slice(0, mode === 'report' ? paths.length : 1)) await (await fetch(base + p, { headers: { cookie: data.leaderCookie } })).arrayBuffer()
const times: number[] = []; const per = new Map<string, number[]>()
for (const p of paths) {
  events = []
  const t = performance.now(); const r = await fetch(base + p, { headers: { cookie: data.leaderCookie } }); await r.arrayBuffer(); times.push(performance.now() - t)
  if (!r.ok) throw new Error(String(r.status))
  for (const e of events) { const a = per.get(e.sql) ?? []; a.push(e.ms); per.set(e.sql, a) }
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p / 100 * xs.length) - 1)]!
console.log('api p50', pct(times, 50).toFixed(1), 'p95', pct(times, 95).toFixed(1))
for (const [s, xs] of per) console.log(xs.length, 'p50', pct(xs, 50).toFixed(2), 'p95', pct(xs, 95).toFixed(2), s)
if (mode === 'report') { const sql: number[] = []; for (const id of data.reportSurveyIds.slice(0, 60)) { const t = performance.now(); await tallyEachSurvey(db, [id], dlV1); sql.push(performance.now() - t) }; console.log('sql p50', pct(sql, 50).toFixed(1), 'p95', pct(sql, 95).toFixed(1)) }
await app.close(); await db.destroy()
