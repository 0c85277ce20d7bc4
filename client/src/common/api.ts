import { parse, type $ZodType, type output } from 'zod/v4/core'
import { ApiErrorSchema, type ApiError, type ErrorCode } from '../../../shared/errors.ts'
import type { Language } from '../../../shared/instrument/languages.ts'

/** A non-2xx answer from the API (status 0: no answer at all), carrying its parsed error body. */
export class ApiRequestError extends Error {
  readonly status: number
  readonly body: ApiError | undefined
  constructor(status: number, body: ApiError | undefined) {
    super(body?.error.message ?? `no answer we can read (status ${status})`)
    this.name = 'ApiRequestError'
    this.status = status
    this.body = body
  }
  get code(): ErrorCode | undefined {
    return this.body?.error.code
  }
}

/** Fetches JSON and parses it with the shared schema, so client and server cannot drift apart. */
export async function request<S extends $ZodType>(schema: S, path: string, init?: RequestInit): Promise<output<S>> {
  let res: Response
  try {
    res = await fetch(path, {
      ...init,
      credentials: 'same-origin',
      headers: { ...(init?.body ? { 'content-type': 'application/json' } : {}), accept: 'application/json', ...init?.headers },
    })
  } catch {
    throw new ApiRequestError(0, undefined)
  }
  const json: unknown = await res.json().catch(() => undefined)
  if (!res.ok) throw new ApiRequestError(res.status, ApiErrorSchema.safeParse(json).data)
  return parse(schema, json)
}

/** A sentence for a person about something that went wrong. */
export interface ErrorText {
  text: string
  /** 'en' where the text is the server's own English sentence on a page in another language (for screen readers). */
  lang?: 'en'
}

/** An app's message catalogue in the reader's language (client/src/<app>/messages), as far as errors need it. */
export interface ErrorWords {
  readonly language: Language
  lookup(key: string, values?: Record<string, string | number>): string | undefined
}

/**
 * What a failure says to a person, the one way for both apps: the app's own words for the error's
 * code (`errors.<CODE>` in its catalogue), so they come in the reader's language; where the app has
 * none, the server's own sentence, which is English (and marked so). No answer at all, an answer
 * without our error body and anything else get the app's `errors.offline`, `errors.server` and
 * `errors.unknown`, which every app's catalogue has (tests/unit/client/error-words.test.ts).
 */
export function errorText(err: unknown, words: ErrorWords): ErrorText {
  if (!(err instanceof ApiRequestError)) return { text: words.lookup('errors.unknown')! }
  if (!err.body) return { text: err.status === 0 ? words.lookup('errors.offline')! : words.lookup('errors.server', { status: err.status })! }
  const own = words.lookup(`errors.${err.body.error.code}`)
  if (own !== undefined) return { text: own }
  return words.language === 'en' ? { text: err.message } : { text: err.message, lang: 'en' }
}
