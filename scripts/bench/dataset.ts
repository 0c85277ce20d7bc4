import pg from 'pg'
import { newToken, sha256 } from '../../server/crypto.ts'
import { answersInOrder, generateResponses } from '../../shared/domain/synthetic.ts'
import { scoreAggregates } from '../../shared/domain/tally.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import type { PatternValue } from '../../shared/instrument/types.ts'

// The benchmark data set, built once with the synthetic respondent generator and reused:
// 10,000 schools in 200 trusts of 50; trust 1 has six cycles of surveys (50 schools × 6 × 60
// staff), every other school one closed survey of 99 responses: about 1,000,000 responses.

export const SCHOOLS = 10_000
export const TRUST_SIZE = 50
export const TRUST_CYCLES = ['2024-06-14', '2024-11-29', '2025-03-28', '2025-06-13', '2025-11-28', '2026-03-27']
export const TRUST_STAFF = 60
export const OTHER_STAFF = 99

export interface Dataset {
  responses: number
  trustId: number
  /** Closed surveys with ~99 responses each, for the report benchmark. */
  reportSurveyIds: number[]
  /** Trust 1's surveys of all six cycles. */
  trustSurveyIds: number[]
  leaderCookie: string
}

const toPgArray = (answers: (number | null)[]) => `{${answers.map((a) => (a === null ? 'NULL' : String(a))).join(',')}}`

async function insertResponses(client: pg.ClientBase, surveyId: number, pattern: PatternValue, n: number, seed: number) {
  const bodies = generateResponses({ instrument: dlV1, pattern, respondents: n, seed })
  const answers = bodies.map((b) => answersInOrder(dlV1, b))
  const scores = answers.map((a) => scoreAggregates(dlV1, a))
  await client.query(
    `insert into responses (survey_id, instrument_version_id, answers, score_answered, score_sums, now_pattern, aim_pattern, role, submitted_on)
     select $1, 'dl-v1', a::smallint[], sa::smallint[], ss::smallint[], np, ap, r, $2::date
     from unnest($3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[]) as u(a, sa, ss, np, ap, r)`,
    [
      surveyId,
      '2026-01-01',
      answers.map(toPgArray),
      scores.map((s) => toPgArray(s.answered)),
      scores.map((s) => toPgArray(s.sums)),
      bodies.map((b) => b.nowPattern ?? null),
      bodies.map((b) => b.aimPattern ?? null),
      bodies.map((b) => b.role ?? null),
    ],
  )
}

export async function ensureDataset(url: string, log: (line: string) => void): Promise<Dataset> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const existing = await client.query<{ n: number }>(`select count(*)::int as n from trusts where name = 'Bench trust 1'`)
    if (existing.rows[0]!.n === 0) await build(client, log)
    const responses = (await client.query<{ n: number }>('select count(*)::int as n from responses')).rows[0]!.n
    const trustId = (await client.query<{ id: number }>(`select id from trusts where name = 'Bench trust 1'`)).rows[0]!.id
    const reportSurveyIds = (
      await client.query<{ id: number }>(
        `select s.id from surveys s join schools sc on sc.id = s.school_id where sc.trust_id <> $1 and s.status = 'closed' order by s.id limit 400`,
        [trustId],
      )
    ).rows.map((r) => r.id)
    const trustSurveyIds = (await client.query<{ id: number }>(`select s.id from surveys s join schools sc on sc.id = s.school_id where sc.trust_id = $1`, [trustId])).rows.map((r) => r.id)
    // a session for a leader who leads every bench trust (reports and overviews need a role)
    const leader = await client.query<{ id: number }>(`select id from leaders where email = 'bench@continuum.invalid'`)
    const token = newToken()
    await client.query(`insert into sessions (id, leader_id, csrf_token, expires_at) values ($1, $2, $3, now() + interval '1 day')`, [sha256(token), leader.rows[0]!.id, newToken()])
    return { responses, trustId, reportSurveyIds, trustSurveyIds, leaderCookie: `continuum_session=${token}` }
  } finally {
    await client.end()
  }
}

async function build(client: pg.Client, log: (line: string) => void) {
  const started = Date.now()
  log(`building the benchmark data set (${SCHOOLS.toLocaleString('en-GB')} schools, ~1,000,000 responses); this happens once`)
  await client.query('begin')
  const trusts = await client.query<{ id: number }>(
    `insert into trusts (name) select 'Bench trust ' || g from generate_series(1, $1::int) g order by g returning id`,
    [SCHOOLS / TRUST_SIZE],
  )
  const trustIds = trusts.rows.map((r) => r.id).sort((a, b) => a - b)
  const schools = await client.query<{ id: number; trust_id: number }>(
    `insert into schools (name, trust_id) select 'Bench school ' || g, ($1::int[])[(g - 1) / ${TRUST_SIZE} + 1] from generate_series(1, $2::int) g order by g returning id, trust_id`,
    [trustIds, SCHOOLS],
  )
  const leader = await client.query<{ id: number }>(`insert into leaders (email, display_name) values ('bench@continuum.invalid', 'Benchmark leader') returning id`)
  await client.query(`insert into memberships (leader_id, role, trust_id) select $1, 'trust_leader', unnest($2::int[])`, [leader.rows[0]!.id, trustIds])
  await client.query('commit')

  let done = 0
  for (const [i, school] of schools.rows.entries()) {
    const pattern = ((i % 7) + 1) as PatternValue
    const cycles = school.trust_id === trustIds[0] ? TRUST_CYCLES : ['2026-06-12']
    const staff = school.trust_id === trustIds[0] ? TRUST_STAFF : OTHER_STAFF
    await client.query('begin')
    for (const [c, closes] of cycles.entries()) {
      const survey = await client.query<{ id: number }>(
        `insert into surveys (school_id, instrument_version_id, title, token, status, opens_at, closes_at, closed_at, expected_staff)
         values ($1, 'dl-v1', $2, $3, 'closed', $4::timestamptz - interval '14 days', $4::timestamptz, $4::timestamptz, $5) returning id`,
        [school.id, `Survey ${closes}`, newToken(), `${closes}T17:00:00Z`, Math.round(staff * 1.25)],
      )
      await insertResponses(client, survey.rows[0]!.id, pattern, staff, i * 10 + c)
      done += staff
    }
    await client.query('commit')
    if (i % 1000 === 999) log(`  ${i + 1} schools, ${done.toLocaleString('en-GB')} responses, ${Math.round((Date.now() - started) / 1000)} s`)
  }
  // as autovacuum leaves a table that has stopped growing: visibility known, so counts read the index alone
  await client.query('vacuum analyze')
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`)
}
