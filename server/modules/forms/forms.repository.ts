import { sql, type Kysely } from 'kysely'
import type { AccessMode } from '../../../shared/schemas/forms.ts'
import type { Submission } from '../../../shared/schemas/forms.ts'
import type { ReleaseMode } from '../../../shared/schemas/surveys.ts'
import type { SurveySchedule } from '../../../shared/domain/survey-phase.ts'
import type { Database } from '../../db/schema.ts'
import { toMapMasks } from '../../db/map-answers.ts'
import type { ScaleId } from '../../../shared/instrument/types.ts'
import { scoreAggregates } from '../../../shared/domain/tally.ts'
import { requireInstrument } from '../../../shared/instrument/versions.ts'

export interface SurveyForToken extends SurveySchedule {
  id: number
  title: string
  schoolName: string
  /** The school's IANA time zone. */
  timeZone: string
  isDemo: boolean
  instrumentVersionId: string
  accessMode: AccessMode
  releaseMode: ReleaseMode
  k: number
  /** A pulse check: the scales its questionnaire asks; null for a full survey. */
  scales: ScaleId[] | null
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
      'surveys.scales',
      'schools.name as school_name',
      'schools.time_zone',
      'trusts.is_demo',
    ])
    .where('surveys.token', '=', token)
    .executeTakeFirst()
  return (
    row && {
      id: row.id,
      title: row.title,
      schoolName: row.school_name,
      timeZone: row.time_zone,
      isDemo: row.is_demo ?? false,
      status: row.status,
      opensAt: row.opens_at,
      closesAt: row.closes_at,
      accessMode: row.access_mode,
      instrumentVersionId: row.instrument_version_id,
      k: row.k,
      releaseMode: row.release_mode,
      scales: row.scales,
    }
  )
}

export interface StoreSubmission {
  surveyId: number
  instrumentVersionId: string
  /** The survey's settings as the caller saw them; if they have changed, nothing is stored. */
  accessMode: AccessMode
  releaseMode: ReleaseMode
  /** The hashed access code, for surveys that take codes. */
  codeHash: string | null
  submission: Submission
  /** The moment the survey must be open at. */
  at: Date
}

/** What one attempt to store a response did: stored it, or why not (nothing was written). */
export type StoreOutcome = 'stored' | 'not_open' | 'code_unredeemable'

/**
 * Stores a response in one statement, so that it is one round trip and atomic without an explicit
 * transaction: `submit_response` (migration 202611292110, a PL/pgSQL function whose statements are
 * planned once per connection) locks the survey row if the survey is open (a share lock for surveys
 * released at close, so submissions run side by side while closing or changing the survey waits for
 * them; the row lock for live ones, whose response count numbers the batches of k), redeems the
 * access code if one is needed, then inserts the response and pools its comments. If any step finds
 * nothing, nothing is written.
 *
 * Nothing written ties the response to its comments or its code (issue 9.4, docs/anonymity.md):
 * the code's hash moves from the survey's sorted `unused` array to its sorted `used` array, and
 * the comments join the survey's one pool row (`pool_comments`), which is rewritten whole in a
 * fresh random order (gen_random_uuid() is drawn from the server's cryptographic random source).
 * The response row shares its xmin with those two rows, but so does the next submission's, and
 * neither row says which of its entries came last.
 *
 * A live survey's submission that completes a batch of k records the day it did so (UTC, by
 * `at`): that batch is released from the next day (`liveBatchesReleased`).
 */
export async function storeSubmission(db: Kysely<Database>, input: StoreSubmission): Promise<StoreOutcome> {
  const { surveyId, instrumentVersionId, accessMode, releaseMode, codeHash, submission, at } = input
  const scores = storedScores(instrumentVersionId, submission.answers)
  const result = await sql<{ outcome: StoreOutcome }>`
    select submit_response(${surveyId}::int, ${instrumentVersionId}::text, ${accessMode}::text, ${releaseMode}::text, ${codeHash}::text, ${at}::timestamptz,
      ${submission.answers}::smallint[], ${scores.answered}::smallint[], ${scores.sums}::smallint[], ${submission.pairs}::smallint[],
      ${submission.origin}::smallint, ${toMapMasks(submission.map)}::smallint[], ${submission.nowPattern}::smallint, ${submission.aimPattern}::smallint,
      ${submission.role}::text, ${submission.comments.map((c) => c.prompt)}::text[], ${submission.comments.map((c) => c.body)}::text[]) as outcome`.execute(db)
  return result.rows[0]!.outcome
}

export type Redemption = 'redeemed' | 'used' | 'unknown'

export async function findAccessCodeState(db: Kysely<Database>, surveyId: number, codeHash: string): Promise<'unused' | 'used' | undefined> {
  const row = await sql<{ state: 'unused' | 'used' | null }>`
    select case when ${codeHash}::text = any(unused) then 'unused' when ${codeHash}::text = any(used) then 'used' end as state
    from survey_access_codes where survey_id = ${surveyId}`.execute(db)
  return row.rows[0]?.state ?? undefined
}

/** The per-scale answered counts and sums a response is stored with (see migration 202611221800). */
function storedScores(instrumentVersionId: string, answers: readonly (number | null)[]) {
  return scoreAggregates(requireInstrument(instrumentVersionId), answers)
}

/**
 * Writes a response and its comments as given, without storeSubmission's checks (survey open,
 * code redeemed): for seeding the demo and tests, which also back-date or batch what they write.
 * Its comments join the survey's pool, as a submission's do.
 */
export async function insertResponse(
  trx: Kysely<Database>,
  surveyId: number,
  instrumentVersionId: string,
  submission: Submission,
  { releaseBatch = null, submittedOn }: { releaseBatch?: number | null; submittedOn?: string } = {},
): Promise<void> {
  const scores = storedScores(instrumentVersionId, submission.answers)
  await trx
    .insertInto('responses')
    .values({
      survey_id: surveyId,
      instrument_version_id: instrumentVersionId,
      // explicit smallint[] casts so both drivers send each array as one typed parameter
      answers: sql<(number | null)[]>`${submission.answers}::smallint[]`,
      score_answered: sql<number[]>`${scores.answered}::smallint[]`,
      score_sums: sql<number[]>`${scores.sums}::smallint[]`,
      pair_answers: sql<(number | null)[]>`${submission.pairs}::smallint[]`,
      origin: submission.origin,
      map_answers: sql<(number | null)[]>`${toMapMasks(submission.map)}::smallint[]`,
      now_pattern: submission.nowPattern,
      aim_pattern: submission.aimPattern,
      role: submission.role,
      release_batch: releaseBatch,
      // only seeding back-dates responses; a submission takes the database's current date
      ...(submittedOn ? { submitted_on: submittedOn } : {}),
    })
    .execute()
  if (submission.comments.length > 0) {
    const entries = submission.comments.map((c) => ({ prompt: c.prompt, body: c.body, batch: releaseBatch }))
    await sql`select pool_comments(${surveyId}::int, ${JSON.stringify(entries)}::jsonb)`.execute(trx)
  }
}
