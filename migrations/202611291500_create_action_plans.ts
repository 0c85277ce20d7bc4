import { sql, type Kysely } from 'kysely'

// A school's action plan for a survey cycle: actions, each aimed at one or more of the report's
// scales, led by a role (and, if the leader types one, a name: staff need no account), supported by
// others, with a review date and a status whose every change is kept as a dated note (issue 14).
// The plan belongs to the survey whose report it answers; deleting the survey deletes the plan.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('actions')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('survey_id', 'integer', (col) => col.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('details', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('scales', sql`text[]`, (col) => col.notNull().check(sql`cardinality(scales) between 1 and 9`))
    .addColumn('influence', 'text', (col) => col.notNull().check(sql`influence in ('modelling', 'monitoring', 'dialogue', 'partnership')`))
    .addColumn('lead_role', 'text', (col) => col.notNull().check(sql`lead_role in ('senior_leader', 'middle_leader', 'teacher', 'support_staff', 'other')`))
    .addColumn('lead_name', 'text')
    .addColumn('supporters', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('review_on', 'date')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('planned').check(sql`status in ('planned', 'under_way', 'done', 'dropped')`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('actions_survey_id_idx').on('actions').column('survey_id').execute()

  await db.schema
    .createTable('action_notes')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('action_id', 'integer', (col) => col.notNull().references('actions.id').onDelete('cascade'))
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('planned', 'under_way', 'done', 'dropped')`))
    .addColumn('body', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('action_notes_action_id_idx').on('action_notes').column('action_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('action_notes').execute()
  await db.schema.dropTable('actions').execute()
}
