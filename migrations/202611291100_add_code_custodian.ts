import { sql, type Kysely } from 'kysely'

// A survey's single-use codes can be held by a code custodian, someone who does not read the report
// (DESIGN.md §4.5): named with the survey, they print the codes through one-time links, and the
// survey's leaders never see a code. Each link is stored as the sha-256 of its token, expires, and
// works once.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('surveys')
    .addColumn('code_custodian_name', 'text')
    .addColumn('code_custodian_email', 'text')
    .execute()
  await db.schema
    .alterTable('surveys')
    .addCheckConstraint(
      'surveys_code_custodian_complete',
      sql`(code_custodian_name is null) = (code_custodian_email is null) and (code_custodian_name is null or access_mode = 'codes')`,
    )
    .execute()

  await db.schema
    .createTable('custodian_links')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('survey_id', 'integer', (col) => col.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('code_count', 'integer', (col) => col.notNull().check(sql`code_count > 0`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('custodian_links_survey_id_idx').on('custodian_links').column('survey_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('custodian_links').execute()
  await db.schema.alterTable('surveys').dropConstraint('surveys_code_custodian_complete').execute()
  await db.schema.alterTable('surveys').dropColumn('code_custodian_email').dropColumn('code_custodian_name').execute()
}
