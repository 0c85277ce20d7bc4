import { sql, type Expression, type Kysely } from 'kysely'
import { jsonObjectFrom } from 'kysely/helpers/postgres'
import type { Database } from '../../db/schema.ts'
import type { CurrentLeader } from '../../../shared/schemas/auth.ts'

export interface LeaderCredentials {
  id: number
  passwordHash: string | null
  disabled: boolean
}

export async function findLeaderCredentials(db: Kysely<Database>, email: string): Promise<LeaderCredentials | undefined> {
  const row = await db.selectFrom('leaders').select(['id', 'password_hash', 'disabled_at']).where('email', '=', email).executeTakeFirst()
  return row && { id: row.id, passwordHash: row.password_hash, disabled: row.disabled_at !== null }
}

export async function findLeaderPasswordHash(db: Kysely<Database>, leaderId: number): Promise<string | null> {
  const row = await db.selectFrom('leaders').select('password_hash').where('id', '=', leaderId).executeTakeFirst()
  return row?.password_hash ?? null
}

export async function insertSession(db: Kysely<Database>, session: { id: string; leaderId: number; csrfToken: string; expiresAt: Date }): Promise<void> {
  await db.insertInto('sessions').values({ id: session.id, leader_id: session.leaderId, csrf_token: session.csrfToken, expires_at: session.expiresAt }).execute()
}

export type SessionState =
  | { state: 'valid'; leaderId: number; csrfToken: string; expiresAt: Date; schoolIds: number[]; trustIds: number[]; target: Scope | null }
  | { state: 'expired' }
  | { state: 'invalid' }

/** The school, survey or trust a route names, for authorisation. */
export interface ScopeTarget { kind: 'school' | 'survey' | 'trust'; id: number }
/** Whose it is: a school's (or a survey's school's) id and trust, or a trust's id. */
export interface Scope { schoolId: number | null; trustId: number | null }

function scopeOf(db: Kysely<Database>, { kind, id }: ScopeTarget): Expression<Scope> {
  switch (kind) {
    case 'school':
      return db.selectFrom('schools').select(['schools.id as schoolId', 'schools.trust_id as trustId']).where('schools.id', '=', id)
    case 'survey':
      return db.selectFrom('surveys').innerJoin('schools', 'schools.id', 'surveys.school_id').select(['schools.id as schoolId', 'schools.trust_id as trustId']).where('surveys.id', '=', id)
    case 'trust':
      return db.selectFrom('trusts').select([sql<number | null>`null::integer`.as('schoolId'), 'trusts.id as trustId']).where('trusts.id', '=', id)
  }
}

/**
 * A session is valid while unexpired, unrevoked, and its leader is not disabled. Its leader's
 * schools and trusts come with it, in the same statement: every signed-in request needs both; and
 * so does the scope of the school, survey or trust the route names (`target`; null if there is none).
 */
export async function findSession(db: Kysely<Database>, sessionId: string, now: Date, target?: ScopeTarget): Promise<SessionState> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('leaders', 'leaders.id', 'sessions.leader_id')
    .select(['sessions.leader_id', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.revoked_at', 'leaders.disabled_at'])
    .select([
      sql<number[]>`array(select m.school_id from memberships m where m.leader_id = sessions.leader_id and m.school_id is not null)`.as('school_ids'),
      sql<number[]>`array(select m.trust_id from memberships m where m.leader_id = sessions.leader_id and m.trust_id is not null)`.as('trust_ids'),
    ])
    .$if(target !== undefined, (q) => q.select(jsonObjectFrom(scopeOf(db, target!)).as('target')))
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst()
  if (!row || row.revoked_at !== null || row.disabled_at !== null) return { state: 'invalid' }
  if (row.expires_at <= now) return { state: 'expired' }
  return { state: 'valid', leaderId: row.leader_id, csrfToken: row.csrf_token, expiresAt: row.expires_at, schoolIds: row.school_ids, trustIds: row.trust_ids, target: row.target ?? null }
}

export async function revokeSession(db: Kysely<Database>, sessionId: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: at }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute()
}

export async function revokeOtherSessions(db: Kysely<Database>, leaderId: number, keepSessionId: string | null, at: Date): Promise<void> {
  let query = db.updateTable('sessions').set({ revoked_at: at }).where('leader_id', '=', leaderId).where('revoked_at', 'is', null)
  if (keepSessionId) query = query.where('id', '!=', keepSessionId)
  await query.execute()
}

export async function setPasswordHash(db: Kysely<Database>, leaderId: number, passwordHash: string | null): Promise<void> {
  await db.updateTable('leaders').set({ password_hash: passwordHash }).where('id', '=', leaderId).execute()
}

export async function setLeaderDisabled(db: Kysely<Database>, leaderId: number, at: Date | null): Promise<void> {
  await db.updateTable('leaders').set({ disabled_at: at }).where('id', '=', leaderId).execute()
}

export async function listMemberships(db: Kysely<Database>, leaderId: number): Promise<CurrentLeader['memberships']> {
  const rows = await db
    .selectFrom('memberships')
    .leftJoin('schools', 'schools.id', 'memberships.school_id')
    .leftJoin('trusts', 'trusts.id', 'memberships.trust_id')
    .select(['memberships.role', 'memberships.school_id', 'memberships.trust_id', 'schools.name as school_name', 'trusts.name as trust_name'])
    .where('memberships.leader_id', '=', leaderId)
    .orderBy('memberships.role', 'desc')
    .orderBy('memberships.id')
    .execute()
  return rows.map((r) =>
    r.role === 'school_leader'
      ? { role: r.role, scopeId: r.school_id!, scopeName: r.school_name ?? '' }
      : { role: r.role, scopeId: r.trust_id!, scopeName: r.trust_name ?? '' },
  )
}

export async function findLeaderProfile(db: Kysely<Database>, leaderId: number): Promise<{ id: number; email: string; displayName: string } | undefined> {
  const row = await db.selectFrom('leaders').select(['id', 'email', 'display_name']).where('id', '=', leaderId).executeTakeFirst()
  return row && { id: row.id, email: row.email, displayName: row.display_name }
}

export async function insertLeaderToken(db: Kysely<Database>, token: { id: string; leaderId: number; purpose: 'invite' | 'reset'; expiresAt: Date }): Promise<void> {
  await db.insertInto('leader_tokens').values({ id: token.id, leader_id: token.leaderId, purpose: token.purpose, expires_at: token.expiresAt }).execute()
}

/**
 * Retires every outstanding link of an account (marks it used), except `keepTokenId`: a newer link,
 * a link used, or a password changed leaves no older link that still works.
 */
export async function retireLeaderTokens(db: Kysely<Database>, leaderId: number, now: Date, keepTokenId: string | null = null): Promise<void> {
  let query = db.updateTable('leader_tokens').set({ used_at: now }).where('leader_id', '=', leaderId).where('used_at', 'is', null)
  if (keepTokenId) query = query.where('id', '!=', keepTokenId)
  await query.execute()
}

/** Uses a one-time link: returns its leader if it was unused, unexpired and the leader is enabled. */
export async function consumeLeaderToken(db: Kysely<Database>, tokenId: string, now: Date): Promise<number | undefined> {
  const row = await db
    .updateTable('leader_tokens')
    .set({ used_at: now })
    .where('id', '=', tokenId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('leaders').select('leaders.id').whereRef('leaders.id', '=', 'leader_tokens.leader_id').where('leaders.disabled_at', 'is', null)),
    )
    .returning('leader_id')
    .executeTakeFirst()
  return row?.leader_id
}

