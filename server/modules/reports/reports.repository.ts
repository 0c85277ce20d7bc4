import { sql, type Kysely } from 'kysely'
import { emptyTally, negativePositions, scoreKeys, scorePositions, sortBins, type GroupKey, type SurveyTally } from '../../../shared/domain/tally.ts'
import type { V2Response } from '../../../shared/domain/response-style.ts'
import type { Instrument, RoleId } from '../../../shared/instrument/types.ts'
import { fromMapMasks } from '../../db/map-answers.ts'
import type { Database } from '../../db/schema.ts'

// The report's aggregation, in Postgres: per-respondent scale sums and counts are computed by the
// database from the answer arrays, and only integer sufficient statistics come back (a few hundred
// numbers per survey, whatever its size). shared/domain/tally.ts `tallyResponses` is the pure twin;
// the integration tests hold the two to exact equality.
//
// Scale bins read `score_sums`, stored keyed (a reverse-keyed item's answer as 6 − answer), so
// every score is keyed; item counts stay raw answers, and alpha keys them here.
//
// Which responses count: all of a survey released at close; of a live survey, only those in
// complete batches of k (DESIGN.md §4.3) completed before the day of `at` (issue 9.3; the same
// rule as shared/domain/anonymity.ts `liveBatchesReleased`). The filter is the same for one survey
// or many, and for comments.

/** `s` is a surveys row: how many of its live batches are released on the day of `at`. */
function releasedBatches(at: Date) {
  return sql`(select count(*)::int from unnest(s.live_batches_completed_on) as d(day) where d.day < ${at.toISOString().slice(0, 10)}::date)`
}

/** The responses of the surveys that a report at `at` may use (all, or a live survey's released batches). */
function releasedResponses(surveyIds: readonly number[], at: Date) {
  const ids = [...surveyIds]
  return sql`
    select r.* from responses r
    join (select s.id, s.release_mode, ${releasedBatches(at)} as batches from surveys s where s.id = any(${ids}::int[])) s on s.id = r.survey_id
    where r.survey_id = any(${ids}::int[]) and (s.release_mode = 'at_close' or r.release_batch < s.batches)`
}

/**
 * The dl-v2 responses a report at `at` may use, per survey, as the placement reads them (raw
 * answers; the leadership map's bitmasks decoded). Every survey asked for has an entry.
 */
export async function listReleasedV2Responses(db: Kysely<Database>, surveyIds: readonly number[], at: Date): Promise<Map<number, V2Response[]>> {
  const result = new Map(surveyIds.map((id) => [id, [] as V2Response[]] as const))
  if (surveyIds.length === 0) return result
  const rows = await sql<{ survey_id: number; answers: (number | null)[]; pair_answers: (number | null)[]; origin: number | null; map_answers: (number | null)[]; role: RoleId | null; now_pattern: number | null; aim_pattern: number | null }>`
    select survey_id, answers, pair_answers, origin, map_answers, role, now_pattern, aim_pattern from (${releasedResponses(surveyIds, at)}) r`.execute(db)
  for (const row of rows.rows) {
    result.get(row.survey_id)!.push({
      likert: row.answers,
      pairs: row.pair_answers,
      origin: row.origin,
      map: fromMapMasks(row.map_answers),
      role: row.role,
      nowPattern: row.now_pattern,
      aimPattern: row.aim_pattern,
    })
  }
  return result
}

/**
 * One tally per survey, from two queries whatever the number of surveys (a trust overview asks
 * for hundreds), each a single pass over the responses. Scale bins come from the per-response
 * score counts and sums stored beside the answers (`score_answered`, `score_sums`), grouped in
 * one scan with grouping sets; only the item-level detail (answer counts, alpha) reads the answers
 * themselves, and callers that show no item detail (the trust overview) skip it.
 * Surveys with no released responses get an empty tally.
 */
export async function tallyEachSurvey(
  db: Kysely<Database>,
  surveyIds: readonly number[],
  instrument: Instrument,
  { detail = true, at = new Date() }: { detail?: boolean; at?: Date } = {},
): Promise<Map<number, SurveyTally>> {
  const tallies = new Map(surveyIds.map((id) => [id, emptyTally(instrument)] as const))
  if (surveyIds.length === 0) return tallies
  const positions = scorePositions(instrument)
  const keys = scoreKeys(instrument)
  const scales = instrument.scales.map((s) => s.id)
  const itemIds = instrument.scales.flatMap((s) => s.items.map((i) => i.id))

  // Subscripts are written as literals: they are positions from the instrument definition in
  // code (never from a request), and Postgres evaluates literal subscripts fastest.
  const answeredOf = (k: number) => sql`score_answered[${sql.lit(k + 1)}]`
  const sumOf = (k: number) => sql`score_sums[${sql.lit(k + 1)}]`

  const responses = releasedResponses(surveyIds, at)

  // One scan, one hash table per score (grouping sets); each survey's bins come back as one JSON
  // value, which the driver parses natively: a trust overview has some hundred thousand bins.
  const bins = sql<{ sid: number; bins: [GroupKey, number, number, number, number][] }>`
    with r as (${responses}),
    b as (
      select survey_id as sid, coalesce(role, 'unstated') as grp,
        case ${sql.join(keys.map((_, k) => sql`when grouping(${answeredOf(k)}) = 0 then ${sql.lit(k)}`), sql` `)} end as k,
        coalesce(${sql.join(keys.map((_, k) => answeredOf(k)))}) as answered,
        coalesce(${sql.join(keys.map((_, k) => sumOf(k)))}) as total,
        count(*)::int as n
      from r
      group by grouping sets (${sql.join(keys.map((_, k) => sql`(survey_id, coalesce(role, 'unstated'), ${answeredOf(k)}, ${sumOf(k)})`))})
    )
    select sid, json_agg(json_build_array(grp, k, answered, total, n)) as bins from b group by sid`

  const votes = sql<{ sid: number; which: 'now' | 'aim' | 'all'; pattern: number | null; n: number }>`
    with r as (${responses})
    select survey_id as sid, 'now' as which, now_pattern::int as pattern, count(*)::int as n from r where now_pattern is not null group by survey_id, now_pattern
    union all
    select survey_id, 'aim', aim_pattern::int, count(*)::int from r where aim_pattern is not null group by survey_id, aim_pattern
    union all
    select survey_id, 'all', null, count(*)::int from r group by survey_id`

  // Item detail: every answer once, with whether its respondent answered every item of its scale
  // (the complete cases Cronbach's alpha is computed from).
  const itemMap = scales.flatMap((scale, k) => positions[scale].map((p) => [p + 1, k + 1, positions[scale].length] as const))
  const cells = sql<{ sid: number; pos: number; a: number | null; complete: boolean; n: number }>`
    with r as (${responses}),
    m as (select * from unnest(${itemMap.map((x) => x[0])}::int[], ${itemMap.map((x) => x[1])}::int[], ${itemMap.map((x) => x[2])}::int[]) as m(pos, k, len))
    select r.survey_id as sid, u.pos::int as pos, u.a::int as a, (r.score_answered[m.k] = m.len) as complete, count(*)::int as n
    from r cross join lateral unnest(r.answers) with ordinality as u(a, pos) join m on m.pos = u.pos
    group by 1, 2, 3, 4`

  const [binRows, voteRows, cellRows] = await Promise.all([bins.execute(db), votes.execute(db), detail ? cells.execute(db) : Promise.resolve({ rows: [] })])
  for (const row of binRows.rows) {
    const groups = new Map(tallies.get(row.sid)!.groups.map((g) => [g.group, g]))
    for (const [grp, k, answered, sum, count] of row.bins) groups.get(grp)!.bins[keys[k]!].push({ answered, sum, count })
  }
  for (const row of voteRows.rows) {
    const tally = tallies.get(row.sid)!
    if (row.which === 'all') tally.respondents = row.n
    else tally[row.which][row.pattern! - 1] = row.n
  }
  const scaleOfPosition = new Map(itemMap.map(([pos, k]) => [pos, scales[k - 1]!]))
  const negative = negativePositions(instrument)
  for (const row of cellRows.rows) {
    const tally = tallies.get(row.sid)!
    // item distributions keep the raw answer; alpha, like every score, the keyed one (`scoredAnswers`)
    const item = tally.items[itemIds[row.pos - 1]!]!
    if (row.a === null) item.dontKnow += row.n
    else item.counts[row.a - 1]! += row.n
    if (!row.complete || row.a === null) continue
    const scale = scaleOfPosition.get(row.pos)!
    const j = positions[scale].indexOf(row.pos - 1)
    const alpha = tally.alpha[scale]
    const v = negative[row.pos - 1] ? 6 - row.a : row.a
    alpha.itemSums[j]! += v * row.n
    alpha.itemSquares[j]! += v * v * row.n
    if (j === 0) alpha.n += row.n
  }
  if (detail) {
    // Complete cases' totals come from the bins: those who answered every item of the scale.
    for (const tally of tallies.values()) {
      for (const scale of scales) {
        const alpha = tally.alpha[scale]
        for (const bin of tally.groups.flatMap((g) => g.bins[scale]).filter((b) => b.answered === positions[scale].length)) {
          alpha.totalSum += bin.sum * bin.count
          alpha.totalSquares += bin.sum * bin.sum * bin.count
        }
      }
    }
  }
  for (const tally of tallies.values()) {
    for (const group of tally.groups) {
      for (const key of keys) sortBins(group.bins[key])
      // every respondent appears once in each score's bins
      group.respondents = group.bins.coordination.reduce((n, b) => n + b.count, 0)
    }
  }
  return tallies
}

/**
 * A survey's released comments in a fresh random order: the order they were written in is never
 * shown. The pool's entries carry their response's live batch; only those of released batches
 * count (entries with no batch belong to surveys released at close).
 */
export async function listCommentsShuffled(db: Kysely<Database>, surveyId: number, at: Date): Promise<{ prompt: 'helps' | 'hinders'; body: string }[]> {
  const rows = await sql<{ prompt: 'helps' | 'hinders'; body: string }>`
    select e->>'prompt' as prompt, e->>'body' as body
    from surveys s join survey_comments c on c.survey_id = s.id cross join jsonb_array_elements(c.entries) as x(e)
    where s.id = ${surveyId} and (s.release_mode = 'at_close' or jsonb_typeof(e->'batch') = 'null' or (e->>'batch')::int < ${releasedBatches(at)})
    order by random()`.execute(db)
  return rows.rows
}
