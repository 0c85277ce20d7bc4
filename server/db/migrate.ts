import { sql, type Kysely } from 'kysely'
import { Migrator, type Migration } from 'kysely/migration'
import { migrations } from '../../migrations/index.ts'
import { STATEMENT_TIMEOUT_MS } from './connect.ts'

/**
 * Every migration runs in the migrator's one transaction, without the statement time limit (a
 * migration that rewrites a large table may take minutes): `set local` lasts until that
 * transaction ends, so nothing of it outlives the migration, even behind a transaction pooler
 * (PgBouncer) that hands the connection to someone else afterwards.
 */
function unlimited(migration: Migration): Migration {
  return {
    up: async (db) => {
      await sql`set local statement_timeout = 0`.execute(db)
      await migration.up(db)
    },
  }
}

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => Object.fromEntries(Object.entries(migrations).map(([name, m]) => [name, unlimited(m)])) } })
}

/**
 * What every connection to Continuum's database needs, kept as the database's own defaults
 * (ALTER DATABASE … SET) rather than sent when connecting: PgBouncer refuses startup parameters,
 * and a `SET` on a pooled connection would reach whoever gets it next. No request waits on a
 * statement longer than STATEMENT_TIMEOUT_MS (it gets a 503); report aggregation groups in memory,
 * and Postgres's 4 MB default would spill a trust overview to disk. New connections take them.
 */
export const DATABASE_SETTINGS = { statement_timeout: `${STATEMENT_TIMEOUT_MS}ms`, work_mem: '32MB' } as const

/**
 * Runs every pending migration, then makes sure the database carries DATABASE_SETTINGS (also after
 * a restore into a fresh database, which does not carry them). Returns the names of the migrations
 * it ran; prints a warning when the settings could not be stored (the role does not own the database).
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results = [] } = await migrator(db).migrateToLatest()
  const failed = results.find((r) => r.status === 'Error')
  if (error || failed) throw new Error(`migration failed${failed ? ` at ${failed.migrationName}` : ''}`, { cause: error })
  if (!(await storeDatabaseSettings(db))) {
    console.warn(`warning: could not store the database settings ${Object.entries(DATABASE_SETTINGS).map(([k, v]) => `${k} = ${v}`).join(', ')}: as the database's owner, run ALTER DATABASE … SET for each (docs/operations.md, "Behind PgBouncer")`)
  }
  return results.map((r) => r.migrationName)
}

/** Whether the database now carries DATABASE_SETTINGS. */
async function storeDatabaseSettings(db: Kysely<any>): Promise<boolean> {
  const wanted = Object.entries(DATABASE_SETTINGS).map(([k, v]) => `${k}=${v}`)
  const stored = sql<{ ok: boolean }>`select coalesce((select s.setconfig @> ${sql.lit(`{${wanted.join(',')}}`)}::text[] from pg_db_role_setting s
    join pg_database d on d.oid = s.setdatabase where d.datname = current_database() and s.setrole = 0), false) as ok`
  if ((await stored.execute(db)).rows[0]!.ok) return true
  // One statement (one transaction), serialised by a transaction lock: instances starting at once do not collide.
  await sql`do $$
    declare setting text;
    begin
      perform pg_advisory_xact_lock(hashtext('continuum database settings'));
      if not coalesce((select s.setconfig @> ${sql.lit(`{${wanted.join(',')}}`)}::text[] from pg_db_role_setting s
          join pg_database d on d.oid = s.setdatabase where d.datname = current_database() and s.setrole = 0), false) then
        foreach setting in array ${sql.lit(`{${wanted.join(',')}}`)}::text[] loop
          execute format('alter database %I set %s = %L', current_database(), split_part(setting, '=', 1), split_part(setting, '=', 2));
        end loop;
      end if;
    exception when insufficient_privilege then
      null; -- not the owner: reported below
    end $$`.execute(db)
  return (await stored.execute(db)).rows[0]!.ok
}
