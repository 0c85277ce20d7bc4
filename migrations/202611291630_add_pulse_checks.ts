import { sql, type Kysely } from 'kysely'

// A pulse check (docs/scoring.md, "Pulse checks"): a short survey of the school between full
// cycles, asking only the items of the scales its plan's actions aim at. It is a survey like any
// other (same table, link or codes, k, release rules, minimum response), so every anonymity rule
// that holds for a survey holds for it. Three columns say what makes it one: the survey whose plan
// it belongs to (`pulse_of`), the action it checks (null: the whole plan; an action deleted later
// leaves it the plan's), and the scales its questionnaire is restricted to. A full survey has all
// three null; a pulse check has `pulse_of` and `scales`.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('surveys')
    .addColumn('pulse_of', 'integer', (col) => col.references('surveys.id').onDelete('cascade'))
    .addColumn('pulse_action_id', 'integer', (col) => col.references('actions.id').onDelete('set null'))
    .addColumn('scales', sql`text[]`, (col) => col.check(sql`scales is null or cardinality(scales) between 1 and 9`))
    .execute()
  await db.schema
    .alterTable('surveys')
    .addCheckConstraint('surveys_pulse_scales', sql`(pulse_of is null) = (scales is null) and (pulse_action_id is null or pulse_of is not null)`)
    .execute()
  await db.schema.createIndex('surveys_pulse_of_idx').on('surveys').column('pulse_of').where(sql.ref('pulse_of'), 'is not', null).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('surveys').dropConstraint('surveys_pulse_scales').execute()
  await db.schema.alterTable('surveys').dropColumn('scales').dropColumn('pulse_action_id').dropColumn('pulse_of').execute()
}
