import { sql, type Kysely } from 'kysely'
import type { Instrument, ScaleId } from '../../../shared/instrument/types.ts'
import { itemOrder } from '../../../shared/instrument/types.ts'
import type { AccessMode } from '../../../shared/schemas/forms.ts'
import type { NewSurvey, ReleaseMode, SurveyStatus } from '../../../shared/schemas/surveys.ts'
import type { Database } from '../../db/schema.ts'
import { closedOn, SANE_FROM, SANE_TO } from '../../../shared/domain/cycles.ts'

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
  input: Omit<NewSurvey, 'opensAt' | 'closesAt'> & {
    opensAt: Date
    closesAt: Date
    schoolId: number
    instrumentVersion: string
    token: string
    status: 'draft' | 'open'
    pulse?: SurveyRecord['pulse']
  },
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
      code_custodian_name: input.codeCustodian?.name ?? null,
      code_custodian_email: input.codeCustodian?.email ?? null,
      pulse_of: input.pulse?.planSurveyId ?? null,
      pulse_action_id: input.pulse?.actionId ?? null,
      scales: input.pulse ? sql<ScaleId[]>`${input.pulse.scales}::text[]` : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/** Adds codes to a survey's unused codes, kept sorted so that nothing follows the order slips were made in. */
export async function insertAccessCodes(db: Kysely<Database>, surveyId: number, codeHashes: readonly string[]): Promise<void> {
  await sql`insert into survey_access_codes as c (survey_id, unused)
    values (${surveyId}, array(select distinct h from unnest(${[...codeHashes]}::text[]) as x(h) order by h))
    on conflict (survey_id) do update
    set unused = array(select distinct h from unnest(c.unused || excluded.unused) as x(h) order by h)`.execute(db)
}

/** The time zone of a school, or undefined when there is no such school. */
export async function findSchoolTimeZone(db: Kysely<Database>, schoolId: number): Promise<string | undefined> {
  return (await db.selectFrom('schools').select('time_zone').where('id', '=', schoolId).executeTakeFirst())?.time_zone
}

/** A survey as stored, with its school and response count: what the service needs to answer. */
export interface SurveyRecord {
  id: number
  schoolId: number
  schoolName: string
  /** The school's IANA time zone. */
  timeZone: string
  trustId: number | null
  title: string
  instrumentVersion: string
  token: string
  status: SurveyStatus
  opensAt: Date
  closesAt: Date
  closedAt: Date | null
  k: number
  accessMode: AccessMode
  releaseMode: ReleaseMode
  expectedStaff: number | null
  createdAt: Date
  /** Exact: the service decides what a leader may see of it (shared/domain/progress.ts). */
  responseCount: number
  /** Responses stored on earlier days (the database's date): all an open survey's leaders see of its progress. */
  responsesBeforeToday: number
  /** Live surveys: the day (YYYY-MM-DD, UTC) each complete batch of k was completed on, in order. */
  liveBatchesCompletedOn: string[]
  codeCustodian: { name: string; email: string } | null
  /** A pulse check: the survey whose plan it belongs to, the action it checks (null: the whole plan) and the scales it asks; null for a full survey. */
  pulse: { planSurveyId: number; actionId: number | null; scales: ScaleId[] } | null
}

/**
 * Surveys with their school and response count: the one query behind survey pages, reports and
 * overviews. Private to this file: other modules ask for survey records by the named queries below.
 */
function surveysWithCounts(db: Kysely<Database>) {
  return surveysAndPulseChecks(db).where('surveys.pulse_of', 'is', null)
}

/**
 * The same with pulse checks as well. Everything that lists a school's survey cycles (its page,
 * the previous cycle, the trust's views) reads full surveys only: a pulse check is reached by its
 * id or through the plan it belongs to, and is never pooled or compared with another school.
 */
function surveysAndPulseChecks(db: Kysely<Database>) {
  return db
    .selectFrom('surveys')
    .innerJoin('schools', 'schools.id', 'surveys.school_id')
    .select((eb) => [
      'surveys.id',
      'surveys.school_id',
      'schools.name as school_name',
      'schools.time_zone',
      'schools.trust_id',
      'surveys.title',
      'surveys.instrument_version_id',
      'surveys.token',
      'surveys.status',
      'surveys.opens_at',
      'surveys.closes_at',
      'surveys.closed_at',
      'surveys.k',
      'surveys.access_mode',
      'surveys.release_mode',
      'surveys.expected_staff',
      'surveys.created_at',
      sql<string[]>`array(select to_char(d, 'YYYY-MM-DD') from unnest(surveys.live_batches_completed_on) with ordinality as x(d, i) order by i)`.as('live_batches_completed_on'),
      'surveys.code_custodian_name',
      'surveys.code_custodian_email',
      'surveys.pulse_of',
      'surveys.pulse_action_id',
      'surveys.scales',
      eb
        .selectFrom('responses')
        .select((r) => r.cast<number>(r.fn.countAll(), 'integer').as('n'))
        .whereRef('responses.survey_id', '=', 'surveys.id')
        .as('response_count'),
      eb
        .selectFrom('responses')
        .select((r) => r.cast<number>(r.fn.countAll(), 'integer').as('n'))
        .whereRef('responses.survey_id', '=', 'surveys.id')
        .where('responses.submitted_on', '<', sql<Date>`current_date`)
        .as('responses_before_today'),
    ])
}

type SurveyWithCountRow = Awaited<ReturnType<ReturnType<typeof surveysAndPulseChecks>['executeTakeFirstOrThrow']>>

const ISO_FIRST = Date.parse('0000-01-01T00:00:00.000Z')
const ISO_LAST = Date.parse('9999-12-31T23:59:59.999Z')

/**
 * A stored instant as one an ISO 8601 date can name. The API refuses dates outside 2000–2100, but
 * a database edit can store any (year 20000, 44 BC, 'infinity'); such a date is shown as the
 * nearest one ISO can write, so that no stored survey can make a page fail.
 */
function writable(value: Date | number): Date {
  const t = value instanceof Date ? value.getTime() : Number(value)
  return new Date(Number.isNaN(t) ? ISO_LAST : Math.min(Math.max(t, ISO_FIRST), ISO_LAST))
}

function toSurveyRecord(row: SurveyWithCountRow): SurveyRecord {
  return {
    id: row.id,
    schoolId: row.school_id,
    schoolName: row.school_name,
    timeZone: row.time_zone,
    trustId: row.trust_id,
    title: row.title,
    instrumentVersion: row.instrument_version_id,
    token: row.token,
    status: row.status,
    opensAt: writable(row.opens_at),
    closesAt: writable(row.closes_at),
    closedAt: row.closed_at && writable(row.closed_at),
    k: row.k,
    accessMode: row.access_mode,
    releaseMode: row.release_mode,
    expectedStaff: row.expected_staff,
    createdAt: writable(row.created_at),
    responseCount: row.response_count ?? 0,
    responsesBeforeToday: row.responses_before_today ?? 0,
    liveBatchesCompletedOn: row.live_batches_completed_on,
    codeCustodian: row.code_custodian_name !== null && row.code_custodian_email !== null ? { name: row.code_custodian_name, email: row.code_custodian_email } : null,
    pulse: row.pulse_of !== null && row.scales !== null ? { planSurveyId: row.pulse_of, actionId: row.pulse_action_id, scales: row.scales } : null,
  }
}

export async function findSurvey(db: Kysely<Database>, surveyId: number): Promise<SurveyRecord | undefined> {
  const row = await surveysAndPulseChecks(db).where('surveys.id', '=', surveyId).executeTakeFirst()
  return row && toSurveyRecord(row)
}

/** A school's surveys, newest first. */
export async function listSurveys(db: Kysely<Database>, schoolId: number): Promise<SurveyRecord[]> {
  const rows = await surveysWithCounts(db).where('surveys.school_id', '=', schoolId).orderBy('surveys.opens_at', 'desc').orderBy('surveys.id', 'desc').execute()
  return rows.map(toSurveyRecord)
}

/** Locks the survey row for a change; submissions in flight hold a share lock on it. */
export async function lockSurvey(trx: Kysely<Database>, surveyId: number): Promise<SurveyRecord> {
  await trx.selectFrom('surveys').select('id').where('id', '=', surveyId).forUpdate().executeTakeFirstOrThrow()
  return (await findSurvey(trx, surveyId))!
}

export async function updateSurvey(
  trx: Kysely<Database>,
  surveyId: number,
  changes: Partial<{ title: string; opensAt: Date; closesAt: Date; k: number; accessMode: AccessMode; releaseMode: ReleaseMode; expectedStaff: number | null; status: 'open' | 'closed'; closedAt: Date }>,
): Promise<void> {
  await trx
    .updateTable('surveys')
    .set({
      ...(changes.title !== undefined && { title: changes.title }),
      ...(changes.opensAt !== undefined && { opens_at: changes.opensAt }),
      ...(changes.closesAt !== undefined && { closes_at: changes.closesAt }),
      ...(changes.k !== undefined && { k: changes.k }),
      ...(changes.accessMode !== undefined && { access_mode: changes.accessMode }),
      ...(changes.releaseMode !== undefined && { release_mode: changes.releaseMode }),
      ...(changes.expectedStaff !== undefined && { expected_staff: changes.expectedStaff }),
      ...(changes.status !== undefined && { status: changes.status }),
      ...(changes.closedAt !== undefined && { closed_at: changes.closedAt }),
    })
    .where('id', '=', surveyId)
    .execute()
}

export interface SchoolRecord {
  id: number
  name: string
  timeZone: string
  trustId: number | null
  trustName: string | null
  isDemo: boolean
}

/** The schools a leader's roles cover: their own schools and every school of their trusts. */
export async function listSchools(db: Kysely<Database>, scope: { schoolIds: readonly number[]; trustIds: readonly number[] }): Promise<SchoolRecord[]> {
  if (scope.schoolIds.length === 0 && scope.trustIds.length === 0) return []
  const rows = await db
    .selectFrom('schools')
    .leftJoin('trusts', 'trusts.id', 'schools.trust_id')
    .select(['schools.id', 'schools.name', 'schools.time_zone', 'schools.trust_id', 'trusts.name as trust_name', 'trusts.is_demo'])
    .where((eb) =>
      eb.or([
        ...(scope.schoolIds.length ? [eb('schools.id', 'in', [...scope.schoolIds])] : []),
        ...(scope.trustIds.length ? [eb('schools.trust_id', 'in', [...scope.trustIds])] : []),
      ]),
    )
    .orderBy('trusts.name')
    .orderBy('schools.name')
    .execute()
  return rows.map((r) => ({ id: r.id, name: r.name, timeZone: r.time_zone, trustId: r.trust_id, trustName: r.trust_name, isDemo: r.is_demo ?? false }))
}

/** Every survey of the given schools, each school's newest (by opening date) first, with response counts. */
export async function listSurveysOfSchools(db: Kysely<Database>, schoolIds: readonly number[]): Promise<SurveyRecord[]> {
  if (schoolIds.length === 0) return []
  const rows = await surveysWithCounts(db)
    .where('surveys.school_id', 'in', [...schoolIds])
    .orderBy('surveys.school_id')
    .orderBy('surveys.opens_at', 'desc')
    .orderBy('surveys.id', 'desc')
    .execute()
  return rows.map(toSurveyRecord)
}

/** The school's latest survey that closed before this one opened, on the same instrument. */
export async function findPreviousSurvey(db: Kysely<Database>, survey: SurveyRecord, at: Date): Promise<SurveyRecord | undefined> {
  const row = await surveysWithCounts(db)
    .where('surveys.school_id', '=', survey.schoolId)
    .where('surveys.instrument_version_id', '=', survey.instrumentVersion)
    .where('surveys.id', '!=', survey.id)
    .where('surveys.closes_at', '<=', survey.opensAt)
    .where((eb) => eb.or([eb('surveys.status', '=', 'closed'), eb('surveys.closes_at', '<=', at)]))
    .orderBy('surveys.closes_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row && toSurveyRecord(row)
}

/**
 * Every survey of the trust's other schools (not `schoolId`) that closed within [from, to) — by its
 * closing date, or earlier if its leader closed it — on the same instrument, newest closing first.
 * Which of them count is the caller's rule (only surveys whose own report has figures).
 */
export async function listOtherSchoolsTermSurveys(
  db: Kysely<Database>,
  { trustId, schoolId, instrumentVersion, from, to }: { trustId: number; schoolId: number; instrumentVersion: string; from: Date; to: Date },
): Promise<SurveyRecord[]> {
  const closedAt = sql<Date>`least(surveys.closed_at, surveys.closes_at)`
  const rows = await surveysWithCounts(db)
    .where('schools.trust_id', '=', trustId)
    .where('surveys.school_id', '!=', schoolId)
    .where('surveys.instrument_version_id', '=', instrumentVersion)
    .where('surveys.status', '!=', 'draft')
    .where(closedAt, '>=', from)
    .where(closedAt, '<', to)
    .orderBy(closedAt, 'desc')
    .orderBy('surveys.id', 'desc')
    .execute()
  return rows.map(toSurveyRecord)
}

/**
 * Every survey of the trust's schools that has closed by `at` (by its leader or its date), on every
 * instrument, newest closing first (`closedOn`). Surveys dated outside the years 2000–2100 (which
 * the API refuses, but a database can hold) are left out, so no stored date can break an overview.
 */
export async function listClosedTrustSurveys(db: Kysely<Database>, trustId: number, at: Date): Promise<SurveyRecord[]> {
  return listClosedSurveys(db, undefined, at, trustId)
}

/** As `listClosedTrustSurveys`, of every school (or only the trust's, given one), on one instrument (or all). */
export async function listClosedSurveys(db: Kysely<Database>, instrumentVersion: string | undefined, at: Date, trustId?: number): Promise<SurveyRecord[]> {
  const rows = await surveysWithCounts(db)
    .$if(trustId !== undefined, (q) => q.where('schools.trust_id', '=', trustId!))
    .$if(instrumentVersion !== undefined, (q) => q.where('surveys.instrument_version_id', '=', instrumentVersion!))
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

/** A one-time custodian link, stored as the sha-256 of its token. */
export async function insertCustodianLink(db: Kysely<Database>, link: { idHash: string; surveyId: number; count: number; expiresAt: Date }): Promise<void> {
  await db.insertInto('custodian_links').values({ id: link.idHash, survey_id: link.surveyId, code_count: link.count, expires_at: link.expiresAt }).execute()
}

/**
 * Marks a custodian link used, if it is unused and unexpired, and says which survey and how many
 * codes it was for. The update is the check: two openings at once cannot both succeed.
 */
export async function useCustodianLink(trx: Kysely<Database>, idHash: string, at: Date): Promise<{ surveyId: number; count: number } | undefined> {
  const row = await trx
    .updateTable('custodian_links')
    .set({ used_at: at })
    .where('id', '=', idHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .returning(['survey_id', 'code_count'])
    .executeTakeFirst()
  return row && { surveyId: row.survey_id, count: row.code_count }
}

export async function countCustodianLinks(db: Kysely<Database>, surveyId: number): Promise<{ issued: number; opened: number }> {
  const row = await db
    .selectFrom('custodian_links')
    .select((eb) => [eb.cast<number>(eb.fn.countAll(), 'integer').as('issued'), eb.cast<number>(eb.fn.count('used_at'), 'integer').as('opened')])
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow()
  return { issued: row.issued, opened: row.opened }
}

/** A plan's pulse checks, oldest first. */
export async function listPulseChecks(db: Kysely<Database>, planSurveyId: number): Promise<SurveyRecord[]> {
  const rows = await surveysAndPulseChecks(db).where('surveys.pulse_of', '=', planSurveyId).orderBy('surveys.created_at').orderBy('surveys.id').execute()
  return rows.map(toSurveyRecord)
}
