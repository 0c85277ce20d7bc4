import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { closedOn, SANE_FROM, SANE_TO } from '../../../shared/domain/cycles.ts'
import { surveysWithCounts, toSurveyRecord, type SurveyRecord } from '../surveys/surveys.repository.ts'

export async function findTrust(db: Kysely<Database>, trustId: number): Promise<{ id: number; name: string; isDemo: boolean } | undefined> {
  const row = await db.selectFrom('trusts').select(['id', 'name', 'is_demo']).where('id', '=', trustId).executeTakeFirst()
  return row && { id: row.id, name: row.name, isDemo: row.is_demo }
}

export async function listTrustSchools(db: Kysely<Database>, trustId: number): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('schools').select(['id', 'name']).where('trust_id', '=', trustId).orderBy('name').orderBy('id').execute()
}

/**
 * Every survey of the trust's schools that has closed by `at` (by its leader or its date), on one
 * instrument, newest closing first (`closedOn`). Surveys dated outside the years 2000–2100 (which
 * the API refuses, but a database can hold) are left out, so no stored date can break an overview.
 */
export async function listClosedTrustSurveys(db: Kysely<Database>, trustId: number, instrumentVersion: string, at: Date): Promise<SurveyRecord[]> {
  const rows = await surveysWithCounts(db)
    .where('schools.trust_id', '=', trustId)
    .where('surveys.instrument_version_id', '=', instrumentVersion)
    .where('surveys.status', '!=', 'draft')
    .where((eb) => eb.or([eb('surveys.status', '=', 'closed'), eb('surveys.closes_at', '<=', at)]))
    .where('surveys.opens_at', '>=', SANE_FROM)
    .where('surveys.closes_at', '<', SANE_TO)
    .where((eb) => eb.or([eb('surveys.closed_at', 'is', null), eb.between('surveys.closed_at', SANE_FROM, SANE_TO)]))
    .orderBy('surveys.closes_at', 'desc')
    .orderBy('surveys.id', 'desc')
    .execute()
  return rows.map(toSurveyRecord).sort((a, b) => closedOn(b).getTime() - closedOn(a).getTime() || b.id - a.id)
}
