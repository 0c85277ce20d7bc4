import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { deleteCounter, incrementCounter, readCounter } from './limits.repository.ts'

// Failed sign-ins per account *and client address*, counted in Postgres so every app instance
// shares them (issue 9.12). After `maxFailures` within `windowMs` from one address, that address
// must wait until the window has passed before trying that account again: a guesser is slowed,
// while the real leader signing in from anywhere else is not locked out. Keyed by the email as
// typed (normalised), whether or not such an account exists, so the throttle reveals nothing about
// which emails are leaders'. Guessing from many addresses is held back by the per-address limits.

export interface LoginThrottleOptions {
  maxFailures?: number
  windowMs?: number
  now?: () => number
}

export class LoginThrottle {
  readonly #max: number
  readonly #window: number
  readonly #now: () => number

  constructor({ maxFailures = 5, windowMs = 15 * 60_000, now = Date.now }: LoginThrottleOptions = {}) {
    this.#max = maxFailures
    this.#window = windowMs
    this.#now = now
  }

  /** Seconds until this address may try this account again, or 0 if it may try now. */
  async retryAfter(db: Kysely<Database>, account: string, address: string): Promise<number> {
    const now = new Date(this.#now())
    const counter = await readCounter(db, keyOf(account, address), now)
    if (counter.count < this.#max) return 0
    return Math.max(1, Math.ceil((counter.expiresAt.getTime() - now.getTime()) / 1000))
  }

  async fail(db: Kysely<Database>, account: string, address: string): Promise<void> {
    await incrementCounter(db, keyOf(account, address), this.#window, new Date(this.#now()))
  }

  async succeed(db: Kysely<Database>, account: string, address: string): Promise<void> {
    await deleteCounter(db, keyOf(account, address))
  }
}

function keyOf(account: string, address: string): string {
  return `login:${account}|${address}`
}
