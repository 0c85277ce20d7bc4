import { sql, type Kysely } from 'kysely'
import { emptyTally, mergeTallies, scorePositions, sortBins, type GroupKey, type ScoreKey, type SurveyTally } from '../../../shared/domain/tally.ts'
import type { Instrument, ScaleId } from '../../../shared/instrument/types.ts'
import type { Database } from '../../db/schema.ts'

// The report's aggregation, in Postgres: per-respondent scale sums and counts are computed by the
// database from the answer arrays, and only integer sufficient statistics come back (a few hundred
// numbers per survey, whatever its size). shared/domain/tally.ts `tallyResponses` is the pure twin;
// the integration tests hold the two to exact equality.
//
// Which responses count: all of a survey released at close; of a live survey, only those in
// complete batches of k (DESIGN.md §4.3). The filter is the same for one survey or many.

const released = sql`(s.release_mode = 'at_close' or r.release_batch < s.live_response_count / s.k)`

/** The tally of the released responses of one or more surveys pooled (all of one instrument version). */
export async function tallySurveys(db: Kysely<Database>, surveyIds: readonly number[], instrument: Instrument): Promise<SurveyTally> {
  return mergeTallies(instrument, [...(await tallyEachSurvey(db, surveyIds, instrument)).values()])
}

/**
 * One tally per survey, from one round of queries whatever the number of surveys (a trust
 * overview asks for hundreds). Surveys with no released responses get an empty tally.
 */
export async function tallyEachSurvey(db: Kysely<Database>, surveyIds: readonly number[], instrument: Instrument): Promise<Map<number, SurveyTally>> {
  const tallies = new Map(surveyIds.map((id) => [id, emptyTally(instrument)] as const))
  if (surveyIds.length === 0) return tallies
  const ids = [...surveyIds]
  const positions = scorePositions(instrument)
  const scoreMap = (Object.entries(positions) as [ScoreKey, number[]][]).flatMap(([key, at]) => at.map((p) => [p + 1, key] as const))
  const scaleMap = scoreMap.filter(([, key]) => key !== 'distribution')
  const lengths = Object.fromEntries(Object.entries(positions).map(([key, at]) => [key, at.length]))

  const responses = sql`
    select r.id, r.survey_id as sid, coalesce(r.role, 'unstated') as grp, r.answers, r.now_pattern, r.aim_pattern
    from responses r join surveys s on s.id = r.survey_id
    where r.survey_id = any(${ids}::int[]) and ${released}`
  const map = (rows: readonly (readonly [number, string])[]) =>
    sql`select * from unnest(${rows.map((r) => r[0])}::int[], ${rows.map((r) => r[1])}::text[], ${rows.map((r) => lengths[r[1]]!)}::int[]) as m(pos, score, len)`

  const [bins, items, alphaItems, alphaTotals, votes] = await Promise.all([
    sql<{ sid: number; grp: GroupKey; score: ScoreKey; answered: number; total: number; n: number }>`
      with r as (${responses}), m as (${map(scoreMap)}),
      per as (
        select r.id, r.sid, r.grp, m.score, count(r.answers[m.pos])::int as answered, coalesce(sum(r.answers[m.pos]), 0)::int as total
        from r cross join m group by r.id, r.sid, r.grp, m.score
      )
      select sid, grp, score, answered, total, count(*)::int as n from per group by sid, grp, score, answered, total`.execute(db),
    sql<{ sid: number; pos: number; a: number | null; n: number }>`
      with r as (${responses})
      select r.sid, u.pos::int as pos, u.a::int as a, count(*)::int as n
      from r, unnest(r.answers) with ordinality as u(a, pos) group by r.sid, u.pos, u.a`.execute(db),
    sql<{ sid: number; score: ScaleId; pos: number; n: number; s: number; ss: number }>`
      with r as (${responses}), m as (${map(scaleMap)}),
      complete as (select r.id, m.score from r cross join m group by r.id, m.score, m.len having count(r.answers[m.pos]) = m.len)
      select r.sid, m.score, m.pos, count(*)::int as n, sum(r.answers[m.pos])::int as s, sum(r.answers[m.pos] * r.answers[m.pos])::int as ss
      from complete c join r on r.id = c.id join m on m.score = c.score group by r.sid, m.score, m.pos`.execute(db),
    sql<{ sid: number; score: ScaleId; n: number; t: number; tt: number }>`
      with r as (${responses}), m as (${map(scaleMap)}),
      complete as (
        select r.id, r.sid, m.score, sum(r.answers[m.pos])::int as t from r cross join m
        group by r.id, r.sid, m.score, m.len having count(r.answers[m.pos]) = m.len
      )
      select sid, score, count(*)::int as n, sum(t)::int as t, sum(t * t)::int as tt from complete group by sid, score`.execute(db),
    sql<{ sid: number; which: 'now' | 'aim' | 'all'; pattern: number | null; n: number }>`
      with r as (${responses})
      select sid, 'now' as which, now_pattern::int as pattern, count(*)::int as n from r where now_pattern is not null group by sid, now_pattern
      union all
      select sid, 'aim', aim_pattern::int, count(*)::int from r where aim_pattern is not null group by sid, aim_pattern
      union all
      select sid, 'all', null, count(*)::int from r group by sid`.execute(db),
  ])

  for (const row of bins.rows) {
    tallies.get(row.sid)!.groups.find((g) => g.group === row.grp)!.bins[row.score].push({ answered: row.answered, sum: row.total, count: row.n })
  }
  const itemIds = instrument.scales.flatMap((s) => s.items.map((i) => i.id))
  for (const row of items.rows) {
    const item = tallies.get(row.sid)!.items[itemIds[row.pos - 1]!]
    if (!item) continue
    if (row.a === null) item.dontKnow += row.n
    else item.counts[row.a - 1] = row.n
  }
  for (const row of alphaItems.rows) {
    const alpha = tallies.get(row.sid)!.alpha[row.score]
    const i = positions[row.score].indexOf(row.pos - 1)
    alpha.n = row.n
    alpha.itemSums[i] = row.s
    alpha.itemSquares[i] = row.ss
  }
  for (const row of alphaTotals.rows) {
    const alpha = tallies.get(row.sid)!.alpha[row.score]
    alpha.totalSum = row.t
    alpha.totalSquares = row.tt
  }
  for (const row of votes.rows) {
    const tally = tallies.get(row.sid)!
    if (row.which === 'all') tally.respondents = row.n
    else tally[row.which][row.pattern! - 1] = row.n
  }
  for (const tally of tallies.values()) {
    for (const group of tally.groups) {
      for (const key of Object.keys(group.bins) as ScoreKey[]) sortBins(group.bins[key])
      // every respondent appears once in each score's bins
      group.respondents = group.bins.coordination.reduce((n, b) => n + b.count, 0)
    }
  }
  return tallies
}

export interface ReportSurvey {
  id: number
  schoolId: number
  schoolName: string
  trustId: number | null
  title: string
  instrumentVersion: string
  status: 'draft' | 'open' | 'closed'
  opensAt: Date
  closesAt: Date
  k: number
  releaseMode: 'at_close' | 'live'
  expectedStaff: number | null
  responseCount: number
}

export function reportSurveys(db: Kysely<Database>) {
  return db
    .selectFrom('surveys')
    .innerJoin('schools', 'schools.id', 'surveys.school_id')
    .select((eb) => [
      'surveys.id',
      'surveys.school_id',
      'schools.name as school_name',
      'schools.trust_id',
      'surveys.title',
      'surveys.instrument_version_id',
      'surveys.status',
      'surveys.opens_at',
      'surveys.closes_at',
      'surveys.k',
      'surveys.release_mode',
      'surveys.expected_staff',
      eb.selectFrom('responses').select((r) => r.cast<number>(r.fn.countAll(), 'integer').as('n')).whereRef('responses.survey_id', '=', 'surveys.id').as('response_count'),
    ])
}

export function toReportSurvey(row: Awaited<ReturnType<ReturnType<typeof reportSurveys>['executeTakeFirstOrThrow']>>): ReportSurvey {
  return {
    id: row.id,
    schoolId: row.school_id,
    schoolName: row.school_name,
    trustId: row.trust_id,
    title: row.title,
    instrumentVersion: row.instrument_version_id,
    status: row.status,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    k: row.k,
    releaseMode: row.release_mode,
    expectedStaff: row.expected_staff,
    responseCount: row.response_count ?? 0,
  }
}

export async function findReportSurvey(db: Kysely<Database>, surveyId: number): Promise<ReportSurvey | undefined> {
  const row = await reportSurveys(db).where('surveys.id', '=', surveyId).executeTakeFirst()
  return row && toReportSurvey(row)
}

/** The school's latest survey that closed before this one opened, on the same instrument. */
export async function findPreviousSurvey(db: Kysely<Database>, survey: ReportSurvey): Promise<ReportSurvey | undefined> {
  const row = await reportSurveys(db)
    .where('surveys.school_id', '=', survey.schoolId)
    .where('surveys.instrument_version_id', '=', survey.instrumentVersion)
    .where('surveys.id', '!=', survey.id)
    .where('surveys.closes_at', '<=', survey.opensAt)
    .where((eb) => eb.or([eb('surveys.status', '=', 'closed'), eb('surveys.closes_at', '<=', new Date())]))
    .orderBy('surveys.closes_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row && toReportSurvey(row)
}

/**
 * For each school of the trust, its latest survey that has closed by `until` and closed no earlier
 * than `since` (the same cycle), on the same instrument.
 */
export async function findTrustCycleSurveys(
  db: Kysely<Database>,
  trustId: number,
  instrumentVersion: string,
  since: Date,
  until: Date,
): Promise<ReportSurvey[]> {
  const rows = await reportSurveys(db)
    .distinctOn('surveys.school_id')
    .where('schools.trust_id', '=', trustId)
    .where('surveys.instrument_version_id', '=', instrumentVersion)
    .where('surveys.closes_at', '>=', since)
    .where('surveys.closes_at', '<=', until)
    .where('surveys.status', '!=', 'draft')
    .orderBy('surveys.school_id')
    .orderBy('surveys.closes_at', 'desc')
    .execute()
  return rows.map(toReportSurvey)
}

/** A survey's comments in a fresh random order: the order they were written in is never shown. */
export async function listCommentsShuffled(db: Kysely<Database>, surveyId: number): Promise<{ prompt: 'helps' | 'hinders'; body: string }[]> {
  return db.selectFrom('comments').select(['prompt', 'body']).where('survey_id', '=', surveyId).orderBy(sql`random()`).execute()
}
