import { failureOf } from './lead-errors.ts'

/**
 * What a page shows of the API: its value, whether it is loading, and why it failed. A 401, 403
 * or 404 is handled for the whole app by the session (the page is replaced); any other failure
 * stays here as a message with a way to retry, and the value shown before stays. A newer load
 * wins over one still on its way. Pages' state classes extend it, or a page makes one for a
 * single call.
 */
export class Loadable<T> {
  value = $state.raw<T | null>(null)
  /** True from the start until the first load ends, and while any later one runs. */
  loading = $state(true)
  error = $state<string | null>(null)
  /** 'en' while the error is the server's English on a page in another language (for the alert's lang). */
  errorLang = $state<'en' | undefined>()
  private readonly fetcher: () => Promise<T>
  private requests = 0

  constructor(fetcher: () => Promise<T>) {
    this.fetcher = fetcher
  }

  async load(): Promise<void> {
    const request = ++this.requests
    this.loading = true
    this.error = null
    this.errorLang = undefined
    try {
      const value = await this.fetcher()
      if (request === this.requests) this.value = value
    } catch (err) {
      if (request === this.requests) {
        const failure = failureOf(err)
        this.error = failure.message
        this.errorLang = failure.lang
      }
    } finally {
      if (request === this.requests) this.loading = false
    }
  }
}
