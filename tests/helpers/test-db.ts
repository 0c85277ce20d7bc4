import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { connect } from '../../server/db/connect.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import type { Database } from '../../server/db/schema.ts'
import { ensureInstrumentVersions } from '../../server/modules/surveys/surveys.repository.ts'
import { instruments } from '../../shared/instrument/versions.ts'

export type DatabaseKind = 'pglite' | 'postgres'

/** PGlite always; the real Postgres too when TEST_DATABASE_URL is set (CI sets it). */
export function testDatabases(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']
}

/**
 * A migrated test database. On Postgres, `suffix` names a database of its own beside
 * TEST_DATABASE_URL's (created if missing), so test projects that vitest runs side by side never
 * truncate each other's tables.
 */
export async function createTestDb(kind: DatabaseKind, { suffix = '', poolSize = 10 } = {}): Promise<Kysely<Database>> {
  const db = await connect(kind === 'postgres' ? { databaseUrl: await postgresUrl(suffix), poolSize } : {})
  await migrateToLatest(db)
  await ensureInstrumentVersions(db, Object.values(instruments))
  return db
}

async function postgresUrl(suffix: string): Promise<string> {
  const base = process.env.TEST_DATABASE_URL
  if (!base) throw new Error('TEST_DATABASE_URL is not set')
  if (!suffix) return base
  const url = new URL(base)
  const name = `${url.pathname.slice(1)}_${suffix}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name])
    if (exists.rowCount === 0) await admin.query(`create database "${name.replace(/"/g, '')}"`)
  } finally {
    await admin.end()
  }
  url.pathname = `/${name}`
  return url.toString()
}

/** Empties every table but the instrument versions, between tests. */
export async function resetDb(db: Kysely<Database>): Promise<void> {
  await sql`truncate table norms, norm_refreshes, survey_tallies, action_notes, actions, custodian_links, survey_comments, survey_access_codes, responses, surveys, leader_tokens, rate_counters, sessions, memberships, leaders, schools, trusts restart identity cascade`.execute(db)
}

/**
 * How many there are of a kind of thing stored: rows for responses and surveys; pooled comments
 * (entries of survey_comments); access codes (hashes in survey_access_codes, unused and used).
 */
export async function countRows(db: Kysely<Database>, table: 'responses' | 'comments' | 'access_codes' | 'surveys'): Promise<number> {
  const query =
    table === 'comments'
      ? sql<{ n: number }>`select coalesce(sum(jsonb_array_length(entries)), 0)::int as n from survey_comments`
      : table === 'access_codes'
        ? sql<{ n: number }>`select coalesce(sum(cardinality(unused) + cardinality(used)), 0)::int as n from survey_access_codes`
        : sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`
  return (await query.execute(db)).rows[0]!.n
}

/** The comments pooled for a survey (or every survey), as stored: prompt, body and release batch. */
export async function pooledComments(db: Kysely<Database>, surveyId?: number): Promise<{ prompt: string; body: string; batch: number | null }[]> {
  const rows = await sql<{ prompt: string; body: string; batch: number | null }>`
    select e->>'prompt' as prompt, e->>'body' as body, (e->>'batch')::int as batch
    from survey_comments cross join jsonb_array_elements(entries) as x(e)
    where ${surveyId === undefined ? sql`true` : sql`survey_id = ${surveyId}`}`.execute(db)
  return rows.rows
}

/** How many of a survey's access codes are used. */
export async function usedCodeCount(db: Kysely<Database>, surveyId: number): Promise<number> {
  const row = await db.selectFrom('survey_access_codes').select(sql<number>`cardinality(used)`.as('n')).where('survey_id', '=', surveyId).executeTakeFirst()
  return row?.n ?? 0
}
