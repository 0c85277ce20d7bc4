import { sql, type Kysely } from 'kysely'
import { Migrator, NO_MIGRATIONS } from 'kysely/migration'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrations } from '../../migrations/index.ts'
import { connect } from '../../server/db/connect.ts'
import { testDatabases } from '../helpers/test-db.ts'
import { answersInOrder, generateResponses } from '../../shared/domain/synthetic.ts'
import { scoreAggregates } from '../../shared/domain/tally.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { itemOrder } from '../../shared/instrument/types.ts'

describe.each(testDatabases())('migrations on %s', (kind) => {
  let db: Kysely<any>
  beforeAll(async () => {
    db = await connect(kind === 'postgres' ? { databaseUrl: process.env.TEST_DATABASE_URL } : {})
  })
  afterAll(async () => {
    // leave the shared test database migrated for the files that follow
    if (db) await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest()
    await db?.destroy()
  })

  it('go all the way down and up again cleanly', async () => {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
    expect((await migrator.migrateToLatest()).error).toBeUndefined()
    const tables = async () => (await db.introspection.getTables()).map((t) => t.name).sort()
    const all = await tables()
    expect(all).toEqual(['action_notes', 'actions', 'custodian_links', 'instrument_versions', 'leader_tokens', 'leaders', 'memberships', 'norm_refreshes', 'norms', 'rate_counters', 'responses', 'schools', 'sessions', 'survey_access_codes', 'survey_comments', 'survey_tallies', 'surveys', 'trusts'])
    expect((await migrator.migrateTo(NO_MIGRATIONS)).error).toBeUndefined()
    expect(await tables()).toEqual([])
    expect((await migrator.migrateToLatest()).error).toBeUndefined()
    expect(await tables()).toEqual(all)
  })

  it('enforce the answer range in the database itself', async () => {
    await sql`truncate table trusts, schools, surveys, responses restart identity cascade`.execute(db)
    await sql`insert into instrument_versions (id, item_ids, definition) values ('t-1', '{a1}', '{}') on conflict do nothing`.execute(db)
    await sql`insert into schools (name) values ('S')`.execute(db)
    await sql`insert into surveys (school_id, instrument_version_id, title, token, opens_at, closes_at) values (1, 't-1', 'T', 'tok', now(), now() + interval '1 day')`.execute(db)
    await expect(sql`insert into responses (survey_id, instrument_version_id, answers, score_answered, score_sums) values (1, 't-1', '{6}', '{1}', '{6}')`.execute(db)).rejects.toThrow(/check/)
    await expect(sql`insert into responses (survey_id, instrument_version_id, answers, score_answered, score_sums) values (1, 't-1', '{0,3}', '{2}', '{3}')`.execute(db)).rejects.toThrow(/check/)
    await expect(sql`insert into surveys (school_id, instrument_version_id, title, token, opens_at, closes_at, k) values (1, 't-1', 'T', 'tok2', now(), now() + interval '1 day', 2)`.execute(db)).rejects.toThrow(/check/)
    await sql`insert into responses (survey_id, instrument_version_id, answers, score_answered, score_sums) values (1, 't-1', '{1,null,5}', '{2}', '{6}')`.execute(db)
    await sql`truncate table trusts, schools, surveys, responses restart identity cascade`.execute(db)
    await sql`delete from instrument_versions where id = 't-1'`.execute(db)
  })
})

describe.each(testDatabases())('the response scores migration on %s', (kind) => {
  it('fills in the score counts and sums of responses stored before it', async () => {
    const db = await connect(kind === 'postgres' ? { databaseUrl: process.env.TEST_DATABASE_URL } : {})
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
    try {
      expect((await migrator.migrateTo('202611221700_add_release_batches')).error).toBeUndefined()
      await sql`truncate table trusts, schools, surveys, responses restart identity cascade`.execute(db)
      await sql`insert into instrument_versions (id, item_ids, definition) values ('dl-v1', ${itemOrder(dlV1)}::text[], '{}') on conflict do nothing`.execute(db)
      await sql`insert into schools (name) values ('S')`.execute(db)
      await sql`insert into surveys (school_id, instrument_version_id, title, token, opens_at, closes_at) values (1, 'dl-v1', 'T', 'tok', now(), now() + interval '1 day')`.execute(db)
      const bodies = generateResponses({ instrument: dlV1, pattern: 4, respondents: 6, seed: 12 })
      for (const body of bodies) {
        await sql`insert into responses (survey_id, instrument_version_id, answers) values (1, 'dl-v1', ${answersInOrder(dlV1, body)}::smallint[])`.execute(db)
      }
      expect((await migrator.migrateToLatest()).error).toBeUndefined()
      const rows = await sql<{ answers: (number | null)[]; score_answered: number[]; score_sums: number[] }>`select answers, score_answered, score_sums from responses order by id`.execute(db)
      const byAnswers = (a: (number | null)[]) => JSON.stringify(a)
      const expected = new Map(bodies.map((b) => [byAnswers(answersInOrder(dlV1, b)), scoreAggregates(dlV1, answersInOrder(dlV1, b))]))
      for (const row of rows.rows) expect({ answered: row.score_answered, sums: row.score_sums }).toEqual(expected.get(byAnswers(row.answers)))
      await sql`truncate table trusts, schools, surveys, responses restart identity cascade`.execute(db)
    } finally {
      await migrator.migrateToLatest()
      await db.destroy()
    }
  })
})

describe.each(testDatabases())('the comment and code pool migration on %s', (kind) => {
  it('keeps every comment and code, which codes were used, and what live surveys had released', async () => {
    const db = await connect(kind === 'postgres' ? { databaseUrl: process.env.TEST_DATABASE_URL } : {})
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
    try {
      expect((await migrator.migrateTo('202611221800_add_response_scores')).error).toBeUndefined()
      await sql`truncate table trusts, schools, surveys, responses, comments, access_codes restart identity cascade`.execute(db)
      await sql`insert into instrument_versions (id, item_ids, definition) values ('t-1', '{a1}', '{}') on conflict do nothing`.execute(db)
      await sql`insert into schools (name) values ('S')`.execute(db)
      await sql`insert into surveys (school_id, instrument_version_id, title, token, opens_at, closes_at) values
        (1, 't-1', 'A', 'tok1', now(), now() + interval '1 day'), (1, 't-1', 'B', 'tok2', now(), now() + interval '1 day')`.execute(db)
      await sql`update surveys set release_mode = 'live', k = 5, live_response_count = 12 where id = 2`.execute(db)
      await sql`insert into comments (survey_id, prompt, body) values (1, 'helps', 'one'), (1, 'hinders', 'two'), (2, 'helps', 'three')`.execute(db)
      await sql`insert into access_codes (survey_id, code_hash, redeemed) values (1, 'h3', false), (1, 'h1', true), (1, 'h2', false), (2, 'h9', true)`.execute(db)

      expect((await migrator.migrateToLatest()).error).toBeUndefined()
      const comments = await sql<{ survey_id: number; prompt: string; body: string; batch: unknown }>`
        select survey_id, e->>'prompt' as prompt, e->>'body' as body, e->'batch' as batch
        from survey_comments, jsonb_array_elements(entries) as x(e) order by body`.execute(db)
      expect(comments.rows).toEqual([
        { survey_id: 1, prompt: 'helps', body: 'one', batch: null },
        { survey_id: 2, prompt: 'helps', body: 'three', batch: null },
        { survey_id: 1, prompt: 'hinders', body: 'two', batch: null },
      ])
      const codes = await sql`select survey_id, unused, used from survey_access_codes order by survey_id`.execute(db)
      expect(codes.rows).toEqual([
        { survey_id: 1, unused: ['h2', 'h3'], used: ['h1'] },
        { survey_id: 2, unused: [], used: ['h9'] },
      ])
      // the live survey's two complete batches stay released
      const live = await sql<{ n: number; before_today: number }>`
        select cardinality(live_batches_completed_on) as n,
          (select count(*)::int from unnest(live_batches_completed_on) as d(day) where d.day < current_date) as before_today
        from surveys where id = 2`.execute(db)
      expect(live.rows[0]).toEqual({ n: 2, before_today: 2 })

      // and back down: the old tables hold them again
      expect((await migrator.migrateTo('202611221800_add_response_scores')).error).toBeUndefined()
      expect((await sql`select survey_id, prompt, body from comments order by body`.execute(db)).rows).toEqual([
        { survey_id: 1, prompt: 'helps', body: 'one' },
        { survey_id: 2, prompt: 'helps', body: 'three' },
        { survey_id: 1, prompt: 'hinders', body: 'two' },
      ])
      expect((await sql`select survey_id, code_hash, redeemed from access_codes order by code_hash`.execute(db)).rows).toEqual([
        { survey_id: 1, code_hash: 'h1', redeemed: true },
        { survey_id: 1, code_hash: 'h2', redeemed: false },
        { survey_id: 1, code_hash: 'h3', redeemed: false },
        { survey_id: 2, code_hash: 'h9', redeemed: true },
      ])
      await sql`truncate table trusts, schools, surveys, responses, comments, access_codes restart identity cascade`.execute(db)
      await sql`delete from instrument_versions where id = 't-1'`.execute(db)
    } finally {
      await migrator.migrateToLatest()
      await db.destroy()
    }
  })
})
