import { sql } from 'kysely'
import pg from 'pg'
import { connect } from '../../server/db/connect.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import { createNormService } from '../../server/modules/norms/norms.service.ts'
import { createTallySource } from '../../server/modules/reports/tally-source.ts'
import { ensureInstrumentVersions } from '../../server/modules/surveys/surveys.repository.ts'
import { CURRENT_INSTRUMENT_ID, instruments } from '../../shared/instrument/versions.ts'
import { generateFigureSchools, seedFigureSchools } from '../../tests/helpers/norms.ts'

// Norms over 10,000 schools (docs/benchmarks.md, "Norms"): a full refresh of the current
// questionnaire's norms (the SQL of every group with its counts and complements, per scale, per
// placement dimension and for the placement; the rules; the rows stored) beside its ceiling, the
// bare SQL of one percentile per scale over every school's latest figures; and what reading a
// school's norm groups adds to a report (its context and the norms' freshness in one statement,
// its groups' rows in another). A database of its own, seeded once.

const SCHOOLS = Number(process.env.BENCH_NORM_SCHOOLS ?? 10_000)
const TRUSTS = Math.round(SCHOOLS / 15)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(0.95 * xs.length) - 1]!
const round = (x: number) => Math.round(x * 10) / 10

async function timed<T>(f: () => Promise<T>): Promise<number> {
  const t0 = performance.now()
  await f()
  return performance.now() - t0
}

/** Refresh and read times of norms over SCHOOLS schools, each with its ceiling. */
export async function benchNorms(baseUrl: string, log: (line: string) => void) {
  const url = Object.assign(new URL(baseUrl), { pathname: `${new URL(baseUrl).pathname}_norms` }).toString()
  const name = new URL(url).pathname.slice(1)
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() })
  await admin.connect()
  if ((await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 0) await admin.query(`create database "${name}"`)
  await admin.end()
  const db = await connect({ databaseUrl: url })
  try {
    await migrateToLatest(db)
    await ensureInstrumentVersions(db, Object.values(instruments))
    const now = new Date()
    const { n } = await db.selectFrom('schools').select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')).executeTakeFirstOrThrow()
    // Seeded again when the count differs, or by an older version (its surveys of another questionnaire, or without placements).
    const current = await db.selectFrom('surveys as s').innerJoin('survey_tallies as t', 't.survey_id', 's.id').select('s.id').where('s.instrument_version_id', '=', CURRENT_INSTRUMENT_ID).where('t.placement', 'is not', null).limit(1).executeTakeFirst()
    if (n !== SCHOOLS || !current) {
      await sql`truncate table norms, norm_refreshes, survey_tallies, surveys, schools, trusts restart identity cascade`.execute(db)
      await seedFigureSchools(db, now, Array.from({ length: TRUSTS }, () => ({})), generateFigureSchools(SCHOOLS, TRUSTS, 12).map((s) => ({ ...s, surveys: s.surveys.map((v) => ({ ...v, closedDaysAgo: v.closedDaysAgo % 360 })) })))
      await sql`analyze`.execute(db)
      log(`norms: seeded ${SCHOOLS} schools in ${TRUSTS} trusts`)
    }
    const norms = createNormService({ db, tallySource: createTallySource({ db }) })
    const ceiling = () =>
      sql`
        with latest as (
          select distinct on (s.school_id) t.figures from surveys s join survey_tallies t on t.survey_id = s.id and t.figures is not null
          where s.status <> 'draft' and s.closes_at > now() - interval '365 days'
          order by s.school_id, s.closes_at desc
        )
        select e ->> 'id' as measure, percentile_cont(array[0.1, 0.25, 0.5, 0.75, 0.9]) within group (order by (e ->> 'mean')::float8)
        from latest cross join lateral jsonb_array_elements(figures -> 'scales') e where jsonb_typeof(e -> 'mean') = 'number' group by 1`.execute(db)
    await norms.refresh(CURRENT_INSTRUMENT_ID) // warm
    const refresh: number[] = []
    const sqlCeiling: number[] = []
    for (let i = 0; i < 5; i++) {
      refresh.push(await timed(() => norms.refresh(CURRENT_INSTRUMENT_ID)))
      sqlCeiling.push(await timed(ceiling))
    }
    const school = (await db.selectFrom('schools').select('id').where('phase', 'is not', null).where('nation', 'is not', null).orderBy('id').executeTakeFirstOrThrow()).id
    const read: number[] = []
    for (let i = 0; i < 200; i++) read.push(await timed(() => norms.reportGroups(school, CURRENT_INSTRUMENT_ID)))
    const { rows, groups } = await norms.refresh(CURRENT_INSTRUMENT_ID)
    return { schools: SCHOOLS, trusts: TRUSTS, groups, rows, refreshMedian: round(median(refresh)), sqlCeilingMedian: round(median(sqlCeiling)), readP50: round(median(read)), readP95: round(p95(read)) }
  } finally {
    await db.destroy()
  }
}

/** The benchmark's row for the results table. */
export function normsRow(r: Awaited<ReturnType<typeof benchNorms>>): string {
  const mark = (ok: boolean) => (ok ? 'met' : '**missed**')
  return [
    `| norms refresh, ${r.schools.toLocaleString('en-GB')} schools in ${r.trusts} trusts (${r.groups} groups shown) | median ${r.refreshMedian} ms | bare percentile SQL (all schools only) median ${r.sqlCeilingMedian} ms | ${round(r.refreshMedian / r.sqlCeilingMedian)} | < 1000 ms | ${mark(r.refreshMedian < 1000)} |`,
    `| norms read for a report (its groups' rows, freshness check) | p50 ${r.readP50} ms, p95 ${r.readP95} ms | | | < 5 ms added | ${mark(r.readP95 < 5)} |`,
  ].join('\n')
}

if (import.meta.main) {
  const result = await benchNorms(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/continuum_bench', (line) => process.stderr.write(`${line}\n`))
  process.stderr.write(`${JSON.stringify(result)}\n`)
  console.log(normsRow(result))
}
