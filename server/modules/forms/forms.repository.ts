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
  /** The school's IANA time zone. */
  timeZone: string
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
    }
  )
}

export interface StoreSubmission {
  surveyId: number
  instrumentVersionId: string
  /** The survey's settings as the caller saw them; if they have changed, nothing is stored. */
  accessMode: AccessMode
  releaseMode: 'at_close' | 'live'
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
 * transaction: the survey row is locked if the survey is open (a share lock for surveys released
 * at close, so submissions run side by side while closing or changing the survey waits for them;
 * the row lock for live ones, whose response count numbers the batches of k), the access code is
 * redeemed if one is needed, then the response and its comments are inserted. If any step finds
 * nothing, nothing after it writes. (A data-modifying CTE chain: the sql tag says it more plainly
 * than the builder.)
 */
export async function storeSubmission(db: Kysely<Database>, input: StoreSubmission): Promise<StoreOutcome> {
  const { surveyId, instrumentVersionId, accessMode, releaseMode, codeHash, submission, at } = input
  const scores = storedScores(instrumentVersionId, submission.answers)
  const open = sql`id = ${surveyId} and status = 'open' and opens_at <= ${at} and closes_at > ${at}
    and access_mode = ${accessMode} and release_mode = ${releaseMode}`
  const result = await sql<{ open: number; redeemed: number; stored: number }>`
    with s as (select id from surveys where ${open} ${releaseMode === 'live' ? sql`for update` : sql`for share`}),
    code as (${
      codeHash === null
        ? sql`select 1 as id from s`
        : sql`update access_codes set redeemed = true where survey_id = ${surveyId} and code_hash = ${codeHash} and not redeemed and exists (select 1 from s) returning id`
    }),
    ok as (select s.id from s where exists (select 1 from code)),
    counted as (
      update surveys set live_response_count = live_response_count + 1
      from ok where surveys.id = ok.id and surveys.release_mode = 'live'
      returning (surveys.live_response_count - 1) / surveys.k as batch
    ),
    stored as (
      insert into responses (survey_id, instrument_version_id, answers, score_answered, score_sums, now_pattern, aim_pattern, role, release_batch)
      select ok.id, ${instrumentVersionId}, ${submission.answers}::smallint[], ${scores.answered}::smallint[], ${scores.sums}::smallint[],
        ${submission.nowPattern}::smallint, ${submission.aimPattern}::smallint, ${submission.role}::text, (select batch from counted)
      from ok
      returning survey_id
    ),
    remarks as (
      insert into comments (survey_id, prompt, body)
      select stored.survey_id, c.prompt, c.body
      from stored cross join unnest(${submission.comments.map((c) => c.prompt)}::text[], ${submission.comments.map((c) => c.body)}::text[]) as c(prompt, body)
    )
    select (select count(*)::int from s) as open, (select count(*)::int from code) as redeemed, (select count(*)::int from stored) as stored`.execute(db)
  const row = result.rows[0]!
  return row.stored === 1 ? 'stored' : row.open === 0 ? 'not_open' : 'code_unredeemable'
}

export type Redemption = 'redeemed' | 'used' | 'unknown'

export async function findAccessCodeState(db: Kysely<Database>, surveyId: number, codeHash: string): Promise<'unused' | 'used' | undefined> {
  const row = await db
    .selectFrom('access_codes')
    .select('redeemed')
    .where('survey_id', '=', surveyId)
    .where('code_hash', '=', codeHash)
    .executeTakeFirst()
  return row && (row.redeemed ? 'used' : 'unused')
}

/** The per-scale answered counts and sums a response is stored with (see migration 202611221800). */
function storedScores(instrumentVersionId: string, answers: readonly (number | null)[]) {
  const instrument = findInstrument(instrumentVersionId)
  if (!instrument) throw new Error(`unknown instrument ${instrumentVersionId}`)
  return scoreAggregates(instrument, answers)
}

/**
 * Writes a response and its comments as given, without storeSubmission's checks (survey open,
 * code redeemed): for seeding the demo and tests, which also back-date or batch what they write.
 * Nothing written links the response to its comments.
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
