import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { deleteExpiredCounters, incrementCounters, readCounter, type Counter } from './limits.repository.ts'

// A store for @fastify/rate-limit that keeps its counters in Postgres (table rate_counters), so
// every app instance shares them: two instances no longer double a limit (issue 9.12). It has the
// shape the plugin expects of a custom store (`incr`, `read`, `child`, as its LocalStore and
// RedisStore); each route's child prefixes its keys with the route, as RedisStore does.
//
// Increments are batched the way Postgres batches commits: one statement is in flight at a time,
// and the requests that arrive while it runs are counted together by the next one, whatever their
// keys. Each request still gets its own number in its key's window (a batch of n for a key whose
// count comes back as c numbers its requests c − n + 1 … c, in arrival order), so every limit is
// decided exactly as one statement per request would decide it, on one instance or several. An idle
// instance sends one statement per request, as before; a busy one sends one per round trip, not one
// per request (docs/benchmarks.md).

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void

/** What the plugin passes to `child`: the route's options, with `routeInfo` (its method and url). */
interface RouteOptions { routeInfo?: { method: string; url: string } }

/** Expired counters are swept about once in this many increments. */
const SWEEP_EVERY = 500

interface Waiting { windowMs: number; callbacks: ((counted: { count: number; counter: Counter } | Error) => void)[] }

/** Counts increments in batches: at most one statement in flight, the rest waiting for the next. */
function counterBatcher(db: Kysely<Database>, now: () => Date) {
  let waiting = new Map<string, Waiting>()
  let inFlight = false

  async function flush(): Promise<void> {
    inFlight = true
    while (waiting.size > 0) {
      const batch = waiting
      waiting = new Map()
      const at = now()
      try {
        const counters = await incrementCounters(db, [...batch].map(([key, w]) => ({ key, by: w.callbacks.length, windowMs: w.windowMs })), at)
        for (const [key, w] of batch) {
          const counter = counters.get(key)!
          w.callbacks.forEach((done, i) => done({ count: counter.count - w.callbacks.length + 1 + i, counter }))
        }
        if (Math.random() * SWEEP_EVERY < batch.size) await deleteExpiredCounters(db, at)
      } catch (err) {
        for (const w of batch.values()) for (const done of w.callbacks) done(err as Error)
      }
    }
    inFlight = false
  }

  return {
    /** The request's number in its key's window, and the window. */
    count(key: string, windowMs: number): Promise<{ count: number; counter: Counter }> {
      return new Promise((resolve, reject) => {
        const w = waiting.get(key) ?? { windowMs, callbacks: [] }
        w.callbacks.push((counted) => (counted instanceof Error ? reject(counted) : resolve(counted)))
        waiting.set(key, w)
        if (!inFlight) void flush()
      })
    },
  }
}

export function pgRateLimitStore(db: Kysely<Database>, now: () => Date = () => new Date()) {
  const batcher = counterBatcher(db, now)
  const ttlOf = (counter: Counter) => Math.max(0, counter.expiresAt.getTime() - now().getTime())

  return class PgRateLimitStore {
    readonly prefix: string
    constructor(_globalOptions?: unknown, prefix = 'limit:') {
      this.prefix = prefix
    }

    incr(key: string, cb: Callback, timeWindow: number): void {
      batcher.count(this.prefix + key, timeWindow).then(
        ({ count, counter }) => cb(null, { current: count, ttl: ttlOf(counter) }),
        (err: Error) => cb(err),
      )
    }

    read(key: string, cb: Callback): void {
      readCounter(db, this.prefix + key, now())
        .then((c) => cb(null, { current: c.count, ttl: ttlOf(c) }))
        .catch((err: Error) => cb(err))
    }

    child(routeOptions: object): PgRateLimitStore {
      const route = (routeOptions as RouteOptions).routeInfo
      return new PgRateLimitStore(undefined, `${this.prefix}${route?.method ?? ''}${route?.url ?? ''}:`)
    }
  }
}
