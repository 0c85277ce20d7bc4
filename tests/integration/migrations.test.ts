import { sql, type Kysely } from 'kysely'
import { Migrator, NO_MIGRATIONS } from 'kysely/migration'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrations } from '../../migrations/index.ts'
import { connect } from '../../server/db/connect.ts'
import { testDatabases } from '../helpers/test-db.ts'

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
    expect(await tables()).toEqual(['access_codes', 'comments', 'instrument_versions', 'leader_tokens', 'leaders', 'memberships', 'responses', 'schools', 'sessions', 'surveys', 'trusts'])
    expect((await migrator.migrateTo(NO_MIGRATIONS)).error).toBeUndefined()
    expect(await tables()).toEqual([])
    expect((await migrator.migrateToLatest()).error).toBeUndefined()
    expect(await tables()).toHaveLength(11)
  })

  it('enforce the answer range in the database itself', async () => {
    await sql`truncate table trusts, schools, surveys, responses restart identity cascade`.execute(db)
    await sql`insert into instrument_versions (id, item_ids, definition) values ('t-1', '{a1}', '{}') on conflict do nothing`.execute(db)
    await sql`insert into schools (name) values ('S')`.execute(db)
    await sql`insert into surveys (school_id, instrument_version_id, title, token, opens_at, closes_at) values (1, 't-1', 'T', 'tok', now(), now() + interval '1 day')`.execute(db)
    await expect(sql`insert into responses (survey_id, instrument_version_id, answers) values (1, 't-1', '{6}')`.execute(db)).rejects.toThrow(/check/)
    await expect(sql`insert into responses (survey_id, instrument_version_id, answers) values (1, 't-1', '{0,3}')`.execute(db)).rejects.toThrow(/check/)
    await expect(sql`insert into surveys (school_id, instrument_version_id, title, token, opens_at, closes_at, k) values (1, 't-1', 'T', 'tok2', now(), now() + interval '1 day', 2)`.execute(db)).rejects.toThrow(/check/)
    await sql`insert into responses (survey_id, instrument_version_id, answers) values (1, 't-1', '{1,null,5}')`.execute(db)
    await sql`truncate table trusts, schools, surveys, responses restart identity cascade`.execute(db)
    await sql`delete from instrument_versions where id = 't-1'`.execute(db)
  })
})
