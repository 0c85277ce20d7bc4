import type { Kysely } from 'kysely'
import type { z } from 'zod'
import { CreateLeaderInputSchema, CreateSchoolInputSchema, CreateTrustInputSchema, UpdateSchoolContextBodySchema, type LeaderRole, type SchoolContext } from '../../../shared/schemas/organisations.ts'
import type { Database } from '../../db/schema.ts'
import { ConflictError, NotFoundError, parse } from '../../errors.ts'
import { hashPassword } from '../../passwords.ts'
import * as repo from './organisations.repository.ts'

/** The operator's use cases: trusts, schools, leader accounts and what each leader leads. */
export function createOrganisationService({ db, onContextChanged }: {
  db: Kysely<Database>
  /** Called after a school's context has changed: the norms, which group schools by it, are computed again then. */
  onContextChanged?: () => Promise<void>
}) {
  return {
    async createTrust(input: z.input<typeof CreateTrustInputSchema>) {
      return repo.insertTrust(db, parse(CreateTrustInputSchema, input))
    },

    async createSchool(input: z.input<typeof CreateSchoolInputSchema>) {
      const school = parse(CreateSchoolInputSchema, input)
      if (school.trustId !== null && !(await repo.trustExists(db, school.trustId))) throw new NotFoundError(`There is no trust ${school.trustId}.`)
      return repo.insertSchool(db, school)
    },

    async createLeader(input: z.input<typeof CreateLeaderInputSchema>) {
      const leader = parse(CreateLeaderInputSchema, input)
      const taken = () => new ConflictError('CONFLICT', `A leader with the email ${leader.email} already exists.`)
      if (await repo.findLeaderIdByEmail(db, leader.email)) throw taken()
      const passwordHash = leader.password === undefined ? null : await hashPassword(leader.password)
      const created = await repo.insertLeader(db, { email: leader.email, displayName: leader.displayName, passwordHash })
      if (!created) throw taken()
      return created
    },

    /** Makes a leader a school leader of a school, or a trust leader of a trust. */
    async grantRole(leaderId: number, role: LeaderRole, scopeId: number) {
      const exists = role === 'school_leader' ? await repo.schoolExists(db, scopeId) : await repo.trustExists(db, scopeId)
      if (!exists) throw new NotFoundError(`There is no ${role === 'school_leader' ? 'school' : 'trust'} ${scopeId}.`)
      await repo.insertMembership(db, { leaderId, role, scopeId })
    },

    /** A school's context (phase, staff band, nation, in a trust), for its norm groups. */
    async getSchoolContext(schoolId: number): Promise<SchoolContext> {
      const context = await repo.findSchoolContext(db, schoolId)
      if (!context) throw new NotFoundError('There is no such school.')
      return context
    },

    /** Sets the fields given (the operator from the CLI, or the school's leaders) and returns the context as stored. */
    async updateSchoolContext(schoolId: number, input: z.input<typeof UpdateSchoolContextBodySchema>): Promise<SchoolContext> {
      const change = parse(UpdateSchoolContextBodySchema, input)
      if (!(await repo.schoolExists(db, schoolId))) throw new NotFoundError('There is no such school.')
      await repo.updateSchoolContext(db, schoolId, change)
      await onContextChanged?.()
      return this.getSchoolContext(schoolId)
    },
  }
}
export type OrganisationService = ReturnType<typeof createOrganisationService>
