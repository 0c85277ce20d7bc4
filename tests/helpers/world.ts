import type { Kysely } from 'kysely'
import { beforeEach, expect } from 'vitest'
import type { AppDeps } from '../../server/app.ts'
import { newToken, sha256 } from '../../server/crypto.ts'
import type { Database } from '../../server/db/schema.ts'
import { hashPassword } from '../../server/passwords.ts'
import { createOrganisationService } from '../../server/modules/organisations/organisations.service.ts'
import { createSurveyService } from '../../server/modules/surveys/surveys.service.ts'
import type { Instrument } from '../../shared/instrument/types.ts'
import { CSRF_HEADER } from '../../shared/schemas/auth.ts'
import type { SubmitResponseBody } from '../../shared/schemas/forms.ts'
import { SurveyReportSchema, type SurveyReport } from '../../shared/schemas/reports.ts'
import { useApp, type App, type TestApp } from './app.ts'
import { DAY, storeResponses } from './fixtures.ts'
import { resetDb, type DatabaseKind } from './test-db.ts'

// A small partnership to test who may see what: trust A with schools A1 and A2, trust B with
// school B1, a leader for every kind of access, and a survey in A1 and in B1.

export const PASSWORD = 'correct horse battery staple'
let passwordHash: Promise<string> | undefined

export type Who = 'anonymous' | 'schoolLeader' | 'otherSchoolSameTrust' | 'trustLeader' | 'otherTrustLeader' | 'disabled' | 'expired'

export interface Session { cookie: string; csrf: string }

export interface World {
  trustA: number
  trustB: number
  schoolA1: number
  schoolA2: number
  schoolB1: number
  surveyA1: number
  surveyB1: number
  /** An action of survey A1's plan. */
  actionA1: number
  tokenA1: string
  tokenB1: string
  sessions: Record<Exclude<Who, 'anonymous'>, Session>
  emails: Record<Exclude<Who, 'anonymous'>, string>
  /** Strings that must never appear in a refusal: names, titles, links and emails of the world. */
  secrets: string[]
}

/** Creates the world with sessions inserted directly (no sign-in round trips). */
export async function createWorld(db: Kysely<Database>, now = new Date()): Promise<World> {
  passwordHash ??= hashPassword(PASSWORD)
  const organisations = createOrganisationService({ db })
  const surveys = createSurveyService({ db, publicUrl: 'http://127.0.0.1:3000' })
  const trustA = (await organisations.createTrust({ name: 'Alder Trust' })).id
  const trustB = (await organisations.createTrust({ name: 'Birch Trust' })).id
  const schoolA1 = (await organisations.createSchool({ name: 'Alder One School', trustId: trustA })).id
  const schoolA2 = (await organisations.createSchool({ name: 'Alder Two School', trustId: trustA })).id
  const schoolB1 = (await organisations.createSchool({ name: 'Birch One School', trustId: trustB })).id
  const window = { opensAt: new Date(now.getTime() - DAY).toISOString(), closesAt: new Date(now.getTime() + 14 * DAY).toISOString() }
  const surveyA1 = await surveys.createSurvey(schoolA1, { title: 'Alder One autumn survey', accessMode: 'codes', ...window }, 'open')
  const surveyB1 = await surveys.createSurvey(schoolB1, { title: 'Birch One autumn survey', ...window }, 'open')

  const roles: Record<Exclude<Who, 'anonymous'>, ['school_leader' | 'trust_leader', number]> = {
    schoolLeader: ['school_leader', schoolA1],
    otherSchoolSameTrust: ['school_leader', schoolA2],
    trustLeader: ['trust_leader', trustA],
    otherTrustLeader: ['trust_leader', trustB],
    disabled: ['school_leader', schoolA1],
    expired: ['school_leader', schoolA1],
  }
  const sessions = {} as World['sessions']
  const emails = {} as World['emails']
  for (const [who, [role, scopeId]] of Object.entries(roles) as [Exclude<Who, 'anonymous'>, (typeof roles)[keyof typeof roles]][]) {
    const email = `${who.toLowerCase()}@example.org`
    const { id } = await db
      .insertInto('leaders')
      .values({ email, display_name: `Leader ${who}`, password_hash: await passwordHash, disabled_at: who === 'disabled' ? now : null })
      .returning('id')
      .executeTakeFirstOrThrow()
    await organisations.grantRole(id, role, scopeId)
    sessions[who] = await insertSession(db, id, who === 'expired' ? new Date(now.getTime() - 60_000) : new Date(now.getTime() + 3_600_000))
    emails[who] = email
  }
  const { id: actionA1 } = await db
    .insertInto('actions')
    .values({ survey_id: surveyA1.id, title: 'Alder One reading project', scales: ['synergy'], influence: 'dialogue', lead_role: 'middle_leader', lead_name: null, supporters: '[]', review_on: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  const tokenA1 = surveyA1.link.split('/s/')[1]!
  const tokenB1 = surveyB1.link.split('/s/')[1]!
  return {
    trustA, trustB, schoolA1, schoolA2, schoolB1,
    surveyA1: surveyA1.id, surveyB1: surveyB1.id, actionA1, tokenA1, tokenB1, sessions, emails,
    secrets: ['Alder', 'Birch', 'autumn survey', tokenA1, tokenB1, '@example.org'],
  }
}

export async function insertSession(db: Kysely<Database>, leaderId: number, expiresAt: Date): Promise<Session> {
  const token = newToken()
  const csrf = newToken()
  await db.insertInto('sessions').values({ id: sha256(token), leader_id: leaderId, csrf_token: csrf, expires_at: expiresAt }).execute()
  return { cookie: `continuum_session=${token}`, csrf }
}

/** Headers for a request as a given leader (none for anonymous). */
export function as(world: World, who: Who): Record<string, string> {
  if (who === 'anonymous') return {}
  const session = world.sessions[who]
  return { cookie: session.cookie, [CSRF_HEADER]: session.csrf }
}

/** The app over the world, rebuilt before each test of the calling describe block. */
export interface WorldApp extends TestApp {
  world: World
  /** The app's clock: set to the real time before each test; a test may move it. */
  now: Date
}

/**
 * `useApp` (with `options`) whose clock is `t.now`, and before each test a reset database with a
 * fresh world created at the real time. Tests reach it as `t.world`, `t.now`, `t.app`, `t.db`.
 */
export function useWorld(kind: DatabaseKind, options: Omit<AppDeps, 'db' | 'now'> = {}): WorldApp {
  const t = useApp(kind, { ...options, now: () => t.now }) as WorldApp
  beforeEach(async () => {
    t.now = new Date()
    await resetDb(t.db)
    t.world = await createWorld(t.db, t.now)
  })
  return t
}

/** A survey of school A1, created and opened through the API by the world's school leader: open from a day before `now` for ten days. */
export async function openSurveyAsSchoolLeader(app: App, world: World, now: Date, body: object = {}): Promise<{ id: number; token: string }> {
  const headers = as(world, 'schoolLeader')
  const res = await app.inject({
    method: 'POST',
    url: `/api/schools/${world.schoolA1}/surveys`,
    headers,
    payload: { title: 'Test survey', opensAt: new Date(now.getTime() - DAY).toISOString(), closesAt: new Date(now.getTime() + 10 * DAY).toISOString(), ...body },
  })
  expect(res.statusCode).toBe(201)
  const survey = res.json() as { id: number; link: string }
  expect((await app.inject({ method: 'POST', url: `/api/surveys/${survey.id}/open`, headers })).statusCode).toBe(200)
  return { id: survey.id, token: survey.link.split('/s/')[1]! }
}

/** A survey's report as the world's school leader reads it through the API. */
export async function reportAsSchoolLeader(app: App, world: World, surveyId: number): Promise<SurveyReport> {
  const res = await app.inject({ method: 'GET', url: `/api/surveys/${surveyId}/report`, headers: as(world, 'schoolLeader') })
  expect(res.statusCode).toBe(200)
  return SurveyReportSchema.parse(res.json())
}

/**
 * A survey of school A1 that ran from day `from` to day `to` (days from `now`, so negative in the
 * past) and closed, inserted directly with these responses stored (a live survey's all in its first
 * release batch). Returns its id.
 */
export async function closedSurveyOfA1(
  db: Kysely<Database>,
  world: World,
  now: Date,
  survey: { title: string; instrument: Instrument; from: number; to: number; k?: number; releaseMode?: 'at_close' | 'live' },
  bodies: readonly SubmitResponseBody[],
): Promise<number> {
  const { title, instrument, from, to, k = 5, releaseMode = 'at_close' } = survey
  const closesAt = new Date(now.getTime() + to * DAY)
  const { id } = await db
    .insertInto('surveys')
    .values({ school_id: world.schoolA1, instrument_version_id: instrument.id, title, token: newToken(), status: 'closed', opens_at: new Date(now.getTime() + from * DAY), closes_at: closesAt, closed_at: closesAt, k, release_mode: releaseMode })
    .returning('id')
    .executeTakeFirstOrThrow()
  await storeResponses(db, id, instrument, bodies, () => ({ releaseBatch: releaseMode === 'live' ? 0 : null }))
  return id
}
