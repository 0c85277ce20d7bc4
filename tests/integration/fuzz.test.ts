import fc from 'fast-check'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { LoginThrottle } from '../../server/modules/limits/login-throttle.ts'
import { itemOrder } from '../../shared/instrument/types.ts'
import { CURRENT_INSTRUMENT_ID, requireInstrument } from '../../shared/instrument/versions.ts'
import { SCORED_BODY } from '../helpers/fixtures.ts'
import { countRows, pooledComments, resetDb, testDatabases } from '../helpers/test-db.ts'
import { useApp } from '../helpers/app.ts'
import { as, createWorld, type World } from '../helpers/world.ts'

// Property-based fuzzing of every route the app has: arbitrary bodies, headers, paths and
// queries, hostile strings, huge and deeply nested bodies, wrong content types, invalid UTF-8.
// Whatever arrives: never a 5xx, and a refused request writes nothing.

const HOSTILE = [
  "' OR 1=1 --",
  "'; drop table responses; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '\uD800',
  '{{7*7}}',
  '${process.exit()}',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '0',
  '2147483648',
  '99999999999999999999',
  '1e309',
  'x'.repeat(5000),
]

const TABLES = ['responses', 'survey_comments', 'survey_access_codes', 'surveys', 'sessions', 'leaders', 'schools', 'trusts', 'memberships', 'leader_tokens', 'custodian_links', 'actions', 'action_notes'] as const

describe.each(testDatabases())('fuzzing every route on %s', (kind) => {
  let world: World
  const t = useApp(kind, { submitRateLimit: 1_000_000, loginRateLimit: 1_000_000, loginThrottle: new LoginThrottle({ maxFailures: 1_000_000 }) })
  beforeAll(async () => {
    await resetDb(t.db)
    world = await createWorld(t.db)
  })

  const counts = async () => {
    const row = await sql<Record<string, number>>`select ${sql.join(TABLES.map((t) => sql`(select count(*)::int from ${sql.table(t)}) as ${sql.ref(t)}`))}`.execute(t.db)
    // comments and codes are pooled per survey: count the entries too
    return { ...row.rows[0]!, comments: await countRows(t.db, 'comments'), accessCodes: await countRows(t.db, 'access_codes') }
  }

  const segment = fc.oneof(
    fc.constantFrom(...HOSTILE),
    fc.string({ maxLength: 40 }),
    fc.integer({ min: -5, max: 2 ** 40 }).map(String),
    fc.constant('AAAAAAAAAAAAAAAAAAAAAA'),
  )
  const jsonBody = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.constantFrom(...HOSTILE).map((s) => JSON.stringify({ instrumentVersion: s, answers: { [s]: s }, comments: { helps: s }, email: s, password: s, title: s, count: s })),
    fc.integer({ min: 1, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
    fc.integer({ min: 60_000, max: 200_000 }).map((n) => JSON.stringify({ title: 'x'.repeat(n) })),
    fc.constant('{"a":'),
    fc.constant(''),
  )
  const body = fc.oneof(
    jsonBody.map((text) => Buffer.from(text)),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
    fc.constant(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d])), // {"a":"<invalid UTF-8>"}
  )
  const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '', 'application/json; charset=latin1')

  it('never answers 5xx and never writes for a refused request', async () => {
    const routes = t.app.routeTable
    const request = fc.record({
      route: fc.constantFrom(...routes),
      params: fc.array(segment, { minLength: 3, maxLength: 3 }),
      validIds: fc.boolean(),
      query: fc.dictionary(fc.constantFrom('cycle', 'from', 'to', 'part', 'limit', segment.toString()), segment, { maxKeys: 3 }),
      body,
      contentType,
      signedIn: fc.boolean(),
      extraHeaders: fc.dictionary(fc.constantFrom('x-csrf-token', 'origin', 'accept', 'x-forwarded-for', 'content-length-ish'), fc.constantFrom(...HOSTILE.slice(0, 8)), { maxKeys: 2 }),
    })
    const failures: string[] = []
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        let n = 0
        const url = r.route.url.replace(/:(\w+)/g, (_, name: string) => {
          const value = r.validIds
            ? { schoolId: world.schoolA1, surveyId: world.surveyA1, trustId: world.trustA, actionId: world.actionA1, token: world.tokenA1 }[name] ?? r.params[n]
            : r.params[n]
          n++
          return encodeURIComponent(String(value).toWellFormed())
        })
        const qs = new URLSearchParams(r.query as Record<string, string>).toString()
        const mutating = r.route.method !== 'GET'
        const headers: Record<string, string> = { ...(r.signedIn ? as(world, 'trustLeader') : {}), ...r.extraHeaders }
        if (mutating && r.contentType) headers['content-type'] = r.contentType
        const before = await counts()
        const res = await t.app.inject({ method: r.route.method as 'GET', url: `${url}${qs ? `?${qs}` : ''}`, headers, ...(mutating ? { payload: r.body } : {}) })
        if (res.statusCode >= 500) failures.push(`${r.route.method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`)
        if (res.statusCode >= 300) {
          const after = await counts()
          if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${r.route.method} ${url} → ${res.statusCode} but wrote: ${JSON.stringify(before)} → ${JSON.stringify(after)}`)
        }
        return failures.length === 0
      }),
      { numRuns: 400, seed: 20261122 },
    )
    expect(failures).toEqual([])
  })

  it('stores hostile text in answers and comments as plain text, and refuses every malformed answer', async () => {
    const ids = itemOrder(requireInstrument(CURRENT_INSTRUMENT_ID))
    const answer = fc.oneof(fc.constantFrom(1, 2, 3, 4, 5, null), fc.integer(), fc.double(), fc.string({ maxLength: 5 }), fc.boolean(), fc.constant({}), fc.constant([]))
    const submission = fc.record(
      {
        instrumentVersion: fc.oneof(fc.constant(CURRENT_INSTRUMENT_ID), fc.constantFrom(...HOSTILE)),
        answers: fc.dictionary(fc.oneof(fc.constantFrom(...ids), fc.constantFrom(...HOSTILE.slice(0, 6))), answer, { maxKeys: 8 }),
        nowPattern: fc.oneof(fc.integer({ min: -2, max: 9 }), fc.constant(null)),
        role: fc.oneof(fc.constantFrom('teacher', 'senior_leader', null), fc.constantFrom(...HOSTILE.slice(0, 4))),
        comments: fc.record({ helps: fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 50 })) }),
      },
      { requiredKeys: ['instrumentVersion', 'answers'] },
    )
    await fc.assert(
      fc.asyncProperty(submission, async (body) => {
        const before = await counts()
        const res = await t.app.inject({ method: 'POST', url: `/api/forms/${world.tokenA1}/responses`, payload: { ...body, accessCode: 'ZZZZZ-ZZZZZ' } })
        expect(res.statusCode).toBeLessThan(500)
        const after = await counts()
        // The survey takes codes and ZZZZZ-ZZZZZ is none of them: every request is refused.
        expect(res.statusCode).toBeGreaterThanOrEqual(400)
        expect(after).toEqual(before)
      }),
      { numRuns: 200, seed: 7 },
    )
    // Hostile text that is a valid comment is kept exactly as written (and shown as text).
    const hostile = HOSTILE.slice(0, 5).join(' ')
    const res = await t.app.inject({ method: 'POST', url: `/api/forms/${world.tokenB1}/responses`, payload: { ...SCORED_BODY, comments: { helps: hostile } } })
    expect(res.statusCode).toBe(201)
    expect((await pooledComments(t.db, world.surveyB1)).map((c) => c.body)).toEqual([hostile])
  })
})
