import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'

export interface Counter { count: number; expiresAt: Date }

/**
 * Counts one more event for `key` in a window of `windowMs` that starts with the key's first event,
 * atomically, whichever instance asks: one upsert, so concurrent requests never lose a count.
 */
export async function incrementCounter(db: Kysely<Database>, key: string, windowMs: number, now: Date): Promise<Counter> {
  const fresh = new Date(now.getTime() + windowMs)
  const row = await db
    .insertInto('rate_counters')
    .values({ key, count: 1, expires_at: fresh })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        count: eb.case().when('rate_counters.expires_at', '<=', now).then(1).else(eb('rate_counters.count', '+', 1)).end(),
        expires_at: eb.case().when('rate_counters.expires_at', '<=', now).then(fresh).else(eb.ref('rate_counters.expires_at')).end(),
      })),
    )
    .returning(['count', 'expires_at'])
    .executeTakeFirstOrThrow()
  return { count: row.count, expiresAt: new Date(row.expires_at) }
}

/** The key's count in its current window (0 when it has none). */
export async function readCounter(db: Kysely<Database>, key: string, now: Date): Promise<Counter> {
  const row = await db.selectFrom('rate_counters').select(['count', 'expires_at']).where('key', '=', key).where('expires_at', '>', now).executeTakeFirst()
  return row ? { count: row.count, expiresAt: new Date(row.expires_at) } : { count: 0, expiresAt: now }
}

export async function deleteCounter(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('rate_counters').where('key', '=', key).execute()
}

/** Forgets windows that have ended. */
export async function deleteExpiredCounters(db: Kysely<Database>, now: Date): Promise<void> {
  await db.deleteFrom('rate_counters').where('expires_at', '<=', now).execute()
}
