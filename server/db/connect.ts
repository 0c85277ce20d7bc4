import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely'
import pg from 'pg'
import { acquireDataDirLock } from './lock.ts'
import type { Database } from './schema.ts'

export interface DatabaseTarget {
  /** A Postgres server; when absent, the embedded PGlite in dataDir. */
  databaseUrl?: string | undefined
  dataDir?: string | undefined
  /** Who opens the embedded database, named in the message a second opener gets (server/db/lock.ts). */
  lockOwner?: string
  poolSize?: number
  /** Called when an idle pooled connection fails (the server restarted, the network dropped). */
  onPoolError?: (err: Error) => void
  /**
   * Open every pooled connection now and keep them open (a server): the first requests after a
   * start, and those after a quiet spell, then wait for no new connection. Otherwise connections
   * open on demand and close after 10 s idle (tools, tests).
   */
  openAll?: boolean
}

/** No request waits longer than this for a connection or a statement: it gets a 503 instead. */
export const CONNECT_TIMEOUT_MS = 5_000
/** Stored as the database's statement_timeout (server/db/migrate.ts). */
export const STATEMENT_TIMEOUT_MS = 15_000

/** Opens the database. The caller owns the result and must `destroy()` it. */
export async function connect({ databaseUrl, dataDir, poolSize = 10, onPoolError, openAll = false, lockOwner = 'another Continuum process' }: DatabaseTarget): Promise<Kysely<Database>> {
  if (databaseUrl) {
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: poolSize,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // The statement time limit and work_mem are the database's own defaults, not sent here
      // (DATABASE_SETTINGS in server/db/migrate.ts): PgBouncer refuses startup parameters.
      keepAlive: true,
      ...(openAll ? { min: poolSize } : {}),
    })
    // A connection that dies (Postgres restarted) is dropped from the pool and replaced on the
    // next query. pg reports it as an 'error' event, on the pool for idle connections and on the
    // connection itself while a query holds it; without listeners the process would crash.
    const report = (err: Error) => onPoolError?.(err)
    pool.on('error', report)
    pool.on('connect', (client) => client.on('error', report))
    // Held together, so each is a connection of its own (docs/benchmarks.md, the trust overview
    // from cold). One that cannot open now (a replica
    // that is down) is reported and opened on demand later, as without openAll.
    if (openAll) {
      const opened = await Promise.allSettled(Array.from({ length: poolSize }, () => pool.connect()))
      for (const result of opened) if (result.status === 'fulfilled') result.value.release()
      const failed = opened.filter((result) => result.status === 'rejected')
      if (failed.length > 0) report(new Error(`${failed.length} of ${poolSize} connections could not open at start (${(failed[0]!.reason as Error).message}); they open when needed`))
    }
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  }
  // No dataDir means an in-memory database (tests). PGlite on disk runs without fsync: it is for
  // trying Continuum and small single-school use; the README and the start-up log say so.
  if (!dataDir) return new Kysely<Database>({ dialect: new PGliteDialect({ pglite: await PGlite.create() }) })
  mkdirSync(dataDir, { recursive: true })
  // Only one process may have the folder open at a time; the lock goes when the database closes.
  const release = acquireDataDirLock(dataDir, lockOwner)
  let pglite: PGlite
  try {
    pglite = await PGlite.create({ dataDir })
  } catch (err) {
    release()
    throw err
  }
  // Kysely's destroy() closes the PGlite it was given: closing it this way releases the lock too.
  const close = pglite.close.bind(pglite)
  const closing = Object.assign(pglite, {
    close: async () => {
      try {
        await close()
      } finally {
        release()
      }
    },
  })
  return new Kysely<Database>({ dialect: new PGliteDialect({ pglite: closing }) })
}
