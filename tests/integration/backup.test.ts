import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../server/db/connect.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import type { Database } from '../../server/db/schema.ts'
import { ensureInstrumentVersions } from '../../server/modules/surveys/surveys.repository.ts'
import { generateResponses } from '../../shared/domain/synthetic.ts'
import { CURRENT_INSTRUMENT_ID, instruments, requireInstrument } from '../../shared/instrument/versions.ts'
import { createSchoolWithSurvey, storeResponses } from '../helpers/fixtures.ts'
import { runClientTool, startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.ts'
import type { Kysely } from 'kysely'

/** The questionnaire of a new survey: these tests store and read what a survey of it takes. */
const instrument = requireInstrument(CURRENT_INSTRUMENT_ID)

// docs/operations.md's backup and restore recipes, carried out: every response comes back.

async function seed(db: Kysely<Database>) {
  await migrateToLatest(db)
  await ensureInstrumentVersions(db, Object.values(instruments))
  const { surveyId } = await createSchoolWithSurvey(db)
  await storeResponses(db, surveyId, instrument, generateResponses({ instrument, pattern: 5, respondents: 25, seed: 9 }))
}

const answers = (db: Kysely<Database>) => db.selectFrom('responses').select(['answers', 'role', 'now_pattern']).orderBy('id').execute()

describe('backups', () => {
  let server: PrivatePostgres
  const work = mkdtempSync(join(tmpdir(), 'continuum-backup-'))
  beforeAll(async () => {
    server = await startPrivatePostgres()
  })
  afterAll(() => {
    server?.destroy()
    rmSync(work, { recursive: true, force: true })
  })

  it('restores a pg_dump of a Postgres server with every response', async () => {
    const source = await connect({ databaseUrl: await server.url('source') })
    await seed(source)
    const before = await answers(source)
    await source.destroy()
    const dump = join(work, 'continuum.dump')
    runClientTool('pg_dump', ['--format=custom', `--file=${dump}`, await server.url('source')])
    const target = await server.url('restored')
    runClientTool('pg_restore', [`--dbname=${target}`, dump])
    const restored = await connect({ databaseUrl: target })
    try {
      expect(before).toHaveLength(25)
      expect(await answers(restored)).toEqual(before)
    } finally {
      await restored.destroy()
    }
  })

  it('restores a copy of the embedded database folder, taken while it was closed', async () => {
    const dataDir = join(work, 'data')
    const original = await connect({ dataDir })
    await seed(original)
    const before = await answers(original)
    await original.destroy()
    cpSync(dataDir, join(work, 'data-copy'), { recursive: true })
    const copy = await connect({ dataDir: join(work, 'data-copy') })
    try {
      expect(before).toHaveLength(25)
      expect(await answers(copy)).toEqual(before)
    } finally {
      await copy.destroy()
    }
  })
})
