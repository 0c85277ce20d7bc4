import { parse, type $ZodType, type output } from 'zod/v4/core'
import { ApiErrorSchema, type ApiError, type ErrorCode } from '../../../shared/errors.ts'

/** A non-2xx answer from the API, carrying its parsed error body; `message` is for people. */
export class ApiRequestError extends Error {
  readonly status: number
  readonly body: ApiError | undefined
  constructor(status: number, body: ApiError | undefined) {
    super(body?.error.message ?? (status === 0 ? 'Could not reach Continuum. Check your connection and try again.' : `The server answered ${status}.`))
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
