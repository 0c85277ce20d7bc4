// Failed sign-ins per account: after `maxFailures` within `windowMs` the account refuses sign-in
// until the window has passed. Keyed by the email as typed (normalised), whether or not such an
// account exists, so the throttle reveals nothing about which emails are leaders'.

export interface LoginThrottleOptions {
  maxFailures?: number
  windowMs?: number
  now?: () => number
}

export class LoginThrottle {
  readonly #failures = new Map<string, number[]>()
  readonly #max: number
  readonly #window: number
  readonly #now: () => number

  constructor({ maxFailures = 5, windowMs = 15 * 60_000, now = Date.now }: LoginThrottleOptions = {}) {
    this.#max = maxFailures
    this.#window = windowMs
    this.#now = now
  }

  /** Seconds until the account may try again, or 0 if it may try now. */
  retryAfter(key: string): number {
    const recent = this.#recent(key)
    if (recent.length < this.#max) return 0
    return Math.ceil((recent[0]! + this.#window - this.#now()) / 1000)
  }

  fail(key: string): void {
    this.#failures.set(key, [...this.#recent(key), this.#now()])
    if (this.#failures.size > 100_000) this.#prune()
  }

  succeed(key: string): void {
    this.#failures.delete(key)
  }

  #recent(key: string): number[] {
    const since = this.#now() - this.#window
    return (this.#failures.get(key) ?? []).filter((t) => t > since)
  }

  #prune(): void {
    for (const key of this.#failures.keys()) if (this.#recent(key).length === 0) this.#failures.delete(key)
  }
}
