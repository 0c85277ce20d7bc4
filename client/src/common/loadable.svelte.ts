import { errorMessage } from './lead-errors.ts'

/**
 * One API result a page shows. A 401, 403 or 404 is handled for the whole app by the session
 * (the page is replaced); any other failure stays here as a message with a way to retry.
 */
export class Loadable<T> {
  value = $state.raw<T | null>(null)
  loading = $state(false)
  error = $state<string | null>(null)
  private readonly fetcher: () => Promise<T>

  constructor(fetcher: () => Promise<T>) {
    this.fetcher = fetcher
  }

  async load(): Promise<void> {
    this.loading = true
    this.error = null
    try {
      this.value = await this.fetcher()
    } catch (err) {
      this.error = errorMessage(err)
    } finally {
      this.loading = false
    }
  }
}
