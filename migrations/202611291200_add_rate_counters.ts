import { sql, type Kysely } from 'kysely'

// Counters for rate limits and the sign-in throttle, shared by every app instance (issue 9.12):
// kept in process memory, a second instance doubled every limit. One row per key (a route and a
// client address, or an account and an address) with its count in the current window. UNLOGGED:
// losing the counters in a crash only resets the limits, and skipping the WAL keeps them cheap.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_counters')
    .modifyFront(sql`unlogged`)
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('rate_counters_expires_at').on('rate_counters').column('expires_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_counters').execute()
}
