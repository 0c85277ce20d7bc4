import type { Kysely } from 'kysely'
import type { Instrument } from '../../../shared/instrument/types.ts'
import { itemOrder } from '../../../shared/instrument/types.ts'
import type { NewSurvey } from '../../../shared/schemas/surveys.ts'
import type { Database } from '../../db/schema.ts'

/**
 * Records each instrument version the code knows, and refuses to start if a recorded version's
 * items differ from the code's: a shipped version must never change meaning under stored answers.
 */
export async function ensureInstrumentVersions(db: Kysely<Database>, instruments: readonly Instrument[]): Promise<void> {
  for (const instrument of instruments) {
    const itemIds = itemOrder(instrument)
    await db
      .insertInto('instrument_versions')
      .values({ id: instrument.id, item_ids: itemIds, definition: JSON.stringify(instrument) })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
    const stored = await db.selectFrom('instrument_versions').select('item_ids').where('id', '=', instrument.id).executeTakeFirstOrThrow()
    if (stored.item_ids.join(',') !== itemIds.join(',')) {
      throw new Error(`instrument ${instrument.id} in the code no longer matches the stored version: make a new version instead of editing a shipped one`)
    }
  }
}

export async function insertSurvey(
  db: Kysely<Database>,
  input: NewSurvey & { schoolId: number; instrumentVersion: string; token: string; status: 'draft' | 'open' },
): Promise<{ id: number }> {
  return db
    .insertInto('surveys')
    .values({
      school_id: input.schoolId,
      instrument_version_id: input.instrumentVersion,
      title: input.title,
      token: input.token,
      status: input.status,
      opens_at: input.opensAt,
      closes_at: input.closesAt,
      k: input.k,
      access_mode: input.accessMode,
      release_mode: input.releaseMode,
      expected_staff: input.expectedStaff,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function insertAccessCodes(db: Kysely<Database>, surveyId: number, codeHashes: readonly string[]): Promise<void> {
  for (let i = 0; i < codeHashes.length; i += 500) {
    await db
      .insertInto('access_codes')
      .values(codeHashes.slice(i, i + 500).map((code_hash) => ({ survey_id: surveyId, code_hash })))
      .execute()
  }
}

export async function findSurveyToken(db: Kysely<Database>, surveyId: number): Promise<string | undefined> {
  return (await db.selectFrom('surveys').select('token').where('id', '=', surveyId).executeTakeFirst())?.token
}
