import { sql, type Kysely } from 'kysely'
import type { AccessMode } from '../../../shared/schemas/forms.ts'
import type { LeaderRole } from '../../../shared/schemas/organisations.ts'
import type { ReleaseMode, SurveyStatus } from '../../../shared/schemas/surveys.ts'
import type { Database } from '../../db/schema.ts'

// What the operator's command line reads: listings, names to ids, and the read-back of what a
// command stored (the CLI prints success only for what it finds here).

export interface TrustListing { id: number; name: string; isDemo: boolean; schools: number; leaders: number }
export interface SchoolListing { id: number; name: string; trustId: number | null; trustName: string | null; surveys: number }
export interface LeaderListing {
  id: number
  email: string
  displayName: string
  state: 'active' | 'invited' | 'disabled'
  roles: { role: LeaderRole; scopeId: number; scopeName: string }[]
}
export interface SurveyListing {
  id: number
  schoolId: number
  schoolName: string
  title: string
  status: SurveyStatus
  opensAt: Date
  closesAt: Date
  accessMode: AccessMode
  releaseMode: ReleaseMode
  timeZone: string
}
export interface LeaderState { id: number; email: string; hasPassword: boolean; disabled: boolean; liveSessions: number }

export async function listTrusts(db: Kysely<Database>): Promise<TrustListing[]> {
  const rows = await db
    .selectFrom('trusts')
    .leftJoin('schools', 'schools.trust_id', 'trusts.id')
    .leftJoin('memberships', (join) =>
      join.on((eb) => eb.or([eb('memberships.trust_id', '=', eb.ref('trusts.id')), eb('memberships.school_id', '=', eb.ref('schools.id'))])),
    )
    .select(['trusts.id', 'trusts.name', 'trusts.is_demo', (eb) => eb.cast<number>(eb.fn.count('schools.id').distinct(), 'integer').as('schools'),
      (eb) => eb.cast<number>(eb.fn.count('memberships.leader_id').distinct(), 'integer').as('leaders'),
    ])
    .groupBy(['trusts.id', 'trusts.name', 'trusts.is_demo'])
    .orderBy('trusts.id')
    .execute()
  return rows.map((r) => ({ id: r.id, name: r.name, isDemo: r.is_demo, schools: r.schools, leaders: r.leaders }))
}

export async function listSchools(db: Kysely<Database>, filter: { trustId?: number | undefined }): Promise<SchoolListing[]> {
  let query = db
    .selectFrom('schools')
    .leftJoin('trusts', 'trusts.id', 'schools.trust_id')
    .leftJoin('surveys', 'surveys.school_id', 'schools.id')
    .select(['schools.id', 'schools.name', 'schools.trust_id', 'trusts.name as trust_name', (eb) => eb.cast<number>(eb.fn.count('surveys.id').distinct(), 'integer').as('surveys')])
    .groupBy(['schools.id', 'schools.name', 'schools.trust_id', 'trusts.name'])
    .orderBy('schools.id')
  if (filter.trustId !== undefined) query = query.where('schools.trust_id', '=', filter.trustId)
  const rows = await query.execute()
  return rows.map((r) => ({ id: r.id, name: r.name, trustId: r.trust_id, trustName: r.trust_name, surveys: r.surveys }))
}

/** Leaders, optionally only those whose roles reach a trust (its schools too) or a school (its trust too). */
export async function listLeaders(db: Kysely<Database>, filter: { trustId?: number | undefined; schoolId?: number | undefined }): Promise<LeaderListing[]> {
  let leaders = db.selectFrom('leaders').select(['id', 'email', 'display_name', 'password_hash', 'disabled_at']).orderBy('id')
  if (filter.trustId !== undefined) {
    const trustId = filter.trustId
    leaders = leaders.where('id', 'in', (eb) =>
      eb
        .selectFrom('memberships')
        .leftJoin('schools', 'schools.id', 'memberships.school_id')
        .select('memberships.leader_id')
        .where((w) => w.or([w('memberships.trust_id', '=', trustId), w('schools.trust_id', '=', trustId)])),
    )
  }
  if (filter.schoolId !== undefined) {
    const schoolId = filter.schoolId
    leaders = leaders.where('id', 'in', (eb) =>
      eb
        .selectFrom('memberships')
        .select('memberships.leader_id')
        .where((w) =>
          w.or([
            w('memberships.school_id', '=', schoolId),
            w('memberships.trust_id', 'in', w.selectFrom('schools').select('schools.trust_id').where('schools.id', '=', schoolId)),
          ]),
        ),
    )
  }
  const rows = await leaders.execute()
  if (rows.length === 0) return []
  const memberships = await db
    .selectFrom('memberships')
    .leftJoin('schools', 'schools.id', 'memberships.school_id')
    .leftJoin('trusts', 'trusts.id', 'memberships.trust_id')
    .select(['memberships.leader_id', 'memberships.role', 'memberships.school_id', 'memberships.trust_id', 'schools.name as school_name', 'trusts.name as trust_name'])
    .where('memberships.leader_id', 'in', rows.map((r) => r.id))
    .orderBy('memberships.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    state: r.disabled_at !== null ? 'disabled' : r.password_hash === null ? 'invited' : 'active',
    roles: memberships
      .filter((m) => m.leader_id === r.id)
      .map((m) =>
        m.role === 'school_leader'
          ? { role: m.role, scopeId: m.school_id!, scopeName: m.school_name ?? '' }
          : { role: m.role, scopeId: m.trust_id!, scopeName: m.trust_name ?? '' },
      ),
  }))
}

export async function listSurveys(db: Kysely<Database>, filter: { trustId?: number | undefined; schoolId?: number | undefined }): Promise<SurveyListing[]> {
  let query = db
    .selectFrom('surveys')
    .innerJoin('schools', 'schools.id', 'surveys.school_id')
    .select([
      'surveys.id', 'surveys.school_id', 'schools.name as school_name', 'surveys.title', 'surveys.status', 'surveys.opens_at', 'surveys.closes_at',
      'surveys.access_mode', 'surveys.release_mode', 'schools.time_zone',
    ])
    .orderBy('surveys.id')
  if (filter.trustId !== undefined) query = query.where('schools.trust_id', '=', filter.trustId)
  if (filter.schoolId !== undefined) query = query.where('surveys.school_id', '=', filter.schoolId)
  const rows = await query.execute()
  return rows.map((r) => ({
    id: r.id,
    schoolId: r.school_id,
    schoolName: r.school_name,
    title: r.title,
    status: r.status,
    opensAt: new Date(r.opens_at),
    closesAt: new Date(r.closes_at),
    accessMode: r.access_mode,
    releaseMode: r.release_mode,
    timeZone: r.time_zone,
  }))
}

/** Trusts whose name is `name`, ignoring case and surrounding spaces. */
export async function findTrustsByName(db: Kysely<Database>, name: string): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('trusts').select(['id', 'name']).where(sql<string>`lower(trim(name))`, '=', name.trim().toLowerCase()).orderBy('id').execute()
}

/** Schools whose name is `name`, ignoring case and surrounding spaces. */
export async function findSchoolsByName(db: Kysely<Database>, name: string): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('schools').select(['id', 'name']).where(sql<string>`lower(trim(name))`, '=', name.trim().toLowerCase()).orderBy('id').execute()
}

export async function findTrust(db: Kysely<Database>, id: number): Promise<{ id: number; name: string; normsOptOut: boolean } | undefined> {
  const row = await db.selectFrom('trusts').select(['id', 'name', 'norms_opt_out']).where('id', '=', id).executeTakeFirst()
  return row && { id: row.id, name: row.name, normsOptOut: row.norms_opt_out }
}

export async function findSchool(
  db: Kysely<Database>,
  id: number,
): Promise<{ id: number; name: string; trustId: number | null; phase: string | null; staffBand: string | null; nation: string | null } | undefined> {
  const row = await db.selectFrom('schools').select(['id', 'name', 'trust_id', 'phase', 'staff_band', 'nation']).where('id', '=', id).executeTakeFirst()
  return row && { id: row.id, name: row.name, trustId: row.trust_id, phase: row.phase, staffBand: row.staff_band, nation: row.nation }
}

export async function findLeaderState(db: Kysely<Database>, email: string, now: Date): Promise<LeaderState | undefined> {
  const row = await db
    .selectFrom('leaders')
    .select((eb) => [
      'leaders.id', 'leaders.email', 'leaders.password_hash', 'leaders.disabled_at',
      eb
        .selectFrom('sessions')
        .select((s) => s.cast<number>(s.fn.countAll(), 'integer').as('n'))
        .whereRef('sessions.leader_id', '=', 'leaders.id')
        .where('sessions.revoked_at', 'is', null)
        .where('sessions.expires_at', '>', now)
        .as('live_sessions'),
    ])
    .where('leaders.email', '=', email)
    .executeTakeFirst()
  return row && { id: row.id, email: row.email, hasPassword: row.password_hash !== null, disabled: row.disabled_at !== null, liveSessions: row.live_sessions ?? 0 }
}

export async function membershipExists(db: Kysely<Database>, leaderId: number, role: LeaderRole, scopeId: number): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .select('id')
    .where('leader_id', '=', leaderId)
    .where('role', '=', role)
    .where(role === 'school_leader' ? 'school_id' : 'trust_id', '=', scopeId)
    .executeTakeFirst()
  return row !== undefined
}

/** Whether a one-time link (by its token's hash) is stored for the leader, unused and unexpired. */
export async function usableLeaderTokenExists(db: Kysely<Database>, tokenId: string, leaderId: number, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('leader_tokens')
    .select('id')
    .where('id', '=', tokenId)
    .where('leader_id', '=', leaderId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  return row !== undefined
}

export async function findSurveyStatus(db: Kysely<Database>, id: number): Promise<{ id: number; title: string; status: SurveyStatus; schoolId: number } | undefined> {
  const row = await db.selectFrom('surveys').select(['id', 'title', 'status', 'school_id']).where('id', '=', id).executeTakeFirst()
  return row && { id: row.id, title: row.title, status: row.status, schoolId: row.school_id }
}

/** How many access codes a survey has, used or not. */
export async function countAccessCodes(db: Kysely<Database>, surveyId: number): Promise<number> {
  const row = await db
    .selectFrom('survey_access_codes')
    .select(sql<number>`cast(cardinality(unused) + cardinality(used) as integer)`.as('n'))
    .where('survey_id', '=', surveyId)
    .executeTakeFirst()
  return row?.n ?? 0
}
