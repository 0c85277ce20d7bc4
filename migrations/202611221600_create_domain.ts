import { sql, type Kysely } from 'kysely'

// The whole domain schema of Continuum. Anonymity (DESIGN.md §4) is built into the tables:
// a response carries a date (never a time), no IP, no user agent, and no column that could link it
// to an access code, a session or a comment. Responses and comments take random uuids rather than
// sequence numbers so that id order says nothing about who submitted when.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('trusts')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('is_demo', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('schools')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('trust_id', 'integer', (col) => col.references('trusts.id').onDelete('restrict'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('schools_trust_id_idx').on('schools').column('trust_id').execute()

  await db.schema
    .createTable('leaders')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('email', 'text', (col) => col.notNull().unique().check(sql`email = lower(email)`))
    .addColumn('display_name', 'text', (col) => col.notNull())
    // null until the leader sets a password through an invitation link
    .addColumn('password_hash', 'text')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('memberships')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('leader_id', 'integer', (col) => col.notNull().references('leaders.id').onDelete('cascade'))
    .addColumn('role', 'text', (col) => col.notNull().check(sql`role in ('school_leader', 'trust_leader')`))
    .addColumn('school_id', 'integer', (col) => col.references('schools.id').onDelete('cascade'))
    .addColumn('trust_id', 'integer', (col) => col.references('trusts.id').onDelete('cascade'))
    .addCheckConstraint(
      'memberships_scope_matches_role',
      sql`(role = 'school_leader' and school_id is not null and trust_id is null)
        or (role = 'trust_leader' and trust_id is not null and school_id is null)`,
    )
    .addUniqueConstraint('memberships_unique', ['leader_id', 'role', 'school_id', 'trust_id'], (c) => c.nullsNotDistinct())
    .execute()
  await db.schema.createIndex('memberships_leader_id_idx').on('memberships').column('leader_id').execute()

  await db.schema
    .createTable('sessions')
    // sha-256 of the cookie's token: a stolen database does not yield live sessions
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('leader_id', 'integer', (col) => col.notNull().references('leaders.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('sessions_leader_id_idx').on('sessions').column('leader_id').execute()

  await db.schema
    .createTable('leader_tokens')
    // one-time links to set a password (invitation or reset); stored as sha-256
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('leader_id', 'integer', (col) => col.notNull().references('leaders.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (col) => col.notNull().check(sql`purpose in ('invite', 'reset')`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute()

  await db.schema
    .createTable('instrument_versions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    // item ids in storage order: position i of a response's answers answers item_ids[i]
    .addColumn('item_ids', sql`text[]`, (col) => col.notNull())
    .addColumn('definition', 'jsonb', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('surveys')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('school_id', 'integer', (col) => col.notNull().references('schools.id').onDelete('restrict'))
    .addColumn('instrument_version_id', 'text', (col) => col.notNull().references('instrument_versions.id'))
    .addColumn('title', 'text', (col) => col.notNull())
    // the unguessable part of the survey link /s/<token>
    .addColumn('token', 'text', (col) => col.notNull().unique())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('draft').check(sql`status in ('draft', 'open', 'closed')`))
    .addColumn('opens_at', 'timestamptz', (col) => col.notNull())
    .addColumn('closes_at', 'timestamptz', (col) => col.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('k', 'smallint', (col) => col.notNull().defaultTo(5).check(sql`k >= 3`))
    .addColumn('access_mode', 'text', (col) => col.notNull().defaultTo('link').check(sql`access_mode in ('link', 'codes')`))
    .addColumn('release_mode', 'text', (col) =>
      col.notNull().defaultTo('at_close').check(sql`release_mode in ('at_close', 'live')`),
    )
    .addColumn('expected_staff', 'integer', (col) => col.check(sql`expected_staff > 0`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('surveys_closes_after_opens', sql`closes_at > opens_at`)
    .execute()
  await db.schema.createIndex('surveys_school_id_idx').on('surveys').columns(['school_id', 'opens_at']).execute()

  await db.schema
    .createTable('responses')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('survey_id', 'integer', (col) => col.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('instrument_version_id', 'text', (col) => col.notNull().references('instrument_versions.id'))
    // one element per item in the instrument version's order; null = "Don't know" or unanswered
    .addColumn('answers', sql`smallint[]`, (col) =>
      col.notNull().check(sql`1 <= all(answers) and 5 >= all(answers)`),
    )
    .addColumn('now_pattern', 'smallint', (col) => col.check(sql`now_pattern between 1 and 7`))
    .addColumn('aim_pattern', 'smallint', (col) => col.check(sql`aim_pattern between 1 and 7`))
    .addColumn('role', 'text', (col) =>
      col.check(sql`role in ('senior_leader', 'middle_leader', 'teacher', 'support_staff', 'other')`),
    )
    // a date, never a time (DESIGN.md §4.4)
    .addColumn('submitted_on', 'date', (col) => col.notNull().defaultTo(sql`current_date`))
    .execute()
  await db.schema.createIndex('responses_survey_id_idx').on('responses').column('survey_id').execute()

  await db.schema
    .createTable('access_codes')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('survey_id', 'integer', (col) => col.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (col) => col.notNull())
    // a flag, not a time: a redemption time could be matched to a response's position
    .addColumn('redeemed', 'boolean', (col) => col.notNull().defaultTo(false))
    .addUniqueConstraint('access_codes_survey_code_unique', ['survey_id', 'code_hash'])
    .execute()

  await db.schema
    .createTable('comments')
    // no date, no role, no response link (DESIGN.md §4.6)
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('survey_id', 'integer', (col) => col.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('prompt', 'text', (col) => col.notNull().check(sql`prompt in ('helps', 'hinders')`))
    .addColumn('body', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('comments_survey_id_idx').on('comments').column('survey_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'comments',
    'access_codes',
    'responses',
    'surveys',
    'instrument_versions',
    'leader_tokens',
    'sessions',
    'memberships',
    'leaders',
    'schools',
    'trusts',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
