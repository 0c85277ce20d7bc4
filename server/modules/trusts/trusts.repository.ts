import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'

export async function findTrust(db: Kysely<Database>, trustId: number): Promise<{ id: number; name: string; isDemo: boolean } | undefined> {
  const row = await db.selectFrom('trusts').select(['id', 'name', 'is_demo']).where('id', '=', trustId).executeTakeFirst()
  return row && { id: row.id, name: row.name, isDemo: row.is_demo }
}

export async function listTrustSchools(db: Kysely<Database>, trustId: number): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('schools').select(['id', 'name']).where('trust_id', '=', trustId).orderBy('name').orderBy('id').execute()
}
