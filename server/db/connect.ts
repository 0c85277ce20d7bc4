import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.ts'

export interface DatabaseTarget {
  /** A Postgres server; when absent, the embedded PGlite in dataDir. */
  databaseUrl?: string | undefined
  dataDir?: string | undefined
  poolSize?: number
}

/** Opens the database. The caller owns the result and must `destroy()` it. */
export async function connect({ databaseUrl, dataDir, poolSize = 10 }: DatabaseTarget): Promise<Kysely<Database>> {
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 5_000 })
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  }
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  // No dataDir means an in-memory database (tests). PGlite on disk runs without fsync: it is for
  // trying Continuum and small single-school use; the README and the start-up log say so.
  const pglite = await PGlite.create(dataDir ? { dataDir } : {})
  return new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
}
