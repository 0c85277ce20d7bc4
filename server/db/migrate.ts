import type { Kysely } from 'kysely'
import { Migrator } from 'kysely/migration'
import { migrations } from '../../migrations/index.ts'

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } })
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results = [] } = await migrator(db).migrateToLatest()
  const failed = results.find((r) => r.status === 'Error')
  if (error || failed) throw new Error(`migration failed${failed ? ` at ${failed.migrationName}` : ''}`, { cause: error })
  return results.map((r) => r.migrationName)
}
