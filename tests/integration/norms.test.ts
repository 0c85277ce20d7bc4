import { sql } from 'kysely'
import { beforeEach, describe, expect, it } from 'vitest'
import { createNormService } from '../../server/modules/norms/norms.service.ts'
import { createTallySource } from '../../server/modules/reports/tally-source.ts'
import { computeNorms, DIMENSION_MEASURE_PREFIX, NORM_MIN_SCHOOLS, placeAmong, PLACEMENT_MEASURE, standingOf } from '../../shared/domain/norms.ts'
import { MODEL_DIMENSIONS } from '../../shared/domain/placement.ts'
import { TrustOverviewSchema } from '../../shared/schemas/trusts.ts'
import { CURRENT_INSTRUMENT_ID, requireInstrument } from '../../shared/instrument/versions.ts'
import { SchoolNormsSchema } from '../../shared/schemas/norms.ts'
import { contributorsOf, generateFigureSchools, seedFigureSchools, type FigureSchool } from '../helpers/norms.ts'
import { resetDb, testDatabases } from '../helpers/test-db.ts'
import { useApp } from '../helpers/app.ts'
import { as, createWorld, openSurveyAsSchoolLeader, reportAsSchoolLeader, type World } from '../helpers/world.ts'
import type { PatternValue } from '../../shared/instrument/types.ts'
import { generateResponses } from '../../shared/domain/synthetic.ts'
import { DAY } from '../helpers/fixtures.ts'

/** Norms are of the questionnaire new surveys use (the norm routes read its norms). */
const instrument = requireInstrument(CURRENT_INSTRUMENT_ID)

// Norms computed in SQL from stored figures equal the pure computation (shared/domain/norms.ts) on
// generated schools; a group below its minimum, or one that switching groups would expose, is never
// stored or shown; a trust that opted out contributes nothing, and its schools still see norms.

const NOW = new Date('2026-11-20T12:00:00Z')
const SCALES = instrument.scales.map((s) => s.id)
/** Every measure norms are computed for: the scales, then (dl-v2) the placement's dimensions and the placement. */
const MEASURES = [...SCALES, ...MODEL_DIMENSIONS.map((id) => `${DIMENSION_MEASURE_PREFIX}${id}`), PLACEMENT_MEASURE]
const stored = async (db: Parameters<typeof createNormService>[0]['db']) =>
  (await db.selectFrom('norms').select(['kind', 'group_key', 'measure', 'schools', 'trusts', 'percentiles']).orderBy('measure').orderBy('kind').orderBy('group_key').execute()).map((r) => ({
    kind: r.kind, key: r.group_key, measure: r.measure, schools: r.schools, trusts: r.trusts, percentiles: r.percentiles,
  }))
const sorted = <T extends { kind: string; key: string; measure: string }>(rows: T[]) => [...rows].sort((a, b) => `${a.measure} ${a.kind} ${a.key}`.localeCompare(`${b.measure} ${b.kind} ${b.key}`))

describe.each(testDatabases())('norms on %s', (kind) => {
  let clock = NOW
  const t = useApp(kind, { now: () => clock })
  const norms = () => createNormService({ db: t.db, tallySource: createTallySource({ db: t.db, now: () => NOW }), now: () => NOW })
  beforeEach(async () => {
    clock = NOW
    await resetDb(t.db)
  })
  const computedAt = async () => {
    const row = await t.db.selectFrom('norm_refreshes').select('computed_at').where('instrument_version_id', '=', instrument.id).executeTakeFirst()
    return row ? new Date(row.computed_at).toISOString() : null
  }
  /** A survey opened two days ago at school A1 (or `school`), answered by `respondents` generated staff; its id. */
  async function answeredSurvey(world: World, { pattern, respondents, seed, school = world.schoolA1 }: { pattern: PatternValue; respondents: number; seed: number; school?: number }): Promise<number> {
    const { id, token } = await openSurveyAsSchoolLeader(t.app, world, new Date(NOW.getTime() - 2 * DAY), { k: 5 })
    if (school !== world.schoolA1) await t.db.updateTable('surveys').set({ school_id: school }).where('id', '=', id).execute()
    for (const body of generateResponses({ instrument, pattern, respondents, seed })) {
      const { comments: _, ...answers } = body
      expect((await t.app.inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload: answers })).statusCode).toBe(201)
    }
    return id
  }
  const closeSurvey = async (world: World, id: number) =>
    expect((await t.app.inject({ method: 'POST', url: `/api/surveys/${id}/close`, headers: as(world, 'trustLeader') })).statusCode).toBe(200)
  const reference = (count: number) =>
    seedFigureSchools(t.db, NOW, [{}, {}, {}, {}], Array.from({ length: count }, (_, i): FigureSchool => ({ trust: i % 4, phase: null, staffBand: null, nation: null, surveys: [{ closedDaysAgo: 40, means: SCALES.map(() => 3 + i / 20), dimensions: [20 + i * 5, 40 + i * 3, 30 + i * 4, 50 + i], mostLikely: 1 + (i % 7) }] })))

  it('are computed as a survey closes; a read computes them again only once a survey has passed its end date unclosed', async () => {
    const world = await createWorld(t.db, NOW)
    await reference(12)
    const id = await answeredSurvey(world, { pattern: 4, respondents: 10, seed: 5 })
    expect(await computedAt()).toBeNull()
    await closeSurvey(world, id)
    // The closed survey's school counts at once beside the twelve.
    expect(await computedAt()).toBe(NOW.toISOString())
    expect((await stored(t.db)).filter((r) => r.kind === 'all' && SCALES.includes(r.measure as (typeof SCALES)[number])).map((r) => r.schools)).toEqual(SCALES.map(() => 13))

    // Another survey, still open, ends ten minutes later: reads before then compute nothing; the first read after does.
    const other = await openSurveyAsSchoolLeader(t.app, world, NOW)
    await t.db.updateTable('surveys').set({ closes_at: new Date(NOW.getTime() + 10 * 60_000) }).where('id', '=', other.id).execute()
    clock = new Date(NOW.getTime() + 5 * 60_000)
    expect((await reportAsSchoolLeader(t.app, world, id)).norms!.groups.map((g) => g.kind)).toEqual(['all'])
    expect(await computedAt()).toBe(NOW.toISOString())
    clock = new Date(NOW.getTime() + 15 * 60_000)
    await reportAsSchoolLeader(t.app, world, id)
    expect(await computedAt()).toBe(clock.toISOString())
  })

  it('place each school of a trust overview among all schools beside its mean, only where its mean is shown', async () => {
    const world = await createWorld(t.db, NOW)
    const overview = async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/trusts/${world.trustA}/overview`, headers: as(world, 'trustLeader') })
      expect(res.statusCode).toBe(200)
      return TrustOverviewSchema.parse(res.json())
    }
    // A school with figures, a school below k (3 responses, k 5).
    const survey = async (school: number, respondents: number) => closeSurvey(world, await answeredSurvey(world, { pattern: 3, respondents, seed: school, school }))
    await survey(world.schoolA1, 12)
    await survey(world.schoolA2, 3)
    // Two schools of one trust are too few for norms: no percentile anywhere, and the overview says why.
    const without = await overview()
    expect(without.schools.flatMap((s) => Object.values(s.percentiles)).every((p) => p === null)).toBe(true)
    expect(without.norms.note).toMatch(/^No percentiles yet/)

    await reference(12)
    await norms().refresh(instrument.id)
    const rows = (await stored(t.db)).filter((r) => r.kind === 'all')
    const body = await overview()
    const shown = body.schools.find((s) => s.schoolId === world.schoolA1)!
    for (const scale of instrument.scales) {
      const mean = shown.scales[scale.id]
      const row = rows.find((r) => r.measure === scale.id)
      expect(shown.percentiles[scale.id]).toEqual(mean === null || !row ? null : placeAmong(mean, row.percentiles))
    }
    expect(Object.values(shown.percentiles).some((p) => p !== null)).toBe(true)
    const belowK = body.schools.find((s) => s.schoolId === world.schoolA2)!
    expect(belowK.status).toBe('below_k')
    expect(Object.values(belowK.percentiles).every((p) => p === null)).toBe(true)
    expect(body.norms.note).toMatch(/among all schools with results in the last 12 months \(up to 13 schools\)/)
    const csv = (await t.app.inject({ method: 'GET', url: `/api/trusts/${world.trustA}/overview.csv`, headers: as(world, 'trustLeader') })).body
    const first = instrument.scales.find((s) => shown.percentiles[s.id] !== null)!
    const at = shown.percentiles[first.id]!
    expect(csv).toContain(`,${first.id},percentile_all,${at.beyond ? `${at.beyond} ${at.percentile}` : at.percentile}`)
  })

  it('place a dl-v2 school\'s placement dimensions among other schools, and say how they are placed, in the report, getNorms and the CSV', async () => {
    const world = await createWorld(t.db, NOW)
    const headers = as(world, 'schoolLeader')
    await reference(12)
    const id = await answeredSurvey(world, { pattern: 5, respondents: 15, seed: 8 })
    await closeSurvey(world, id)
    const rows = (await stored(t.db)).filter((r) => r.kind === 'all')
    const report = await reportAsSchoolLeader(t.app, world, id)
    const placement = report.placement!
    // Each dimension's standing is read off the stored percentiles, with the dimension's interval, as a scale's is.
    expect(report.norms!.dimensions.map((d) => d.id)).toEqual([...MODEL_DIMENSIONS])
    for (const d of report.norms!.dimensions) {
      const estimate = placement.dimensions[d.id]
      const row = rows.find((r) => r.measure === `${DIMENSION_MEASURE_PREFIX}${d.id}`)
      expect(d.all).toEqual(estimate && row ? standingOf(estimate.mean, estimate.low, estimate.high, row.percentiles) : null)
      expect(d.allSchools).toBe(row?.schools ?? null)
    }
    expect(report.norms!.dimensions.some((d) => d.all !== null)).toBe(true)
    // The placement: the share of the 13 schools most likely in each pattern.
    const shares = rows.find((r) => r.measure === PLACEMENT_MEASURE)!.percentiles
    expect(report.norms!.placement).toEqual({ all: shares, similar: null })
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 1)
    const mostLikely = [...Array.from({ length: 12 }, (_, i) => 1 + (i % 7)), placement.mostLikely]
    expect(shares).toEqual([1, 2, 3, 4, 5, 6, 7].map((p) => Math.round((mostLikely.filter((m) => m === p).length / 13) * 100) / 100))

    const res = await t.app.inject({ method: 'GET', url: `/api/schools/${world.schoolA1}/norms`, headers })
    const body = SchoolNormsSchema.parse(res.json())
    expect(body.groups[0]!.placement).toEqual({ schools: 13, trusts: 5, shares })
    expect(body.groups[0]!.dimensions.find((d) => d.id === 'spread')!.percentiles).toEqual(rows.find((r) => r.measure === 'dimension:spread')?.percentiles ?? null)
    const csv = (await t.app.inject({ method: 'GET', url: `/api/surveys/${id}/report.csv`, headers })).body
    const spread = report.norms!.dimensions.find((d) => d.all)!
    expect(csv).toContain(`norm,dimension:${spread.id},${spread.id},,,all,percentile,${spread.all!.percentile}`)
    expect(csv).toContain(`norm,,,,,all,share_most_likely_${placement.mostLikely},${shares[placement.mostLikely - 1]}`)
  })

  it('are computed again when a school\'s context changes', async () => {
    const world = await createWorld(t.db, NOW)
    await reference(12)
    const res = await t.app.inject({ method: 'PATCH', url: `/api/schools/${world.schoolA1}/context`, headers: as(world, 'schoolLeader'), payload: { phase: 'primary' } })
    expect(res.statusCode).toBe(200)
    expect(await computedAt()).toBe(NOW.toISOString())
    expect((await stored(t.db)).filter((r) => r.kind === 'all' && SCALES.includes(r.measure as (typeof SCALES)[number])).map((r) => r.schools)).toEqual(SCALES.map(() => 12))
  })

  // Two readers at once need two connections: a Postgres server's (PGlite has one, and runs one statement at a time).
  if (kind === 'postgres') {
    it('a read that finds the norms out of date while a refresh is under way reads the stored ones, without waiting', async () => {
      const { schoolIds } = await reference(12)
      await norms().refresh(instrument.id)
      const later = new Date(NOW.getTime() + 2 * 3_600_000) // an hour after: out of date
      const service = createNormService({ db: t.db, tallySource: createTallySource({ db: t.db, now: () => later }), now: () => later })
      let release!: () => void
      let locked!: () => void
      const held = new Promise<void>((resolve) => (release = resolve))
      const isLocked = new Promise<void>((resolve) => (locked = resolve))
      const refreshing = t.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtext(${`norms:${instrument.id}`}))`.execute(trx)
        locked()
        await held
      })
      const read = () => service.getNorms(schoolIds[0]!, instrument.id)
      try {
        await isLocked
        const during = await read()
        expect(during.computedAt).toBe(NOW.toISOString())
        expect(during.groups[0]!.scales.every((s) => s.schools === 12)).toBe(true)
      } finally {
        release()
        await refreshing
      }
      expect((await read()).computedAt).toBe(later.toISOString())
    })
  }

  it('equal the pure computation on generated schools: latest survey of the window, opted-out trusts left out', async () => {
    const trusts = Array.from({ length: 12 }, (_, i) => ({ optOut: i === 3 }))
    const schools = generateFigureSchools(400, trusts.length, 13)
    const { schoolIds } = await seedFigureSchools(t.db, NOW, trusts, schools)
    await norms().refresh(instrument.id)
    const expected = computeNorms(contributorsOf(trusts, schools, schoolIds), MEASURES)
    expect(expected.length).toBeGreaterThan(MEASURES.length * 3) // all schools, and several similar groups
    expect(expected.filter((r) => r.measure === PLACEMENT_MEASURE).every((r) => r.percentiles.length === 7)).toBe(true)
    expect(expected.some((r) => r.kind === 'similar_nation')).toBe(true)
    const actual = await stored(t.db)
    expect(sorted(actual).map((r) => ({ ...r, percentiles: r.percentiles.map((p) => Math.round(p * 100)) }))).toEqual(
      sorted(expected).map((r) => ({ ...r, percentiles: r.percentiles.map((p) => Math.round(p * 100)) })),
    )
  })

  it('never stores a group below its minimum, nor one whose difference from its parent is below it', async () => {
    // Similar group (primary, 20–49): 10 schools in 3 trusts. The other 4 schools of all: too few to stand alone.
    const school = (trust: number | null, phase: 'primary' | 'secondary', mean: number): FigureSchool => ({
      trust, phase, staffBand: '20_to_49', nation: 'england', surveys: [{ closedDaysAgo: 30, means: SCALES.map(() => mean) }],
    })
    const trusts = [{}, {}, {}, {}]
    const primary = Array.from({ length: 10 }, (_, i) => school(i % 3, 'primary', 3 + i / 20))
    const others = Array.from({ length: 4 }, (_, i) => school(3, 'secondary', 2 + i / 10))
    await seedFigureSchools(t.db, NOW, trusts, [...primary, ...others])
    await norms().refresh(instrument.id)
    const kinds = new Set((await stored(t.db)).map((r) => `${r.kind}:${r.key}`))
    // all: 14 schools from 4 trusts; primary alone would let the 4 secondary schools be worked out by difference
    expect([...kinds]).toEqual(['all:all'])

    // Five more secondary schools (from a fifth trust and none) leave 9 outside the primary group: still hidden. Ten: shown.
    await seedFigureSchools(t.db, NOW, [{}], Array.from({ length: 5 }, (_, i) => school(i < 3 ? 0 : null, 'secondary', 2.5)))
    await norms().refresh(instrument.id)
    expect(new Set((await stored(t.db)).map((r) => `${r.kind}:${r.key}`))).toEqual(new Set(['all:all']))
    await seedFigureSchools(t.db, NOW, [], [school(null, 'secondary', 2.6)])
    await norms().refresh(instrument.id)
    const shown = await stored(t.db)
    expect(new Set(shown.map((r) => `${r.kind}:${r.key}`))).toEqual(new Set(['all:all', 'similar:primary/20_to_49', 'similar:secondary/20_to_49', 'similar_nation:primary/20_to_49/england', 'similar_nation:secondary/20_to_49/england']))
    for (const row of shown) expect(row.schools).toBeGreaterThanOrEqual(NORM_MIN_SCHOOLS)
  })

  // Ten schools in a group from trusts 0–2, ten beside it in its parent from trusts 3 and 4: the ten
  // beside it are two trusts, too few to be worked out by difference, so neither is shown. Moving one
  // school beside it into trust 0 makes them three trusts (trust 0 no longer lies wholly in the group).
  for (const [level, beside, whenShown] of [
    ['similar', { phase: 'secondary', nation: 'england' }, ['all:all', 'similar:primary/20_to_49', 'similar:secondary/20_to_49', 'similar_nation:primary/20_to_49/england', 'similar_nation:secondary/20_to_49/england']],
    ['similar and nation', { phase: 'primary', nation: 'wales' }, ['all:all', 'similar:primary/20_to_49', 'similar_nation:primary/20_to_49/england', 'similar_nation:primary/20_to_49/wales']],
  ] as const) {
    it(`count a trust in what a ${level} group's parent holds beside it only where its schools there lie outside the group`, async () => {
      const school = (trust: number, phase: 'primary' | 'secondary', nation: 'england' | 'wales', mean: number): FigureSchool => ({
        trust, phase, staffBand: '20_to_49', nation, surveys: [{ closedDaysAgo: 30, means: SCALES.map(() => mean) }],
      })
      const inGroup = Array.from({ length: 10 }, (_, i) => school(i % 3, 'primary', 'england', 3 + i / 20))
      const besideIt = Array.from({ length: 10 }, (_, i) => school(3 + (i % 2), beside.phase, beside.nation, 2 + i / 20))
      const { trustIds, schoolIds } = await seedFigureSchools(t.db, NOW, [{}, {}, {}, {}, {}], [...inGroup, ...besideIt])
      await norms().refresh(instrument.id)
      const groupsStored = async () => new Set((await stored(t.db)).map((r) => `${r.kind}:${r.key}`))
      expect(await groupsStored()).toEqual(new Set(level === 'similar' ? ['all:all'] : ['all:all', 'similar:primary/20_to_49']))

      await t.db.updateTable('schools').set({ trust_id: trustIds[0]! }).where('id', '=', schoolIds[10]!).execute()
      await norms().refresh(instrument.id)
      expect(await groupsStored()).toEqual(new Set(whenShown))
    })
  }

  it('leaves out a trust that opted out, and its schools still see norms through getNorms', async () => {
    const trusts = Array.from({ length: 6 }, () => ({}))
    const schools = generateFigureSchools(80, 6, 7).map((s) => ({ ...s, surveys: s.surveys.map((v) => ({ ...v, closedDaysAgo: v.closedDaysAgo % 300 })) }))
    const { trustIds, schoolIds } = await seedFigureSchools(t.db, NOW, trusts, schools)
    const service = norms()
    await service.refresh(instrument.id)
    const before = await stored(t.db)
    await service.setTrustOptOut(trustIds[0]!, true)
    const after = await stored(t.db)
    expect(after).not.toEqual(before)
    expect(sorted(after)).toEqual(sorted(computeNorms(contributorsOf([{ optOut: true }, ...trusts.slice(1)], schools, schoolIds), MEASURES)))

    // A leader of a school in the opted-out trust reads the norm tables.
    const world = await createWorld(t.db, NOW)
    await t.db.updateTable('schools').set({ trust_id: trustIds[0]! }).where('id', '=', world.schoolA1).execute()
    const res = await t.app.inject({ method: 'GET', url: `/api/schools/${world.schoolA1}/norms`, headers: as(world, 'schoolLeader') })
    expect(res.statusCode).toBe(200)
    const body = SchoolNormsSchema.parse(res.json())
    expect(body.groups.map((g) => g.kind)).toEqual(['all'])
    expect(body.groups[0]!.scales.every((s) => s.percentiles !== null && s.schools! >= NORM_MIN_SCHOOLS)).toBe(true)
  })

  it('names a school report\'s priorities relative to similar schools, says so, and gives each scale\'s percentile in words', async () => {
    const world = await createWorld(t.db, NOW)
    const headers = as(world, 'schoolLeader')
    await t.app.inject({ method: 'PATCH', url: `/api/schools/${world.schoolA1}/context`, headers, payload: { phase: 'primary', staffBand: '20_to_49', nation: 'england' } })
    const id = await answeredSurvey(world, { pattern: 4, respondents: 24, seed: 31 })
    await closeSurvey(world, id)
    const plain = await reportAsSchoolLeader(t.app, world, id)
    expect(plain.norms!.basis).toBeNull()
    expect(plain.norms!.note).toMatch(/highest and lowest means: no comparison group covers every scale yet/)

    // Twelve similar schools in four trusts. On the school's highest scale they all score higher
    // still; on its lowest, lower still: relative to them, its highest is where it lags most.
    const means = plain.scales.map((s) => s.mean!)
    const top = plain.scales.reduce((a, b) => (b.mean! > a.mean! ? b : a)).id
    const bottom = plain.scales.reduce((a, b) => (b.mean! < a.mean! ? b : a)).id
    const reference = Array.from({ length: 12 }, (_, i): FigureSchool => ({
      trust: i % 4, phase: 'primary', staffBand: '20_to_49', nation: 'england',
      surveys: [{ closedDaysAgo: 40, means: plain.scales.map((s, n) => s.id === top ? means[n]! + 0.6 + i / 100 : s.id === bottom ? means[n]! - 0.6 - i / 100 : means[n]! + (i - 6) / 20) }],
    }))
    await seedFigureSchools(t.db, NOW, [{}, {}, {}, {}], reference)
    await norms().refresh(instrument.id)

    const report = await reportAsSchoolLeader(t.app, world, id)
    expect(report.norms!.basis).toBe('similar')
    expect(report.norms!.note).toMatch(/chosen by where each scale stands among primary schools with 20 to 49 staff, not by the raw means/)
    expect(report.priorities[0]!.id).toBe(top)
    expect(report.priorities[0]!.evidence).toMatch(/^Relative to primary schools with 20 to 49 staff: below the 10th percentile/)
    expect(report.strengths.map((s) => s.id)).toContain(bottom)
    const standing = report.norms!.scales.find((s) => s.id === top)!
    expect(standing.similar!.wording).toMatch(/below the 10th percentile/)
    expect(standing.similarSchools).toBe(13)
    // The CSV carries the same standings, and the codebook says what they are.
    const csv = (await t.app.inject({ method: 'GET', url: `/api/surveys/${id}/report.csv`, headers })).body
    expect(csv).toContain(`norm,${top},${plain.scales.find((s) => s.id === top)!.name},,,similar,percentile,${standing.similar!.percentile}`)
    expect((await t.app.inject({ method: 'GET', url: `/api/surveys/${id}/report.csv?part=codebook`, headers })).body).toContain('measure: percentile, percentile_low, percentile_high')
    const middle = report.norms!.scales.find((s) => s.id !== top && s.id !== bottom)!
    expect(middle.similar!.wording).toMatch(/^around the \d+(st|nd|rd|th) percentile(; between (below the 10th|the \d+\w\w) and (above the 90th|the \d+\w\w))?$/)
  })
})
