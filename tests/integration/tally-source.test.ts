import { sql } from 'kysely'
import { beforeEach, describe, expect, it } from 'vitest'
import { insertResponse } from '../../server/modules/forms/forms.repository.ts'
import { tallyEachSurvey } from '../../server/modules/reports/reports.repository.ts'
import { findSurvey } from '../../server/modules/surveys/surveys.service.ts'
import { createTallySource } from '../../server/modules/reports/tally-source.ts'
import { createNormService } from '../../server/modules/norms/norms.service.ts'
import { createReportService } from '../../server/modules/reports/reports.service.ts'
import type { Principal } from '../../server/modules/auth/access.ts'
import type { SurveyReport } from '../../shared/schemas/reports.ts'
import { answersInOrder, generateResponses } from '../../shared/domain/synthetic.ts'
import { tallyResponses, type ResponseRow } from '../../shared/domain/tally.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import type { RoleId } from '../../shared/instrument/types.ts'
import type { SubmitResponseBody } from '../../shared/schemas/forms.ts'
import { createSchoolWithSurvey, storeResponses } from '../helpers/fixtures.ts'
import { createTestDb, resetDb, testDatabases } from '../helpers/test-db.ts'
import { placementResult } from '../../shared/domain/placement-report.ts'
import { seededRandom } from '../../shared/domain/random.ts'
import type { V2Response } from '../../shared/domain/response-style.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { buildModel, CONFIG_A, generateSchool, trueSchool } from '../../scripts/simulation/irt.ts'
import { useDb } from '../helpers/app.ts'

// Closed surveys' tallies are stored in Postgres (survey_tallies) by the first request that needs
// them and read by every other: the stored tally equals the pure tally of the same answers (and
// the SQL aggregation), read by the same instance, by another instance with its own pool, and by
// one started afresh. Beside each, the figures the trust overview and the trust comparison read
// instead of the tally: exactly what the survey's own report shows.

const rowOf = (body: SubmitResponseBody): ResponseRow => ({
  answers: answersInOrder(dlV1, body),
  role: (body.role ?? null) as RoleId | null,
  nowPattern: body.nowPattern ?? null,
  aimPattern: body.aimPattern ?? null,
})

describe.each(testDatabases())('stored tallies on %s', (kind) => {
  const t = useDb(kind)
  beforeEach(() => resetDb(t.db))

  async function add(surveyId: number, n: number, seed: number, batchOf: (i: number) => number | null = () => null, skipRate = 0.06): Promise<SubmitResponseBody[]> {
    const bodies = generateResponses({ instrument: dlV1, pattern: 3, respondents: n, seed, dontKnowRate: 0.08, skipRate })
    await storeResponses(t.db, surveyId, dlV1, bodies, (i) => ({ releaseBatch: batchOf(i) }))
    return bodies
  }
  const storedRows = async (surveyId: number) =>
    (await sql<{ released: number; responses: number }>`select released, responses from survey_tallies where survey_id = ${surveyId} order by released`.execute(t.db)).rows
  /** Another instance: its own pool on Postgres; on PGlite (one connection only), a fresh source on the same one. */
  const anotherConnection = async () => (kind === 'postgres' ? createTestDb(kind) : t.db)

  it("stores a closed survey's tally once; this instance, another and a restarted one read it, equal to the pure tally", async () => {
    const { surveyId } = await createSchoolWithSurvey(t.db, { instrumentVersion: 'dl-v1' })
    const bodies = await add(surveyId, 14, 1)
    await t.db.updateTable('surveys').set({ status: 'closed' }).where('id', '=', surveyId).execute()
    const survey = (await findSurvey(t.db, surveyId))!
    const pure = tallyResponses(dlV1, bodies.map(rowOf))
    expect(await tallyEachSurvey(t.db, [surveyId], dlV1)).toEqual(new Map([[surveyId, pure]]))

    const first = createTallySource({ db: t.db })
    expect((await first.tallies([survey], dlV1)).get(surveyId)).toEqual(pure)
    expect(await storedRows(surveyId)).toEqual([{ released: 0, responses: 14 }])
    expect((await first.tallies([survey], dlV1)).get(surveyId)).toEqual(pure)

    for (const label of ['another instance', 'a restarted instance']) {
      const other = await anotherConnection()
      try {
        const source = createTallySource({ db: other })
        expect((await source.tallies([survey], dlV1)).get(surveyId), label).toEqual(pure)
        // without item detail: what the SQL aggregation gives without it
        expect((await source.tallies([survey], dlV1, { detail: false })).get(surveyId), label).toEqual((await tallyEachSurvey(t.db, [surveyId], dlV1, { detail: false })).get(surveyId))
      } finally {
        if (other !== t.db) await other.destroy()
      }
    }
    // and what they read is the stored row, not a new aggregation: a change to it shows
    await sql`update survey_tallies set tally = jsonb_set(tally, '{now,0}', '999') where survey_id = ${surveyId}`.execute(t.db)
    expect((await createTallySource({ db: t.db }).tallies([survey], dlV1)).get(surveyId)!.now[0]).toBe(999)
    expect(await storedRows(surveyId)).toEqual([{ released: 0, responses: 14 }])
  })

  it('takes the tally again if its responses ever change', async () => {
    const { surveyId } = await createSchoolWithSurvey(t.db, { instrumentVersion: 'dl-v1' })
    const bodies = await add(surveyId, 8, 1)
    await t.db.updateTable('surveys').set({ status: 'closed' }).where('id', '=', surveyId).execute()
    const source = createTallySource({ db: t.db })
    expect((await source.tallies([(await findSurvey(t.db, surveyId))!], dlV1)).get(surveyId)!.respondents).toBe(8)
    const more = await add(surveyId, 2, 2)
    const changed = (await findSurvey(t.db, surveyId))!
    expect((await source.tallies([changed], dlV1)).get(surveyId)).toEqual(tallyResponses(dlV1, [...bodies, ...more].map(rowOf)))
    expect(await storedRows(surveyId)).toEqual([{ released: 0, responses: 10 }])
  })

  it('stores a closed live survey once per release state: its last batch shows the day after it completed', async () => {
    let now = new Date('2026-11-10T23:00:00Z')
    const source = createTallySource({ db: t.db, now: () => now })
    const { surveyId } = await createSchoolWithSurvey(t.db, { instrumentVersion: 'dl-v1', releaseMode: 'live', k: 5, now })
    const bodies = await add(surveyId, 10, 4, (i) => Math.floor(i / 5))
    // the first batch completed the day before, the second today, and then the survey closed
    await t.db
      .updateTable('surveys')
      .set({ status: 'closed', live_response_count: 10, live_batches_completed_on: ['2026-11-09', '2026-11-10'] })
      .where('id', '=', surveyId)
      .execute()
    const survey = (await findSurvey(t.db, surveyId))!
    expect((await source.tallies([survey], dlV1)).get(surveyId)).toEqual(tallyResponses(dlV1, bodies.slice(0, 5).map(rowOf)))
    now = new Date('2026-11-11T00:00:01Z')
    expect((await source.tallies([survey], dlV1)).get(surveyId)).toEqual(tallyResponses(dlV1, bodies.map(rowOf)))
    expect(await storedRows(surveyId)).toEqual([{ released: 1, responses: 10 }, { released: 2, responses: 10 }])
  })

  it('counts an open survey afresh every time and stores nothing for it', async () => {
    const source = createTallySource({ db: t.db })
    const { surveyId } = await createSchoolWithSurvey(t.db, { instrumentVersion: 'dl-v1' })
    const bodies = await add(surveyId, 3, 3)
    const survey = (await findSurvey(t.db, surveyId))!
    expect((await source.tallies([survey], dlV1)).get(surveyId)).toEqual(tallyResponses(dlV1, bodies.map(rowOf)))
    const more = await add(surveyId, 2, 5)
    expect((await source.tallies([survey], dlV1)).get(surveyId)).toEqual(tallyResponses(dlV1, [...bodies, ...more].map(rowOf)))
    expect(await storedRows(surveyId)).toEqual([])
  })

  const storedFigures = async (surveyId: number) =>
    (await sql<{ released: number; figures: unknown }>`select released, figures from survey_tallies where survey_id = ${surveyId} order by released`.execute(t.db)).rows
  const principal: Principal = { leaderId: 0, sessionId: '', sessionExpiresAt: new Date(), csrfToken: '', schoolIds: new Set(), trustIds: new Set() }
  /** What a report shows of the figures other schools are read as. */
  const shownBy = (report: SurveyReport) => ({
    responseCount: report.responseCount,
    scales: report.scales.map((s) => ({ id: s.id, mean: s.mean, n: s.n })),
    perceivedNow: report.continuum.perceived.now,
    evidence: report.continuum.evidence,
  })

  it("stores beside the tally the figures the survey's own report shows (withheld stays null), and fills rows stored without them", async () => {
    const { surveyId } = await createSchoolWithSurvey(t.db, { instrumentVersion: 'dl-v1', k: 5 })
    // few enough, with skips, that some scale is withheld on the report
    await add(surveyId, 6, 7, () => null, 0.35)
    await t.db.updateTable('surveys').set({ status: 'closed' }).where('id', '=', surveyId).execute()
    const survey = (await findSurvey(t.db, surveyId))!
    const source = createTallySource({ db: t.db })
    const shown = shownBy(await createReportService({ db: t.db, tallySource: source, norms: createNormService({ db: t.db, tallySource: source }) }).getReport(surveyId, principal))
    expect(shown.responseCount).toBe(6)
    expect(shown.scales.some((s) => s.mean === null) && shown.scales.some((s) => s.mean !== null)).toBe(true)
    expect(await storedFigures(surveyId)).toEqual([{ released: 0, figures: { k: 5, ...shown } }])

    for (const label of ['another instance', 'a restarted instance']) {
      const other = await anotherConnection()
      try {
        expect((await createTallySource({ db: other }).figures([survey], dlV1)).get(surveyId), label).toEqual(shown)
      } finally {
        if (other !== t.db) await other.destroy()
      }
    }
    // a row stored before the figures were (or under another k) is filled by the first read
    await sql`update survey_tallies set figures = null where survey_id = ${surveyId}`.execute(t.db)
    expect((await source.figures([survey], dlV1)).get(surveyId)).toEqual(shown)
    expect(await storedFigures(surveyId)).toEqual([{ released: 0, figures: { k: 5, ...shown } }])
    // and what readers get is the stored figures, not a new disclosure: a change to them shows
    await sql`update survey_tallies set figures = jsonb_set(figures, '{responseCount}', '999') where survey_id = ${surveyId}`.execute(t.db)
    expect((await source.figures([survey], dlV1)).get(surveyId)).toEqual(shown) // responseCount no longer matches the plan: taken again
    expect(await storedFigures(surveyId)).toEqual([{ released: 0, figures: { k: 5, ...shown } }])
  })

  it('stores no figures for a survey its own report withholds, and a closed live survey has them per release state', async () => {
    const below = await createSchoolWithSurvey(t.db, { instrumentVersion: 'dl-v1', k: 5 })
    await add(below.surveyId, 4, 2)
    await t.db.updateTable('surveys').set({ status: 'closed' }).where('id', '=', below.surveyId).execute()
    const belowSurvey = (await findSurvey(t.db, below.surveyId))!
    const source = createTallySource({ db: t.db })
    expect(await source.figures([belowSurvey], dlV1)).toEqual(new Map())
    await source.tallies([belowSurvey], dlV1)
    expect(await storedFigures(below.surveyId)).toEqual([{ released: 0, figures: null }])
    expect(await source.figures([belowSurvey], dlV1)).toEqual(new Map())

    let now = new Date('2026-11-10T23:00:00Z')
    const clock = { now: () => now }
    const live = createTallySource({ db: t.db, ...clock })
    const reports = createReportService({ db: t.db, tallySource: live, norms: createNormService({ db: t.db, tallySource: live, ...clock }), ...clock })
    const { surveyId } = await createSchoolWithSurvey(t.db, { instrumentVersion: 'dl-v1', releaseMode: 'live', k: 5, now })
    await add(surveyId, 10, 4, (i) => Math.floor(i / 5))
    await t.db
      .updateTable('surveys')
      .set({ status: 'closed', live_response_count: 10, live_batches_completed_on: ['2026-11-09', '2026-11-10'] })
      .where('id', '=', surveyId)
      .execute()
    const survey = (await findSurvey(t.db, surveyId))!
    const first = shownBy(await reports.getReport(surveyId, principal))
    expect(first.responseCount).toBe(5)
    expect((await live.figures([survey], dlV1)).get(surveyId)).toEqual(first)
    now = new Date('2026-11-11T00:00:01Z')
    const second = shownBy(await reports.getReport(surveyId, principal))
    expect(second.responseCount).toBe(10)
    expect((await live.figures([survey], dlV1)).get(surveyId)).toEqual(second)
    expect(await storedFigures(surveyId)).toEqual([
      { released: 1, figures: { k: 5, ...first } },
      { released: 2, figures: { k: 5, ...second } },
    ])
  })

  // dl-v2: scores keyed, and the placement, which rests on the responses themselves, stored beside the tally.
  const irt = buildModel(dlV2, CONFIG_A)
  const v2Staff = (n: number, seed: number): V2Response[] =>
    generateSchool(irt, trueSchool(irt, { spread: 70, coordination: 65, initiative: 75, contest: 30 }, seededRandom(seed)), n, seededRandom(seed + 1)).map((r, i) => ({
      ...r,
      nowPattern: i % 3 === 0 ? null : 4 + (i % 2),
      aimPattern: i % 4 === 0 ? null : 5,
    }))
  const v2Row = (r: V2Response): ResponseRow => ({ answers: r.likert, role: r.role, nowPattern: r.nowPattern, aimPattern: r.aimPattern })
  async function addV2(surveyId: number, responses: readonly V2Response[], batchOf: (i: number) => number | null = () => null) {
    for (const [i, r] of responses.entries()) {
      const submission = { answers: [...r.likert], pairs: [...r.pairs], origin: r.origin, map: r.map.map((m) => (m ? [...m] : null)), nowPattern: r.nowPattern, aimPattern: r.aimPattern, role: r.role, comments: [] }
      await insertResponse(t.db, surveyId, 'dl-v2', submission, { releaseBatch: batchOf(i) })
    }
  }
  const storedPlacement = async (surveyId: number) =>
    (await sql<{ released: number; placement: unknown }>`select released, placement from survey_tallies where survey_id = ${surveyId} order by released`.execute(t.db)).rows

  it('a dl-v2 survey: the SQL tally equals the pure one on keyed answers, and its placement is stored beside it and read back', async () => {
    const { surveyId } = await createSchoolWithSurvey(t.db, { instrumentVersion: 'dl-v2', k: 5 })
    const staff = v2Staff(24, 11)
    await addV2(surveyId, staff)
    const pure = tallyResponses(dlV2, staff.map(v2Row))
    expect(await tallyEachSurvey(t.db, [surveyId], dlV2)).toEqual(new Map([[surveyId, pure]]))
    // keyed: a reverse-keyed item's raw answers and the alpha sums of its keyed ones differ
    const negative = dlV2.scales[0]!.items.findIndex((i) => i.keying === 'negative')
    expect(pure.alpha.shared_responsibility.itemSums[negative]).not.toBe(pure.items[dlV2.scales[0]!.items[negative]!.id]!.counts.reduce((s, c, i) => s + c * (i + 1), 0))

    await t.db.updateTable('surveys').set({ status: 'closed' }).where('id', '=', surveyId).execute()
    const survey = (await findSurvey(t.db, surveyId))!
    const expected = placementResult(dlV2, staff, 5)!
    expect(expected.respondents).toBe(24)
    const source = createTallySource({ db: t.db })
    const reports = createReportService({ db: t.db, tallySource: source, norms: createNormService({ db: t.db, tallySource: source }) })
    const report = await reports.getReport(surveyId, principal)
    expect(report.placement).toEqual(expected)
    // the placement is the evidence position: the one-pattern index is not shown beside it
    expect(report.continuum.evidence).toBeNull()
    expect(report.flags.map((f) => f.id)).toEqual(expected.flags.filter((f) => f.fires).map((f) => f.id))
    expect(await storedPlacement(surveyId)).toEqual([{ released: 0, placement: { k: 5, section: expected } }])
    expect(await storedFigures(surveyId)).toEqual([
      { released: 0, figures: { k: 5, ...shownBy(report), placement: { mostLikely: expected.mostLikely, probability: expected.probabilities[expected.mostLikely - 1] } } },
    ])
    // what a later report reads is the stored section, not the responses again: a change to it shows
    await sql`update survey_tallies set placement = jsonb_set(placement, '{section,respondents}', '999') where survey_id = ${surveyId}`.execute(t.db)
    expect((await createTallySource({ db: t.db }).placements([survey], dlV2)).get(surveyId)!.respondents).toBe(999)
    // and a row stored without it gets it on first read
    await sql`update survey_tallies set placement = null where survey_id = ${surveyId}`.execute(t.db)
    expect((await reports.getReport(surveyId, principal)).placement).toEqual(expected)
    expect(await storedPlacement(surveyId)).toEqual([{ released: 0, placement: { k: 5, section: expected } }])
  })

  it('a live dl-v2 survey: the placement rests only on released batches, and nothing is shown below k', async () => {
    let now = new Date('2026-11-10T23:00:00Z')
    const clock = { now: () => now }
    const source = createTallySource({ db: t.db, ...clock })
    const reports = createReportService({ db: t.db, tallySource: source, norms: createNormService({ db: t.db, tallySource: source, ...clock }), ...clock })
    const { surveyId } = await createSchoolWithSurvey(t.db, { instrumentVersion: 'dl-v2', releaseMode: 'live', k: 5, now })
    const staff = v2Staff(13, 21)
    await addV2(surveyId, staff, (i) => Math.floor(i / 5))
    const setBatches = (days: string[]) =>
      t.db.updateTable('surveys').set({ live_response_count: 13, live_batches_completed_on: days }).where('id', '=', surveyId).execute()
    await setBatches([])
    expect((await reports.getReport(surveyId, principal)).placement).toBeNull()
    await setBatches(['2026-11-09', '2026-11-10'])
    // open: the first batch only (the second shows tomorrow; the last three are no batch yet)
    expect((await reports.getReport(surveyId, principal)).placement).toEqual(placementResult(dlV2, staff.slice(0, 5), 5))
    now = new Date('2026-11-11T00:00:01Z')
    expect((await reports.getReport(surveyId, principal)).placement).toEqual(placementResult(dlV2, staff.slice(0, 10), 5))
    expect(await storedPlacement(surveyId)).toEqual([])
  })
})
