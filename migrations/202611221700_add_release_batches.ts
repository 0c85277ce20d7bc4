import type { Kysely } from 'kysely'

// Live results move in batches of k (DESIGN.md §4.3). A live survey counts its responses, and
// each response records the batch it belongs to: an ordinal as coarse as k people, never a time.
// Surveys released at close leave both unused.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('surveys').addColumn('live_response_count', 'integer', (col) => col.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('responses').addColumn('release_batch', 'integer').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('responses').dropColumn('release_batch').execute()
  await db.schema.alterTable('surveys').dropColumn('live_response_count').execute()
}
