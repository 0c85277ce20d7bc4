import type { Kysely } from 'kysely'
import type { LeaderRole } from '../../../shared/schemas/organisations.ts'
import { EmailSchema } from '../../../shared/schemas/organisations.ts'
import { sha256 } from '../../crypto.ts'
import type { Database } from '../../db/schema.ts'
import { NotFoundError, parse, ValidationError } from '../../errors.ts'
import * as repo from './operator.repository.ts'

/** A command's change is not in the database when read back: the command must not report success. */
export class NotStoredError extends Error {}

/** What a leader's account must look like after a command, read back from the database. */
export interface LeaderExpectation {
  role?: { role: LeaderRole; scopeId: number }
  /** The token of a one-time link just printed: it must be stored, unused and unexpired. */
  linkToken?: string
  disabled?: boolean
  hasPassword?: boolean
  /** No unrevoked, unexpired session. */
  signedOut?: boolean
}

/** The operator's reads: listings, a trust or school by id or name, and read-backs of what was stored. */
export function createOperatorService({ db, now = () => new Date() }: { db: Kysely<Database>; now?: () => Date }) {
  async function resolve(kind: 'trust' | 'school', ref: string): Promise<number> {
    const text = ref.trim()
    if (/^\d+$/.test(text)) {
      const id = Number(text)
      const found = kind === 'trust' ? await repo.findTrust(db, id) : await repo.findSchool(db, id)
      if (!found) throw new NotFoundError(`There is no ${kind} ${id}. List them with: npm run cli -- list-${kind === 'trust' ? 'trusts' : 'schools'}`)
      return id
    }
    const matches = kind === 'trust' ? await repo.findTrustsByName(db, text) : await repo.findSchoolsByName(db, text)
    if (matches.length === 1) return matches[0]!.id
    if (matches.length === 0) throw new NotFoundError(`There is no ${kind} named "${text}". List them with: npm run cli -- list-${kind === 'trust' ? 'trusts' : 'schools'}`)
    throw new ValidationError(
      `${matches.length} ${kind === 'trust' ? 'trusts' : 'schools'} are named "${text}" (ids ${matches.map((m) => m.id).join(', ')}); give the id instead.`,
      [{ path: `/${kind}`, message: 'ambiguous name' }],
    )
  }

  return {
    /** A trust by its id ("3") or its exact name (any case); an ambiguous name is refused. */
    resolveTrust: (ref: string) => resolve('trust', ref),
    /** A school by its id or its exact name (any case); an ambiguous name is refused. */
    resolveSchool: (ref: string) => resolve('school', ref),

    listTrusts: () => repo.listTrusts(db),
    listSchools: (filter: { trustId?: number | undefined }) => repo.listSchools(db, filter),
    listLeaders: (filter: { trustId?: number | undefined; schoolId?: number | undefined }) => repo.listLeaders(db, filter),
    listSurveys: (filter: { trustId?: number | undefined; schoolId?: number | undefined }) => repo.listSurveys(db, filter),

    async confirmTrust(id: number, name: string): Promise<void> {
      const trust = await repo.findTrust(db, id)
      if (trust?.name !== name) throw new NotStoredError(`trust ${id} ("${name}") was not found in the database after creating it`)
    },

    async confirmSchool(id: number, name: string, trustId: number | null): Promise<void> {
      const school = await repo.findSchool(db, id)
      if (school?.name !== name || school.trustId !== trustId) throw new NotStoredError(`school ${id} ("${name}") was not found in the database after creating it`)
    },

    /** Each context field the command set must read back as set. */
    async confirmSchoolContext(id: number, expected: { phase?: string | null; staffBand?: string | null; nation?: string | null }): Promise<void> {
      const school = await repo.findSchool(db, id)
      const wrong = (Object.keys(expected) as (keyof typeof expected)[]).filter((key) => !school || school[key] !== expected[key])
      if (wrong.length > 0) throw new NotStoredError(`school ${id}: ${wrong.join(', ')} did not read back as set`)
    },

    async confirmTrustNorms(id: number, optOut: boolean): Promise<void> {
      if ((await repo.findTrust(db, id))?.normsOptOut !== optOut) throw new NotStoredError(`trust ${id}: the norms setting did not read back as set`)
    },

    async confirmLeader(email: string, expected: LeaderExpectation): Promise<void> {
      const address = parse(EmailSchema, email)
      const leader = await repo.findLeaderState(db, address, now())
      const fail = (what: string) => new NotStoredError(`${address}: ${what} (read back from the database)`)
      if (!leader) throw fail('no such leader is stored')
      if (expected.role && !(await repo.membershipExists(db, leader.id, expected.role.role, expected.role.scopeId))) throw fail('the role is not stored')
      if (expected.linkToken !== undefined && !(await repo.usableLeaderTokenExists(db, sha256(expected.linkToken), leader.id, now()))) {
        throw fail('the link is not stored')
      }
      if (expected.disabled !== undefined && leader.disabled !== expected.disabled) throw fail(leader.disabled ? 'the account is still disabled' : 'the account is not disabled')
      if (expected.hasPassword !== undefined && leader.hasPassword !== expected.hasPassword) throw fail(leader.hasPassword ? 'the old password still works' : 'there is no password')
      if (expected.signedOut && leader.liveSessions > 0) throw fail(`${leader.liveSessions} session(s) are still signed in`)
    },

    async confirmSurvey(id: number, title: string, status: 'draft' | 'open'): Promise<void> {
      const survey = await repo.findSurveyStatus(db, id)
      if (survey?.title !== title || survey.status !== status) throw new NotStoredError(`survey ${id} ("${title}", ${status}) was not found in the database after creating it`)
    },

    countAccessCodes: (surveyId: number) => repo.countAccessCodes(db, surveyId),
  }
}
export type OperatorService = ReturnType<typeof createOperatorService>
