import { sql, type Kysely } from 'kysely'
import type { AccessMode } from '../../../shared/schemas/forms.ts'
import type { Submission } from '../../../shared/schemas/forms.ts'
import type { SurveySchedule } from '../../../shared/domain/survey-phase.ts'
import type { Database } from '../../db/schema.ts'

export interface SurveyForToken extends SurveySchedule {
  id: number
  title: string
  schoolName: string
  isDemo: boolean
  instrumentVersionId: string
  accessMode: AccessMode
  k: number
}

export async function findSurveyByToken(db: Kysely<Database>, token: string): Promise<SurveyForToken | undefined> {
  const row = await db
    .selectFrom('surveys')
    .innerJoin('schools', 'schools.id', 'surveys.school_id')
    .leftJoin('trusts', 'trusts.id', 'schools.trust_id')
    .select([
      'surveys.id',
      'surveys.title',
      'surveys.status',
      'surveys.opens_at',
      'surveys.closes_at',
      'surveys.access_mode',
      'surveys.instrument_version_id',
      'surveys.k',
      'schools.name as school_name',
      'trusts.is_demo',
    ])
    .where('surveys.token', '=', token)
    .executeTakeFirst()
  return (
    row && {
      id: row.id,
      title: row.title,
      schoolName: row.school_name,
      isDemo: row.is_demo ?? false,
      status: row.status,
      opensAt: row.opens_at,
      closesAt: row.closes_at,
      accessMode: row.access_mode,
      instrumentVersionId: row.instrument_version_id,
      k: row.k,
    }
  )
}

/**
 * Reads the survey's schedule while holding a share lock on its row until the transaction ends:
 * closing a survey or changing its anonymity settings waits for submissions in flight, and they
 * wait for it, so no response lands in a survey that has just closed.
 */
export async function lockSurveySchedule(trx: Kysely<Database>, surveyId: number): Promise<SurveySchedule> {
  const row = await trx
    .selectFrom('surveys')
    .select(['status', 'opens_at', 'closes_at'])
    .where('id', '=', surveyId)
    .forShare()
    .executeTakeFirstOrThrow()
  return { status: row.status, opensAt: row.opens_at, closesAt: row.closes_at }
}

export type Redemption = 'redeemed' | 'used' | 'unknown'

/** Marks a code used if it is unused. Concurrent redemptions of one code: exactly one wins. */
export async function redeemAccessCode(trx: Kysely<Database>, surveyId: number, codeHash: string): Promise<Redemption> {
  const redeemed = await trx
    .updateTable('access_codes')
    .set({ redeemed: true })
    .where('survey_id', '=', surveyId)
    .where('code_hash', '=', codeHash)
    .where('redeemed', '=', false)
    .returning('id')
    .executeTakeFirst()
  if (redeemed) return 'redeemed'
  // not updated: either no such code, or another submission redeemed it first
  return (await findAccessCodeState(trx, surveyId, codeHash)) === undefined ? 'unknown' : 'used'
}

export async function findAccessCodeState(db: Kysely<Database>, surveyId: number, codeHash: string): Promise<'unused' | 'used' | undefined> {
  const row = await db
    .selectFrom('access_codes')
    .select('redeemed')
    .where('survey_id', '=', surveyId)
    .where('code_hash', '=', codeHash)
    .executeTakeFirst()
  return row && (row.redeemed ? 'used' : 'unused')
}

/** Stores one response and its comments; nothing written links one to the other. */
export async function insertResponse(
  trx: Kysely<Database>,
  surveyId: number,
  instrumentVersionId: string,
  submission: Submission,
  submittedOn?: string,
): Promise<void> {
  await trx
    .insertInto('responses')
    .values({
      survey_id: surveyId,
      instrument_version_id: instrumentVersionId,
      // an explicit smallint[] so both drivers send the array as one typed parameter
      answers: sql<(number | null)[]>`${submission.answers}::smallint[]`,
      now_pattern: submission.nowPattern,
      aim_pattern: submission.aimPattern,
      role: submission.role,
      // only seeding back-dates responses; a submission takes the database's current date
      ...(submittedOn ? { submitted_on: submittedOn } : {}),
    })
    .execute()
  if (submission.comments.length > 0) {
    await trx
      .insertInto('comments')
      .values(submission.comments.map((c) => ({ survey_id: surveyId, prompt: c.prompt, body: c.body })))
      .execute()
  }
}
