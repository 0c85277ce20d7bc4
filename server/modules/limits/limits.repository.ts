import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'

export interface Counter { count: number; expiresAt: Date }

/** `by` more events for `key`, in a window of `windowMs` that starts with the key's first event. */
export interface Increment { key: string; by: number; windowMs: number }

/**
 * Counts events for several keys at once, atomically, whichever instance asks: one upsert, so
 * concurrent requests never lose a count. Returns each key's count after its increment. Keys are
 * locked in sorted order, so two instances counting overlapping keys cannot deadlock. (An upsert
 * from `unnest` of parallel arrays: the sql tag says it more plainly than the builder.)
 */
export async function incrementCounters(db: Kysely<Database>, increments: readonly Increment[], now: Date): Promise<Map<string, Counter>> {
  const sorted = [...increments].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const rows = await sql<{ key: string; count: number; expires_at: Date }>`
    insert into rate_counters as r (key, count, expires_at)
    select key, by, ${now}::timestamptz + window_ms * interval '1 millisecond'
    from unnest(${sorted.map((i) => i.key)}::text[], ${sorted.map((i) => i.by)}::int[], ${sorted.map((i) => i.windowMs)}::int[]) as u(key, by, window_ms)
    on conflict (key) do update set
      count = case when r.expires_at <= ${now}::timestamptz then excluded.count else r.count + excluded.count end,
      expires_at = case when r.expires_at <= ${now}::timestamptz then excluded.expires_at else r.expires_at end
    returning key, count, expires_at`.execute(db)
  return new Map(rows.rows.map((row) => [row.key, { count: row.count, expiresAt: new Date(row.expires_at) }]))
}

/** Counts one more event for `key` (`incrementCounters` for one key). */
export async function incrementCounter(db: Kysely<Database>, key: string, windowMs: number, now: Date): Promise<Counter> {
  return (await incrementCounters(db, [{ key, by: 1, windowMs }], now)).get(key)!
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
