import { sql, type Kysely } from 'kysely'
import { DIMENSION_MEASURE_PREFIX, PLACEMENT_MEASURE, type Membership, type NormGroupKind, type NormRow } from '../../../shared/domain/norms.ts'
import type { Database } from '../../db/schema.ts'

// The norms' SQL. The computation reads, and only reads, what other modules own: surveys, schools,
// trusts and each closed survey's stored figures (survey_tallies.figures: what its own report
// discloses, never a tally or a response). It writes only its own tables, norms and norm_refreshes.

/** A group's figures straight from SQL, before the rules decide whether it may be shown. */
export interface GroupStats extends Membership {
  kind: NormGroupKind
  key: string
  measure: string
  parentKey: string | null
  percentiles: number[]
  /** The schools and trusts of its parent group that are not in it (null for the all-schools group). */
  complement: { schools: number; trusts: number } | null
}

/** The survey rows of closed surveys in the window. */
function closedInWindow(db: Kysely<Database>, instrumentId: string, from: Date, to: Date) {
  const closedOn = sql<Date>`least(coalesce(s.closed_at, s.closes_at), s.closes_at)`
  return db
    .selectFrom('surveys as s')
    .where('s.instrument_version_id', '=', instrumentId)
    .where('s.status', '!=', 'draft')
    .where(closedOn, '<=', to)
    .where(closedOn, '>', from)
}

/** Closed surveys of the window whose figures are not stored yet (the refresh has them stored first). */
export async function listSurveysWithoutFigures(db: Kysely<Database>, instrumentId: string, from: Date, to: Date): Promise<number[]> {
  const rows = await closedInWindow(db, instrumentId, from, to)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('survey_tallies as t').select('t.survey_id').whereRef('t.survey_id', '=', 's.id').where('t.figures', 'is not', null))))
    .select('s.id')
    .execute()
  return rows.map((r) => r.id)
}

/**
 * Every group's percentiles and counts, per measure, over each contributing school's latest closed
 * survey of the window with stored figures (its latest reportable one), in one statement. A school
 * contributes when its trust has not opted out. Per group it also counts what its parent holds
 * outside it: the schools by subtraction, the trusts as the parent's trusts less those whose
 * schools in the parent all lie in this group.
 *
 * How it stays fast (docs/benchmarks.md, "Norms"): each school's facts (its latest survey, its
 * trust, its groups) are found once and its measures joined after; each measure's value row is
 * counted once, carrying its trust's counts in each of its groups (window functions over one sort),
 * and the three levels of groups are aggregated in one pass (`rollup`), never a row per school
 * per group per measure.
 */
export async function computeGroupStats(db: Kysely<Database>, instrumentId: string, from: Date, to: Date): Promise<GroupStats[]> {
  const result = await sql<{
    kind: NormGroupKind; key: string; measure: string; parent_key: string | null; schools: number; trusts: number; largest_trust: number
    percentiles: number[]; complement_schools: number | null; complement_trusts: number | null
  }>`
    -- Each contributing school's latest survey with stored figures, its trust (a school in none is
    -- a trust of its own) and the keys of its similar and similar-and-nation groups.
    with latest as (
      select distinct on (s.school_id) t.survey_id, t.released, s.k,
        coalesce(sc.trust_id, -sc.id) as trust,
        case when sc.phase is not null and sc.staff_band is not null then sc.phase || '/' || sc.staff_band end as similar_key,
        case when sc.phase is not null and sc.staff_band is not null and sc.nation is not null then sc.phase || '/' || sc.staff_band || '/' || sc.nation end as nation_key
      from surveys s
      join schools sc on sc.id = s.school_id
      left join trusts tr on tr.id = sc.trust_id
      join survey_tallies t on t.survey_id = s.id and t.figures is not null and (t.figures ->> 'k')::int = s.k
      where s.instrument_version_id = ${instrumentId}
        and s.status <> 'draft'
        and least(coalesce(s.closed_at, s.closes_at), s.closes_at) <= ${to}
        and least(coalesce(s.closed_at, s.closes_at), s.closes_at) > ${from}
        and not coalesce(tr.norms_opt_out, false)
      order by s.school_id, least(coalesce(s.closed_at, s.closes_at), s.closes_at) desc, s.id desc, t.released desc
    ),
    -- Per school and measure, its value: each scale's mean; dl-v2, each placement dimension's mean and the most likely pattern.
    vals as (
      select l.trust, l.similar_key, l.nation_key, m.measure, m.value
      from latest l
      join survey_tallies t on t.survey_id = l.survey_id and t.released = l.released
      cross join lateral (select case when (t.placement ->> 'k')::int = l.k then t.placement -> 'section' end as placement) p
      cross join lateral (
        select e ->> 'id' as measure, (e ->> 'mean')::float8 as value
        from jsonb_array_elements(t.figures -> 'scales') e where jsonb_typeof(e -> 'mean') = 'number'
        union all
        select ${DIMENSION_MEASURE_PREFIX} || d.key, (d.value ->> 'mean')::float8
        from jsonb_each(coalesce(p.placement -> 'dimensions', '{}')) d where jsonb_typeof(d.value -> 'mean') = 'number'
        union all
        select ${PLACEMENT_MEASURE}, (p.placement ->> 'mostLikely')::float8 where jsonb_typeof(p.placement -> 'mostLikely') = 'number'
      ) m
    ),
    -- Each value with the number of its trust's schools that hold the measure in each of its groups,
    -- and whether it is its trust's first there (one sort: the partitions share their prefix).
    counted as (
      select *,
        count(*) over all_t as n_all, count(*) over similar_t as n_similar, count(*) over nation_t as n_nation,
        row_number() over all_t = 1 as first_all, row_number() over similar_t = 1 as first_similar, row_number() over nation_t = 1 as first_nation
      from vals
      window all_t as (partition by measure, trust), similar_t as (partition by measure, trust, similar_key), nation_t as (partition by measure, trust, similar_key, nation_key)
    ),
    -- Per measure, the all-schools group, each similar group and each similar-and-nation group in one
    -- pass (rollup; grouping() tells the level): its schools, trusts, largest trust, the trusts of
    -- its parent whose schools there all lie in it, and its percentiles.
    group_stats as (
      select * from (
        select case grouping(similar_key, nation_key) when 3 then 'all' when 1 then 'similar' else 'similar_nation' end as kind,
          case grouping(similar_key, nation_key) when 3 then 'all' when 1 then similar_key else nation_key end as key,
          case grouping(similar_key, nation_key) when 1 then 'all' when 0 then similar_key end as parent_key,
          measure,
          count(*)::int as schools,
          case grouping(similar_key, nation_key)
            when 3 then count(*) filter (where first_all) when 1 then count(*) filter (where first_similar) else count(*) filter (where first_nation)
          end::int as trusts,
          case grouping(similar_key, nation_key) when 3 then max(n_all) when 1 then max(n_similar) else max(n_nation) end::int as largest_trust,
          case grouping(similar_key, nation_key)
            when 1 then count(*) filter (where first_similar and n_similar = n_all) when 0 then count(*) filter (where first_nation and n_nation = n_similar)
          end::int as confined,
          case when measure = ${PLACEMENT_MEASURE}
            -- the placement: the share of schools whose most likely pattern is each of the seven
            then array[avg((value = 1)::int)::float8, avg((value = 2)::int)::float8, avg((value = 3)::int)::float8, avg((value = 4)::int)::float8,
              avg((value = 5)::int)::float8, avg((value = 6)::int)::float8, avg((value = 7)::int)::float8]
            else percentile_cont(array[0.1, 0.25, 0.5, 0.75, 0.9]) within group (order by value)
          end as percentiles
        from counted
        group by measure, rollup(similar_key, nation_key)
      ) levels
      -- schools without a similar (or nation) key are in no such group
      where key is not null
    )
    select g.kind, g.key, g.measure, g.parent_key, g.schools, g.trusts, g.largest_trust, g.percentiles,
      p.schools - g.schools as complement_schools,
      p.trusts - g.confined as complement_trusts
    from group_stats g
    left join group_stats p on p.key = g.parent_key and p.measure = g.measure
      and p.kind = case g.kind when 'similar' then 'all' when 'similar_nation' then 'similar' end
    order by g.measure, g.kind, g.key
  `.execute(db)
  return result.rows.map((r) => ({
    kind: r.kind,
    key: r.key,
    measure: r.measure,
    parentKey: r.parent_key,
    schools: r.schools,
    trusts: r.trusts,
    largestTrust: r.largest_trust,
    percentiles: r.percentiles.map(Number),
    complement: r.complement_schools === null ? null : { schools: r.complement_schools, trusts: r.complement_trusts! },
  }))
}

/**
 * Takes the instrument's norms lock for the rest of the transaction: waiting for it (`wait`), or
 * only if no one holds it (false when someone does: another refresh is under way).
 */
export async function lockNorms(trx: Kysely<Database>, instrumentId: string, wait: boolean): Promise<boolean> {
  const key = `norms:${instrumentId}`
  if (wait) {
    await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx)
    return true
  }
  return (await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext(${key})) as locked`.execute(trx)).rows[0]!.locked
}

/** Replaces an instrument's stored norms whole (inside the transaction that holds its lock). */
export async function replaceNorms(trx: Kysely<Database>, instrumentId: string, rows: readonly NormRow[], computedAt: Date, windowFrom: Date): Promise<void> {
  await trx.deleteFrom('norms').where('instrument_version_id', '=', instrumentId).execute()
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('norms')
      .values(rows.slice(i, i + 500).map((r) => ({ instrument_version_id: instrumentId, kind: r.kind, group_key: r.key, measure: r.measure, schools: r.schools, trusts: r.trusts, percentiles: JSON.stringify(r.percentiles) })))
      .execute()
  }
  await trx
    .insertInto('norm_refreshes')
    .values({ instrument_version_id: instrumentId, computed_at: computedAt, window_from: windowFrom })
    .onConflict((oc) => oc.column('instrument_version_id').doUpdateSet({ computed_at: computedAt, window_from: windowFrom }))
    .execute()
}

export interface Refresh { computedAt: Date; windowFrom: Date }

export async function findRefresh(db: Kysely<Database>, instrumentId: string): Promise<Refresh | undefined> {
  const row = await db.selectFrom('norm_refreshes').select(['computed_at', 'window_from']).where('instrument_version_id', '=', instrumentId).executeTakeFirst()
  return row && { computedAt: new Date(row.computed_at), windowFrom: new Date(row.window_from) }
}

/**
 * In one statement: the instrument's last refresh, whether its stored norms are out of date at
 * `at` (never computed, computed before `staleBefore`, or a survey has passed its end date since
 * without being closed: closing a survey refreshes them as it closes), and a school's context when
 * one is asked for (undefined: no such school).
 */
export async function findNormState(db: Kysely<Database>, instrumentId: string, at: Date, staleBefore: Date, schoolId: number | null) {
  const row = await db
    .selectFrom('instrument_versions as iv')
    .leftJoin('norm_refreshes as r', 'r.instrument_version_id', 'iv.id')
    .leftJoin('schools as sc', (join) => join.on('sc.id', '=', schoolId ?? 0))
    .select(['sc.id as school_id', 'sc.phase', 'sc.staff_band', 'sc.nation', 'r.computed_at', 'r.window_from'])
    .select(({ or, eb, exists, selectFrom }) =>
      or([
        eb('r.computed_at', 'is', null),
        eb('r.computed_at', '<', staleBefore),
        exists(
          selectFrom('surveys as s')
            .select('s.id')
            .where('s.instrument_version_id', '=', instrumentId)
            .where('s.status', '!=', 'draft')
            .where('s.closed_at', 'is', null)
            .whereRef('s.closes_at', '>', 'r.computed_at')
            .where('s.closes_at', '<=', at),
        ),
      ]).as('stale'),
    )
    .where('iv.id', '=', instrumentId)
    .executeTakeFirstOrThrow()
  return {
    context: row.school_id === null ? undefined : { phase: row.phase, staffBand: row.staff_band, nation: row.nation },
    refresh: row.computed_at === null || row.window_from === null ? null : { computedAt: new Date(row.computed_at), windowFrom: new Date(row.window_from) },
    stale: Boolean(row.stale),
  }
}

/** The stored rows of the given groups. */
export async function listNorms(db: Kysely<Database>, instrumentId: string, groups: readonly { kind: NormGroupKind; key: string }[]): Promise<NormRow[]> {
  if (groups.length === 0) return []
  const rows = await db
    .selectFrom('norms')
    .select(['kind', 'group_key', 'measure', 'schools', 'trusts', 'percentiles'])
    .where('instrument_version_id', '=', instrumentId)
    .where((eb) => eb.or(groups.map((g) => eb.and([eb('kind', '=', g.kind), eb('group_key', '=', g.key)]))))
    .execute()
  return rows.map((r) => ({ kind: r.kind as NormGroupKind, key: r.group_key, measure: r.measure, schools: r.schools, trusts: r.trusts, percentiles: r.percentiles }))
}

/** The operator's setting: a trust's schools contribute to norms, or not. */
export async function setTrustOptOut(db: Kysely<Database>, trustId: number, optOut: boolean): Promise<boolean | undefined> {
  const row = await db.updateTable('trusts').set({ norms_opt_out: optOut }).where('id', '=', trustId).returning('norms_opt_out').executeTakeFirst()
  return row?.norms_opt_out
}
