import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { deleteExpiredCounters, incrementCounter, readCounter } from './limits.repository.ts'

// A store for @fastify/rate-limit that keeps its counters in Postgres (table rate_counters), so
// every app instance shares them: two instances no longer double a limit (issue 9.12). It has the
// shape the plugin expects of a custom store (`incr`, `read`, `child`, as its LocalStore and
// RedisStore); each route's child prefixes its keys with the route, as RedisStore does.

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void

/** What the plugin passes to `child`: the route's options, with `routeInfo` (its method and url). */
interface RouteOptions { routeInfo?: { method: string; url: string } }

/** Expired counters are swept about once in this many increments. */
const SWEEP_EVERY = 500

export function pgRateLimitStore(db: Kysely<Database>, now: () => Date = () => new Date()) {
  return class PgRateLimitStore {
    readonly prefix: string
    constructor(_globalOptions?: unknown, prefix = 'limit:') {
      this.prefix = prefix
    }

    incr(key: string, cb: Callback, timeWindow: number): void {
      const at = now()
      incrementCounter(db, this.prefix + key, timeWindow, at)
        .then(async (c) => {
          if (Math.random() * SWEEP_EVERY < 1) await deleteExpiredCounters(db, at)
          cb(null, { current: c.count, ttl: Math.max(0, c.expiresAt.getTime() - at.getTime()) })
        })
        .catch((err: Error) => cb(err))
    }

    read(key: string, cb: Callback): void {
      const at = now()
      readCounter(db, this.prefix + key, at)
        .then((c) => cb(null, { current: c.count, ttl: Math.max(0, c.expiresAt.getTime() - at.getTime()) }))
        .catch((err: Error) => cb(err))
    }

    child(routeOptions: object): PgRateLimitStore {
      const route = (routeOptions as RouteOptions).routeInfo
      return new PgRateLimitStore(undefined, `${this.prefix}${route?.method ?? ''}${route?.url ?? ''}:`)
    }
  }
}
