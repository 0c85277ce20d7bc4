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
    expect(await tables()).toEqual(['access_codes', 'comments', 'instrument_versions', 'leader_tokens', 'leaders', 'memberships', 'rate_counters', 'responses', 'schools', 'sessions', 'surveys', 'trusts'])
    expect((await migrator.migrateTo(NO_MIGRATIONS)).error).toBeUndefined()
    expect(await tables()).toEqual([])
    expect((await migrator.migrateToLatest()).error).toBeUndefined()
    expect(await tables()).toHaveLength(12)
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
