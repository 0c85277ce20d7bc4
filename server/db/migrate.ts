import { sql, type Kysely } from 'kysely'
import { Migrator } from 'kysely/migration'
import { migrations } from '../../migrations/index.ts'

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } })
}

/**
 * Runs every pending migration, on one connection without the pool's statement time limit (a
 * migration that rewrites a large table may take minutes). Returns the names of those it ran.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return db.connection().execute(async (connection) => {
    await sql`set statement_timeout = 0`.execute(connection)
    try {
      const { error, results = [] } = await migrator(connection).migrateToLatest()
      const failed = results.find((r) => r.status === 'Error')
      if (error || failed) throw new Error(`migration failed${failed ? ` at ${failed.migrationName}` : ''}`, { cause: error })
      return results.map((r) => r.migrationName)
    } finally {
      await sql`reset statement_timeout`.execute(connection)
    }
  })
}
