import { sql } from 'kysely'
import { beforeEach, describe, expect, it } from 'vitest'
import { createOrganisationService } from '../../../server/modules/organisations/organisations.service.ts'
import { createSurveyService } from '../../../server/modules/surveys/surveys.service.ts'
import { generateResponses } from '../../../shared/domain/synthetic.ts'
import { ApiErrorSchema } from '../../../shared/errors.ts'
import { byScale, type PatternValue } from '../../../shared/instrument/types.ts'
import type { ScaleMeans } from '../../../shared/schemas/reports.ts'
import type { SubmitResponseBody } from '../../../shared/schemas/forms.ts'
import { SurveyReportSchema, type SurveyReport } from '../../../shared/schemas/reports.ts'
import { SchoolListSchema, SurveySchema } from '../../../shared/schemas/surveys.ts'
import { TrustOverviewSchema, type TrustOverview } from '../../../shared/schemas/trusts.ts'
import { CSRF_HEADER } from '../../../shared/schemas/auth.ts'
import { storeResponses } from '../../helpers/fixtures.ts'
import { resetDb, testDatabases } from '../../helpers/test-db.ts'
import { useApp } from '../../helpers/app.ts'
import { insertSession, type Session } from '../../helpers/world.ts'
import { CURRENT_INSTRUMENT_ID, requireInstrument } from '../../../shared/instrument/versions.ts'

/** The questionnaire of a new survey: these tests store and read what a survey of it takes. */
const instrument = requireInstrument(CURRENT_INSTRUMENT_ID)

// Attacks on the trust-level figures (issue 9, items 1, 2 and 9; issue 16, item 5), played through
// the HTTP API as a curious school leader would. What each attacker learns must be nothing that the
// schools' own reports do not already show (DESIGN.md §4.7).

type Scales = ScaleMeans

describe.each(testDatabases())('trust figures under attack on %s', (kind) => {
  let clock = new Date('2026-06-01T12:00:00Z')
  let trustId: number
  let trustLeader: Session
  let attacker: Session
  const school = new Map<string, number>()
  const t = useApp(kind, { now: () => clock })
  beforeEach(async () => {
    await resetDb(t.db)
    school.clear()
    clock = new Date('2026-06-01T12:00:00Z')
    const organisations = createOrganisationService({ db: t.db })
    trustId = (await organisations.createTrust({ name: 'Oak Partnership' })).id
    for (const name of ['Attacker', 'Victim', 'Beech', 'Cedar', 'Damson', 'Elm', 'Walnut']) {
      school.set(name, (await organisations.createSchool({ name: `${name} School`, trustId })).id)
    }
    const ceo = await organisations.createLeader({ email: 'ceo@oak.example', displayName: 'Oak CEO' })
    await organisations.grantRole(ceo.id, 'trust_leader', trustId)
    trustLeader = await insertSession(t.db, ceo.id, new Date('2030-01-01T00:00:00Z'))
    const head = await organisations.createLeader({ email: 'head@attacker.example', displayName: 'Curious head' })
    await organisations.grantRole(head.id, 'school_leader', school.get('Attacker')!)
    attacker = await insertSession(t.db, head.id, new Date('2030-01-01T00:00:00Z'))
  })

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, session: Session, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: session.cookie, [CSRF_HEADER]: session.csrf }, ...(payload && { payload }) })

  const bodies = (pattern: PatternValue, n: number, seed: number) => generateResponses({ instrument, pattern, respondents: n, seed })

  const addResponses = (surveyId: number, list: SubmitResponseBody[]) => storeResponses(t.db, surveyId, instrument, list)

  /** A survey of another school, closed with these responses (as its own leader would have run it). */
  async function closedSurvey(name: string, opensAt: string, closesAt: string, list: SubmitResponseBody[]) {
    const surveys = createSurveyService({ db: t.db, publicUrl: 'http://127.0.0.1:3000', now: () => clock })
    const survey = await surveys.createSurvey(school.get(name)!, { title: `${name} ${closesAt.slice(0, 10)}`, opensAt, closesAt }, 'open')
    await addResponses(survey.id, list)
    await t.db.updateTable('surveys').set({ status: 'closed', closed_at: new Date(closesAt) }).where('id', '=', survey.id).execute()
    return survey.id
  }

  /** The attacker's own survey, created and opened through the API. */
  async function attackerSurvey(opensAt: string, closesAt: string) {
    const created = await call('POST', `/api/schools/${school.get('Attacker')}/surveys`, attacker, { title: `Attacker ${closesAt.slice(0, 10)}`, opensAt, closesAt })
    expect(created.statusCode).toBe(201)
    const { id } = SurveySchema.parse(created.json())
    expect((await call('POST', `/api/surveys/${id}/open`, attacker)).statusCode).toBe(200)
    return id
  }

  const report = async (surveyId: number, session: Session = attacker): Promise<SurveyReport> => {
    const res = await call('GET', `/api/surveys/${surveyId}/report`, session)
    expect(res.statusCode).toBe(200)
    return SurveyReportSchema.parse(res.json())
  }
  const overview = async (query = ''): Promise<TrustOverview> => {
    const res = await call('GET', `/api/trusts/${trustId}/overview${query}`, trustLeader)
    expect(res.statusCode).toBe(200)
    return TrustOverviewSchema.parse(res.json())
  }

  /** What the rest of the trust must be: the schools' own disclosed means, weighted by their disclosed n. */
  async function pooledFromReports(surveyIds: number[]): Promise<Scales> {
    const reports = await Promise.all(surveyIds.map((id) => report(id, trustLeader)))
    return byScale(instrument, (id) => {
      const cells = reports.map((r) => r.scales.find((x) => x.id === id)!).filter((c) => c.mean !== null)
      const n = cells.reduce((sum, c) => sum + c.n!, 0)
      return n > 0 ? cells.reduce((sum, c) => sum + c.mean! * c.n!, 0) / n : null
    })
  }
  const expectMeans = (got: Scales, want: Scales) => {
    expect(Object.keys(got)).toEqual(Object.keys(want))
    for (const [id, mean] of Object.entries(got)) {
      if (want[id as keyof Scales] === null) expect(mean).toBeNull()
      else expect(mean).toBeCloseTo(want[id as keyof Scales]!, 10)
    }
  }

  it('a scale a school withholds contributes nothing to trust totals, trends, the rest-of-trust comparison or the CSV', async () => {
    // Walnut: 6 responses under k = 5, but only 3 of them answered the coordination statements,
    // so Walnut's own report withholds coordination.
    const coordinationItems = new Set(instrument.scales.find((s) => s.id === 'coordination')!.items.map((i) => i.id))
    const walnutBodies = bodies(3, 6, 11).map((b, i) =>
      i < 3 ? { ...b, answers: Object.fromEntries(Object.entries(b.answers).filter(([id]) => !coordinationItems.has(id))) } : b,
    )
    const walnut = await closedSurvey('Walnut', '2026-03-01T08:00:00Z', '2026-03-20T17:00:00Z', walnutBodies)
    const beech = await closedSurvey('Beech', '2026-02-01T08:00:00Z', '2026-02-15T17:00:00Z', bodies(4, 10, 12))
    const cedar = await closedSurvey('Cedar', '2026-02-01T08:00:00Z', '2026-02-15T17:00:00Z', bodies(5, 9, 13))
    const damson = await closedSurvey('Damson', '2026-02-01T08:00:00Z', '2026-02-15T17:00:00Z', bodies(6, 8, 14))
    const own = await closedSurvey('Attacker', '2026-02-01T08:00:00Z', '2026-02-20T17:00:00Z', bodies(2, 7, 15))
    clock = new Date('2026-06-01T12:00:00Z')

    const walnutReport = await report(walnut, trustLeader)
    expect(walnutReport.released).toBe(true)
    expect(walnutReport.scales.find((s) => s.id === 'coordination')!.mean).toBeNull()

    // A date range holding only Walnut: the trust's coordination figure is withheld, as on Walnut's report.
    const alone = await overview('?from=2026-03-01&to=2026-03-31')
    expect(alone.schools.filter((s) => s.status === 'reportable').map((s) => s.name)).toEqual(['Walnut School'])
    expect(alone.totals.weighted.coordination).toBeNull()
    expect(alone.totals.unweighted.coordination).toBeNull()
    expectMeans(alone.totals.weighted, Object.fromEntries(walnutReport.scales.map((s) => [s.id, s.mean])) as Scales)
    const csv = (await call('GET', `/api/trusts/${trustId}/overview.csv?from=2026-03-01&to=2026-03-31`, trustLeader)).body
    expect(csv).toContain('\r\ntrust,,Oak Partnership,trust,coordination,mean_weighted,\r\n')
    expect(csv).toContain('\r\ntrust,,Oak Partnership,trust,coordination,mean_unweighted,\r\n')

    // The whole term: coordination pools the four schools that disclose it, the rest pool all five.
    const spring = await overview('?cycle=2026-spring')
    const all = await pooledFromReports([walnut, beech, cedar, damson, own])
    expectMeans(spring.totals.weighted, all)
    const trend = spring.trends.find((t) => t.cycle.id === '2026-spring')!
    expectMeans(trend.trust, all)

    // The attacker's report compares with the rest of the trust: Walnut counts only where it discloses.
    const mine = await report(own)
    expect(mine.overlays.trust).not.toBeNull()
    expect(mine.overlays.trust!.basis).toBe('4 other schools, 33 responses')
    expectMeans(mine.overlays.trust!.scales, await pooledFromReports([walnut, beech, cedar, damson]))
    const without = await pooledFromReports([beech, cedar, damson])
    expect(mine.overlays.trust!.scales.coordination).toBeCloseTo(without.coordination!, 10)
  })

  it('a school leader who slides their survey dates, closes early or opens a new survey cannot isolate another school', async () => {
    // Elm closed in spring; the rest of the trust in summer 2026 is Victim, Beech, Cedar and Damson.
    await closedSurvey('Elm', '2026-02-01T08:00:00Z', '2026-03-01T17:00:00Z', bodies(1, 9, 20))
    const victim = await closedSurvey('Victim', '2026-05-02T08:00:00Z', '2026-06-10T17:00:00Z', bodies(7, 12, 21))
    const beech = await closedSurvey('Beech', '2026-06-01T08:00:00Z', '2026-06-20T17:00:00Z', bodies(4, 10, 22))
    const cedar = await closedSurvey('Cedar', '2026-07-01T08:00:00Z', '2026-07-15T17:00:00Z', bodies(5, 9, 23))
    const damson = await closedSurvey('Damson', '2026-08-01T08:00:00Z', '2026-08-20T17:00:00Z', bodies(6, 8, 24))

    const seen: { move: string; trust: SurveyReport['overlays']['trust'] }[] = []
    const look = async (move: string, ...surveyIds: number[]) => {
      for (const id of surveyIds) seen.push({ move, trust: (await report(id)).overlays.trust })
    }

    // An early survey, closing in May by its date.
    clock = new Date('2026-05-02T09:00:00Z')
    const early = await attackerSurvey('2026-05-03T08:00:00Z', '2026-05-20T17:00:00Z')
    await addResponses(early, bodies(3, 6, 30))
    clock = new Date('2026-08-21T09:00:00Z')
    await look('watching the summer term', early)

    // A second survey whose closing date the leader slides back and forth, then closes early.
    const late = await attackerSurvey('2026-08-21T08:00:00Z', '2026-08-30T17:00:00Z')
    await addResponses(late, bodies(3, 6, 31))
    expect((await call('PATCH', `/api/surveys/${late}`, attacker, { closesAt: '2026-09-15T17:00:00Z' })).statusCode).toBe(200)
    expect((await call('PATCH', `/api/surveys/${late}`, attacker, { closesAt: '2026-08-29T17:00:00Z' })).statusCode).toBe(200)
    clock = new Date('2026-08-28T09:00:00Z')
    expect((await call('POST', `/api/surveys/${late}/close`, attacker)).statusCode).toBe(200)
    await look('closing early', early, late)
    expect((await report(late)).overlays.trustNote).toBe(
      'The comparison with the rest of the trust in Summer 2026 appears on 1 September 2026, once that term has ended, so that it cannot change while anyone watches.',
    )
    // the same as figures, for a page in another language
    expect((await report(late)).overlays.trustWhy).toMatchObject({ status: 'pending', term: { year: 2026, season: 'summer' }, appearsOn: '2026-09-01' })

    // The summer term ends: now there is a comparison, and it must be the same for both surveys.
    clock = new Date('2026-09-02T09:00:00Z')
    await look('after the term', early, late)

    // The victim opens its next survey and gathers responses; Damson closes one with none.
    const victimNext = await createSurveyService({ db: t.db, publicUrl: 'http://127.0.0.1:3000', now: () => clock }).createSurvey(
      school.get('Victim')!,
      { title: 'Victim autumn', opensAt: '2026-09-03T08:00:00Z', closesAt: '2026-10-15T17:00:00Z' },
      'open',
    )
    await addResponses(victimNext.id, bodies(7, 7, 32))
    await closedSurvey('Damson', '2026-08-21T08:00:00Z', '2026-08-25T17:00:00Z', [])
    clock = new Date('2026-09-20T09:00:00Z')
    await look('others open and close surveys', early, late)

    // A third survey in the autumn, closed early; then the autumn term ends too.
    const autumn = await attackerSurvey('2026-09-20T08:00:00Z', '2026-10-30T17:00:00Z')
    await addResponses(autumn, bodies(3, 6, 33))
    clock = new Date('2026-10-01T09:00:00Z')
    expect((await call('POST', `/api/surveys/${autumn}/close`, attacker)).statusCode).toBe(200)
    await look('an autumn survey', early, late, autumn)
    clock = new Date('2027-01-05T09:00:00Z')
    await look('months later', early, late, autumn)

    const rest = await pooledFromReports([victim, beech, cedar, damson])
    const shown = seen.filter((s) => s.trust !== null)
    expect(shown.map((s) => s.move)).toEqual([
      ...['after the term', 'others open and close surveys', 'an autumn survey', 'months later'].flatMap((move) => [move, move]),
    ])
    for (const { trust } of shown) {
      expect(trust!.basis).toBe('4 other schools, 39 responses')
      expectMeans(trust!.scales, rest)
    }
    const final = await report(autumn)
    expect(final.overlays.trustNote).toMatch(/at least 3 other schools/)
    expect((await report(early)).overlays.trustNote).toMatch(/^Compared with the rest of the trust in Summer 2026 \(4 other schools/)
    const compared = (await report(early)).overlays
    expect(compared.trustWhy).toMatchObject({ status: 'compared', term: { year: 2026, season: 'summer' }, otherSchools: 4, responses: compared.trust!.responses })
  })

  it('a school leader sees no comparison when fewer than 3 other schools have results in the term', async () => {
    await closedSurvey('Victim', '2026-06-01T08:00:00Z', '2026-06-20T17:00:00Z', bodies(7, 8, 40))
    await closedSurvey('Beech', '2026-06-01T08:00:00Z', '2026-06-20T17:00:00Z', bodies(4, 9, 41))
    await closedSurvey('Cedar', '2026-06-01T08:00:00Z', '2026-06-20T17:00:00Z', bodies(5, 3, 42)) // below k: not one of them
    const own = await closedSurvey('Attacker', '2026-06-01T08:00:00Z', '2026-06-25T17:00:00Z', bodies(3, 7, 43))
    clock = new Date('2026-09-05T09:00:00Z')
    for (const session of [attacker, trustLeader]) {
      const got = await report(own, session)
      expect(got.overlays.trust).toBeNull()
      expect(got.overlays.trustNote).toMatch(/Summer 2026: it needs at least 3 other schools with results/)
      expect(got.overlays.trustWhy).toMatchObject({ status: 'too_few', minSchools: 3, otherSchools: null })
    }
  })

  it('a school leader cannot break the trust overview with absurd dates, and absurd stored dates break no page', async () => {
    const attackerId = school.get('Attacker')!
    for (const dates of [
      { opensAt: '2026-06-01T08:00:00Z', closesAt: '9999-12-31T00:00:00Z' },
      { opensAt: '1999-12-31T08:00:00Z', closesAt: '2026-06-10T00:00:00Z' },
    ]) {
      const res = await call('POST', `/api/schools/${attackerId}/surveys`, attacker, { title: 'Forever', ...dates })
      expect(res.statusCode).toBe(400)
      expect(ApiErrorSchema.parse(res.json()).error.message).toMatch(/between 2000 and 2100/)
    }
    const survey = await attackerSurvey('2026-06-02T08:00:00Z', '2026-06-30T17:00:00Z')
    const patched = await call('PATCH', `/api/surveys/${survey}`, attacker, { closesAt: '9999-12-31T00:00:00Z' })
    expect(patched.statusCode).toBe(400)
    expect(ApiErrorSchema.parse(patched.json()).error.message).toMatch(/between 2000 and 2100/)
    for (const query of ['?cycle=9999-autumn', '?cycle=1999-spring', '?from=9999-01-01&to=9999-12-31', '?from=1900-01-01&to=1900-12-31']) {
      const res = await call('GET', `/api/trusts/${trustId}/overview${query}`, trustLeader)
      expect(res.statusCode).toBe(400)
      expect(ApiErrorSchema.parse(res.json()).error.message).toMatch(/2000 and 2100/)
    }

    // Dates written straight into the database, as only a database edit could: a survey "closing"
    // on 9999-12-31, closed, with results; one from 44 BC; one closing in the year 20000 and one
    // never closing ('infinity'); beside ordinary surveys of the other schools.
    const stored = async (name: string, dates: { opens_at?: string; closes_at: string; closed_at: string | null }) => {
      const id = await closedSurvey(name, '2026-06-01T08:00:00Z', '2026-06-20T17:00:00Z', bodies(3, 6, 50 + school.get(name)!))
      const at = (value: string | null) => (value === null ? null : sql<Date>`${value}::timestamptz`)
      await t.db
        .updateTable('surveys')
        .set({ ...(dates.opens_at && { opens_at: at(dates.opens_at)! }), closes_at: at(dates.closes_at)!, closed_at: at(dates.closed_at) })
        .where('id', '=', id)
        .execute()
      return id
    }
    const absurd = await stored('Attacker', { closes_at: '9999-12-31T00:00:00Z', closed_at: '9999-12-31T00:00:00Z' })
    const ancient = await stored('Elm', { opens_at: '0044-03-01 00:00:00+00 BC', closes_at: '0044-03-15 00:00:00+00 BC', closed_at: null })
    const far = await stored('Damson', { closes_at: '20000-01-01 00:00:00+00', closed_at: null })
    const never = await stored('Walnut', { closes_at: 'infinity', closed_at: null })
    const beech = await closedSurvey('Beech', '2026-06-01T08:00:00Z', '2026-06-20T17:00:00Z', bodies(4, 6, 52))
    clock = new Date('2026-11-22T12:00:00Z')

    const pages: [string, Session][] = [
      [`/api/trusts/${trustId}/overview`, trustLeader],
      [`/api/trusts/${trustId}/overview?cycle=2026-summer`, trustLeader],
      [`/api/trusts/${trustId}/overview.csv`, trustLeader],
      ['/api/schools', trustLeader],
      [`/api/schools/${attackerId}`, attacker],
      [`/api/schools/${attackerId}/surveys`, attacker],
      ...['Elm', 'Damson', 'Walnut'].flatMap((name): [string, Session][] => [[`/api/schools/${school.get(name)}/surveys`, trustLeader]]),
      ...[absurd, ancient, far, never, beech].flatMap((id): [string, Session][] => [
        [`/api/surveys/${id}`, trustLeader],
        [`/api/surveys/${id}/report`, trustLeader],
        [`/api/surveys/${id}/report.csv`, trustLeader],
        [`/api/surveys/${id}/progress`, trustLeader],
      ]),
    ]
    for (const [url, session] of pages) {
      const res = await call('GET', url, session)
      expect(`${url} ${res.statusCode}`).toBe(`${url} 200`)
    }
    const o = await overview()
    expect(o.cycle?.id).toBe('2026-summer')
    expect(o.cycles.map((c) => c.id)).toEqual(['2026-summer'])
  })

  it('the trust overview opens on the latest term with results, and home cards show the latest survey with results', async () => {
    const ash = await closedSurvey('Victim', '2026-06-01T08:00:00Z', '2026-06-20T17:00:00Z', bodies(3, 8, 60))
    await closedSurvey('Beech', '2026-06-01T08:00:00Z', '2026-06-20T17:00:00Z', bodies(4, 6, 61))
    // Cedar closes an autumn survey nobody answered; Victim then starts a test survey and a draft.
    await closedSurvey('Cedar', '2026-09-10T08:00:00Z', '2026-10-01T17:00:00Z', [])
    clock = new Date('2026-11-22T12:00:00Z')
    const surveys = createSurveyService({ db: t.db, publicUrl: 'http://127.0.0.1:3000', now: () => clock })
    const test = await surveys.createSurvey(school.get('Victim')!, { title: 'Test run', opensAt: '2026-11-20T08:00:00Z', closesAt: '2026-12-10T17:00:00Z' }, 'open')
    await addResponses(test.id, bodies(3, 1, 62))
    await surveys.createSurvey(school.get('Victim')!, { title: 'Spring draft', opensAt: '2027-02-01T08:00:00Z', closesAt: '2027-02-20T17:00:00Z' })
    const draftOnly = await surveys.createSurvey(school.get('Damson')!, { title: 'Damson draft', opensAt: '2027-02-01T08:00:00Z', closesAt: '2027-02-20T17:00:00Z' })

    const o = await overview()
    expect(o.cycles.map((c) => c.id)).toEqual(['2026-autumn', '2026-summer'])
    expect(o.cycle?.id).toBe('2026-summer')
    expect(o.totals.schoolsReportable).toBe(2)
    expect((await overview('?cycle=2026-autumn')).totals.schoolsReportable).toBe(0)

    const res = await call('GET', '/api/schools', trustLeader)
    expect(res.statusCode).toBe(200)
    const cards = new Map(SchoolListSchema.parse(res.json()).items.map((s) => [s.name, s.latestSurvey]))
    expect(cards.get('Victim School')).toMatchObject({ id: ash, phase: 'closed' })
    expect(cards.get('Damson School')).toMatchObject({ id: draftOnly.id, phase: 'draft' })
    expect(cards.get('Elm School')).toBeNull()
  })
})
