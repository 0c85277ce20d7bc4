import { sql, type Kysely } from 'kysely'

// Issue 9.4: a response, its comment rows and its redeemed code row used to be written by one
// transaction, so the three shared the system column xmin (and code row ids followed slip order):
// anyone with SELECT could join a response to its comments and its code. Now a survey has one row
// of comments and one row of code hashes, and nothing is kept per submission outside `responses`:
//
// - `survey_comments.entries` holds every comment of the survey as `{prompt, body, batch}`; each
//   submission with comments rewrites the whole array in a fresh random order, so neither the
//   position of an entry nor the row's xmin/ctid says which submission wrote it. `batch` is the
//   live release batch of the response it came with (null for surveys released at close), so that
//   comments follow the figures' release rule (9.5).
// - `survey_access_codes` keeps the hashes of unused and used codes as two sorted arrays; a
//   redemption moves one hash across in a single conditional UPDATE, so a code is used once.
//
// Issue 9.3: live batches are released from the day (UTC) after they complete.
// `surveys.live_batches_completed_on` holds one date per complete batch, in order. Batches that were
// complete before this migration are dated the day before it, so what was released stays released.
//
// Comments stored before this migration carry batch null: the old rows say nothing of the response
// they came with.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_comments')
    .addColumn('survey_id', 'integer', (col) => col.primaryKey().references('surveys.id').onDelete('cascade'))
    .addColumn('entries', 'jsonb', (col) => col.notNull())
    .execute()
  await sql`insert into survey_comments (survey_id, entries)
    select survey_id, jsonb_agg(jsonb_build_object('prompt', prompt, 'body', body, 'batch', null) order by gen_random_uuid())
    from comments group by survey_id`.execute(db)
  await db.schema.dropTable('comments').execute()

  await db.schema
    .createTable('survey_access_codes')
    .addColumn('survey_id', 'integer', (col) => col.primaryKey().references('surveys.id').onDelete('cascade'))
    .addColumn('unused', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('used', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .execute()
  await sql`insert into survey_access_codes (survey_id, unused, used)
    select survey_id,
      coalesce(array_agg(code_hash order by code_hash) filter (where not redeemed), '{}'),
      coalesce(array_agg(code_hash order by code_hash) filter (where redeemed), '{}')
    from access_codes group by survey_id`.execute(db)
  await db.schema.dropTable('access_codes').execute()

  await db.schema.alterTable('surveys').addColumn('live_batches_completed_on', sql`date[]`, (col) => col.notNull().defaultTo(sql`'{}'::date[]`)).execute()
  await sql`update surveys set live_batches_completed_on = array_fill(current_date - 1, array[live_response_count / k])
    where release_mode = 'live' and live_response_count >= k`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('surveys').dropColumn('live_batches_completed_on').execute()

  await db.schema
    .createTable('access_codes')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('survey_id', 'integer', (col) => col.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (col) => col.notNull())
    .addColumn('redeemed', 'boolean', (col) => col.notNull().defaultTo(false))
    .addUniqueConstraint('access_codes_survey_code_unique', ['survey_id', 'code_hash'])
    .execute()
  await sql`insert into access_codes (survey_id, code_hash, redeemed)
    select survey_id, h, false from survey_access_codes, unnest(unused) h
    union all select survey_id, h, true from survey_access_codes, unnest(used) h`.execute(db)
  await db.schema.dropTable('survey_access_codes').execute()

  await db.schema
    .createTable('comments')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('survey_id', 'integer', (col) => col.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('prompt', 'text', (col) => col.notNull().check(sql`prompt in ('helps', 'hinders')`))
    .addColumn('body', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('comments_survey_id_idx').on('comments').column('survey_id').execute()
  await sql`insert into comments (survey_id, prompt, body)
    select survey_id, e->>'prompt', e->>'body' from survey_comments, jsonb_array_elements(entries) e`.execute(db)
  await db.schema.dropTable('survey_comments').execute()
}
