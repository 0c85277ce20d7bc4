import { sql, type Kysely } from 'kysely'

// Each closed survey's tally, written once by whichever instance first needs it and read by every
// instance after, across restarts (issue 12.1): a trust overview of hundreds of surveys reads a few
// hundred rows instead of aggregating every response again. One row per survey and release state
// (`released`: how many live batches the tally counts; 0 for a survey released at close), so a
// closed live survey whose last batch is released the next day gets a second row, and neither ever
// changes. `responses` is the survey's response count when the tally was taken: should it ever
// differ (a database edit), the tally is taken again. `tally`: respondents, continuum votes and
// each role group's scale bins; `detail`: item counts and the sums Cronbach's alpha needs (only a
// school report reads them). Unsuppressed sufficient statistics, like the responses they come
// from: only the report code reads them, and it discloses them under the anonymity rules.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_tallies')
    .addColumn('survey_id', 'integer', (col) => col.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('released', 'integer', (col) => col.notNull())
    .addColumn('responses', 'integer', (col) => col.notNull())
    .addColumn('tally', 'jsonb', (col) => col.notNull())
    .addColumn('detail', 'jsonb', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('survey_tallies_pkey', ['survey_id', 'released'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('survey_tallies').execute()
}
