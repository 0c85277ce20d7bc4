import { sql, type Kysely } from 'kysely'

// The dl-v2 parts of a response (instrument dl-v2 onwards; dl-v1 responses keep them empty):
//
// - `pair_answers smallint[]`: the paired statements in the instrument's `patternBlock.pairs`
//   order, each 1 (much closer to the first statement) .. 4 (much closer to the second), null for
//   "Don't know" or unanswered. Raw, as chosen: which statement is the dimension's high end is
//   the instrument's business.
// - `origin smallint`: how people come to lead something, 1 (allocated) .. 4 (claimed); null
//   unanswered.
// - `map_answers smallint[]`: the leadership map in the instrument's `leadershipMap.areas` order,
//   one bitmask per area: bit 0 senior leaders, 1 middle leaders, 2 teachers, 3 support staff,
//   4 "no one clearly leads it", 5 "don't know" (the last two only ever alone); null unanswered.
//
// Beside each stored tally, `placement`: the dl-v2 placement section of the survey's report in
// that release state (shared/domain/placement-report.ts), so a closed survey's report does not
// read every response again. Null for dl-v1 surveys and until first read.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('responses')
    .addColumn('pair_answers', sql`smallint[]`, (col) => col.notNull().defaultTo(sql`'{}'::smallint[]`))
    .addColumn('origin', 'smallint')
    .addColumn('map_answers', sql`smallint[]`, (col) => col.notNull().defaultTo(sql`'{}'::smallint[]`))
    .execute()
  await db.schema.alterTable('survey_tallies').addColumn('placement', 'jsonb').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('survey_tallies').dropColumn('placement').execute()
  await db.schema.alterTable('responses').dropColumn('map_answers').dropColumn('origin').dropColumn('pair_answers').execute()
}
