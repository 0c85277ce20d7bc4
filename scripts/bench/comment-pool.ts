import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { buildApp } from '../../server/app.ts'
import { connect } from '../../server/db/connect.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import type { Database } from '../../server/db/schema.ts'
import { ensureInstrumentVersions } from '../../server/modules/surveys/surveys.repository.ts'
import { generateResponses } from '../../shared/domain/synthetic.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { instruments } from '../../shared/instrument/versions.ts'
import { createSchoolWithSurvey } from '../../tests/helpers/fixtures.ts'

// What pooling a survey's comments in one row costs a submission (issue 9.4): each submission
// with a comment rewrites the survey's whole pool in a fresh random order.
//   node scripts/bench/comment-pool.ts            (Postgres at BENCH_DATABASE_URL, then PGlite)
// For each pool size, SUBMISSIONS timed submissions through the HTTP layer (app.inject), each with
// two comments of about 200 characters; before each one the pool is put back to the size being
// measured (untimed), so every submission meets exactly that many comments. Prints the medians.

const SIZES = [0, 1_000, 10_000]
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 100)
const TEXT = 'Teams plan together and share what they learn; decisions are explained, and anyone can join a working party. '.repeat(2).slice(0, 200)

async function postgresUrl(): Promise<string> {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/continuum_comment_pool_bench')
  const name = url.pathname.slice(1)
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() })
  await admin.connect()
  if ((await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 0) await admin.query(`create database "${name.replace(/"/g, '')}"`)
  await admin.end()
  return url.toString()
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

async function measure(db: Kysely<Database>): Promise<Record<string, number>> {
  await migrateToLatest(db)
  await ensureInstrumentVersions(db, Object.values(instruments))
  const { surveyId, token } = await createSchoolWithSurvey(db, { title: 'Comment pool bench' })
  const app = await buildApp({ db })
  const bodies = generateResponses({ instrument: dlV1, pattern: 4, respondents: SUBMISSIONS, seed: 5, commentRate: 0 })
  const results: Record<string, number> = {}
  try {
    // no comment at all: what a submission costs without touching the pool
    const plain: number[] = []
    for (const body of bodies) {
      const t = performance.now()
      const res = await app.inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload: body })
      plain.push(performance.now() - t)
      if (res.statusCode !== 201) throw new Error(`submission failed: ${res.body}`)
    }
    results['no comment'] = median(plain)
    for (const size of SIZES) {
      const seed = JSON.stringify(Array.from({ length: size }, (_, i) => ({ prompt: i % 2 ? 'helps' : 'hinders', body: `${i} ${TEXT}`, batch: null })))
      const times: number[] = []
      for (const [i, body] of bodies.entries()) {
        await sql`delete from survey_comments where survey_id = ${surveyId}`.execute(db)
        if (size > 0) await sql`insert into survey_comments (survey_id, entries) values (${surveyId}, ${seed}::jsonb)`.execute(db)
        const payload = { ...body, comments: { helps: `${i} ${TEXT}`, hinders: `${i} ${TEXT}` } }
        const t = performance.now()
        const res = await app.inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload })
        times.push(performance.now() - t)
        if (res.statusCode !== 201) throw new Error(`submission failed: ${res.body}`)
      }
      results[`${size.toLocaleString('en-GB')} pooled`] = median(times)
    }
  } finally {
    await app.close()
  }
  return results
}

const out: Record<string, Record<string, number>> = {}
{
  const db = await connect({ databaseUrl: await postgresUrl() })
  try {
    out.postgres = await measure(db)
  } finally {
    await db.destroy()
  }
}
{
  const db = await connect({})
  try {
    out.pglite = await measure(db)
  } finally {
    await db.destroy()
  }
}
console.log(`median submission time, ms (${SUBMISSIONS} submissions each; two 200-character comments unless "no comment")`)
console.log('| pool before the submission | Postgres | PGlite |\n|---|---|---|')
for (const key of Object.keys(out.postgres!)) console.log(`| ${key} | ${out.postgres![key]!.toFixed(2)} | ${out.pglite![key]!.toFixed(2)} |`)
