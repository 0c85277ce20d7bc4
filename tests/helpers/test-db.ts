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
  await sql`truncate table comments, access_codes, responses, surveys, leader_tokens, rate_counters, sessions, memberships, leaders, schools, trusts restart identity cascade`.execute(db)
}

export async function countRows(db: Kysely<Database>, table: 'responses' | 'comments' | 'access_codes' | 'surveys'): Promise<number> {
  const { n } = await db.selectFrom(table).select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')).executeTakeFirstOrThrow()
  return n
}
