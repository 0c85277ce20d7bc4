import type { Kysely } from 'kysely'
import type { LeaderRole, SchoolContext, UpdateSchoolContextBody } from '../../../shared/schemas/organisations.ts'
import type { Database } from '../../db/schema.ts'

export async function insertTrust(db: Kysely<Database>, input: { name: string; isDemo: boolean }): Promise<{ id: number; name: string }> {
  return db.insertInto('trusts').values({ name: input.name, is_demo: input.isDemo }).returning(['id', 'name']).executeTakeFirstOrThrow()
}

export async function insertSchool(db: Kysely<Database>, input: { name: string; trustId: number | null; timeZone: string }): Promise<{ id: number; name: string; timeZone: string }> {
  const row = await db.insertInto('schools').values({ name: input.name, trust_id: input.trustId, time_zone: input.timeZone }).returning(['id', 'name', 'time_zone']).executeTakeFirstOrThrow()
  return { id: row.id, name: row.name, timeZone: row.time_zone }
}

export async function insertLeader(
  db: Kysely<Database>,
  input: { email: string; displayName: string; passwordHash: string | null },
): Promise<{ id: number; email: string } | undefined> {
  // undefined when the email is taken, also by a request that won a race with this one
  return db
    .insertInto('leaders')
    .values({ email: input.email, display_name: input.displayName, password_hash: input.passwordHash })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning(['id', 'email'])
    .executeTakeFirst()
}

export async function insertMembership(
  db: Kysely<Database>,
  input: { leaderId: number; role: LeaderRole; scopeId: number },
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({
      leader_id: input.leaderId,
      role: input.role,
      school_id: input.role === 'school_leader' ? input.scopeId : null,
      trust_id: input.role === 'trust_leader' ? input.scopeId : null,
    })
    .onConflict((oc) => oc.constraint('memberships_unique').doNothing())
    .execute()
}

export async function findLeaderIdByEmail(db: Kysely<Database>, email: string): Promise<number | undefined> {
  const row = await db.selectFrom('leaders').select('id').where('email', '=', email).executeTakeFirst()
  return row?.id
}

export async function trustExists(db: Kysely<Database>, id: number): Promise<boolean> {
  return (await db.selectFrom('trusts').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
}

export async function schoolExists(db: Kysely<Database>, id: number): Promise<boolean> {
  return (await db.selectFrom('schools').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
}

export async function countTrusts(db: Kysely<Database>): Promise<number> {
  const { n } = await db.selectFrom('trusts').select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')).executeTakeFirstOrThrow()
  return n
}


export async function findSchoolContext(db: Kysely<Database>, schoolId: number): Promise<SchoolContext | undefined> {
  const row = await db.selectFrom('schools').select(['id', 'phase', 'staff_band', 'nation', 'trust_id']).where('id', '=', schoolId).executeTakeFirst()
  return row && { schoolId: row.id, phase: row.phase, staffBand: row.staff_band, nation: row.nation, inTrust: row.trust_id !== null }
}

export async function updateSchoolContext(db: Kysely<Database>, schoolId: number, change: UpdateSchoolContextBody): Promise<void> {
  await db
    .updateTable('schools')
    .set({
      ...(change.phase !== undefined ? { phase: change.phase } : {}),
      ...(change.staffBand !== undefined ? { staff_band: change.staffBand } : {}),
      ...(change.nation !== undefined ? { nation: change.nation } : {}),
    })
    .where('id', '=', schoolId)
    .execute()
}
