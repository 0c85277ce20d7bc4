import { sql, type Kysely } from 'kysely'

// Each response also keeps, per score (the nine scales of its instrument version, then the
// hallmark items pooled for the distribution index), how many items were answered and their sum.
// They are derived from `answers` when the response is stored, so reports and trust overviews
// aggregate ten small numbers per response instead of re-reading every answer: the overview of a
// 50-school trust over six cycles went from seconds to milliseconds (docs/benchmarks.md).
//
// Existing rows are filled in for dl-v1, the only version there has been: nine scales of five
// items in order, hallmarks being the first eight. Migrations are frozen in time, so that layout
// is written out here rather than read from the instrument.

const SCALES = 9
const ITEMS_PER_SCALE = 5
const HALLMARK_ITEMS = 40

function answeredOf(positions: number[]) {
  return sql.join(positions.map((p) => sql`(answers[${sql.lit(p)}] is not null)::int`), sql` + `)
}
function sumOf(positions: number[]) {
  return sql.join(positions.map((p) => sql`coalesce(answers[${sql.lit(p)}], 0)::int`), sql` + `)
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('responses').addColumn('score_answered', sql`smallint[]`).addColumn('score_sums', sql`smallint[]`).execute()
  const groups = [
    ...Array.from({ length: SCALES }, (_, s) => Array.from({ length: ITEMS_PER_SCALE }, (_, i) => s * ITEMS_PER_SCALE + i + 1)),
    Array.from({ length: HALLMARK_ITEMS }, (_, i) => i + 1),
  ]
  await sql`update responses set
    score_answered = array[${sql.join(groups.map((g) => sql`(${answeredOf(g)})::smallint`))}],
    score_sums = array[${sql.join(groups.map((g) => sql`(${sumOf(g)})::smallint`))}]
    where instrument_version_id = 'dl-v1'`.execute(db)
  await db.schema.alterTable('responses').alterColumn('score_answered', (col) => col.setNotNull()).execute()
  await db.schema.alterTable('responses').alterColumn('score_sums', (col) => col.setNotNull()).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('responses').dropColumn('score_sums').dropColumn('score_answered').execute()
}
