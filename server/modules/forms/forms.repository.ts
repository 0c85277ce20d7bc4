import { sql, type Kysely } from 'kysely'
import type { AccessMode } from '../../../shared/schemas/forms.ts'
import type { Submission } from '../../../shared/schemas/forms.ts'
import type { SurveySchedule } from '../../../shared/domain/survey-phase.ts'
import type { Database } from '../../db/schema.ts'
import { scoreAggregates } from '../../../shared/domain/tally.ts'
import { findInstrument } from '../../../shared/instrument/versions.ts'

export interface SurveyForToken extends SurveySchedule {
  id: number
  title: string
  schoolName: string
  isDemo: boolean
  instrumentVersionId: string
  accessMode: AccessMode
  releaseMode: 'at_close' | 'live'
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
      'surveys.release_mode',
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
      releaseMode: row.release_mode,
    }
  )
}

export interface SubmissionLock extends SurveySchedule {
  releaseMode: 'at_close' | 'live'
  /** Live surveys: the batch of k the new response belongs to. */
  releaseBatch: number | null
}

/**
 * Locks the survey row for a submission until the transaction ends. A survey released at close
 * takes a share lock: submissions run side by side, while closing the survey or changing its
 * settings waits for them (and they for it). A live survey counts the response on its row, which
 * takes the row lock: its submissions queue one behind another so that every batch of k is exact.
 */
export async function lockForSubmission(trx: Kysely<Database>, surveyId: number, releaseMode: 'at_close' | 'live'): Promise<SubmissionLock> {
  if (releaseMode === 'live') {
    const row = await trx
      .updateTable('surveys')
      .set((eb) => ({ live_response_count: eb('live_response_count', '+', 1) }))
      .where('id', '=', surveyId)
      .returning(['status', 'opens_at', 'closes_at', 'release_mode', 'live_response_count', 'k'])
      .executeTakeFirstOrThrow()
    return {
      status: row.status, opensAt: row.opens_at, closesAt: row.closes_at, releaseMode: row.release_mode,
      releaseBatch: Math.floor((row.live_response_count - 1) / row.k),
    }
  }
  const row = await trx
    .selectFrom('surveys')
    .select(['status', 'opens_at', 'closes_at', 'release_mode'])
    .where('id', '=', surveyId)
    .forShare()
    .executeTakeFirstOrThrow()
  return { status: row.status, opensAt: row.opens_at, closesAt: row.closes_at, releaseMode: row.release_mode, releaseBatch: null }
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
  { releaseBatch = null, submittedOn }: { releaseBatch?: number | null; submittedOn?: string } = {},
): Promise<void> {
  const instrument = findInstrument(instrumentVersionId)
  if (!instrument) throw new Error(`unknown instrument ${instrumentVersionId}`)
  const scores = scoreAggregates(instrument, submission.answers)
  await trx
    .insertInto('responses')
    .values({
      survey_id: surveyId,
      instrument_version_id: instrumentVersionId,
      // explicit smallint[] casts so both drivers send each array as one typed parameter
      answers: sql<(number | null)[]>`${submission.answers}::smallint[]`,
      score_answered: sql<number[]>`${scores.answered}::smallint[]`,
      score_sums: sql<number[]>`${scores.sums}::smallint[]`,
      now_pattern: submission.nowPattern,
      aim_pattern: submission.aimPattern,
      role: submission.role,
      release_batch: releaseBatch,
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
