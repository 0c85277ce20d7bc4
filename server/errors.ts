import { safeParse, type $ZodType, type output } from 'zod/v4/core'
import type { ApiIssue, ErrorCode } from '../shared/errors.ts'

/** The one place an error code gets its HTTP status: services throw codes, never status numbers. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  CODE_REQUIRED: 400,
  CODE_UNKNOWN: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SURVEY_NOT_OPEN: 409,
  SURVEY_CLOSED: 409,
  CODE_USED: 409,
  INSTRUMENT_CHANGED: 409,
  SETTINGS_LOCKED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<ErrorCode, number>

export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode]

/** An expected failure, thrown by services; the error handler is the only place that answers it. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: ErrorStatus
  readonly issues: ApiIssue[] | undefined
  constructor(code: ErrorCode, message: string, options?: ErrorOptions & { issues?: ApiIssue[] }) {
    super(message, options)
    this.name = new.target.name
    this.code = code
    this.status = ERROR_STATUS[code]
    this.issues = options?.issues
  }
}

export class ValidationError extends AppError {
  constructor(message: string, issues: ApiIssue[]) {
    super('VALIDATION_FAILED', message, { issues })
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super('NOT_FOUND', message)
  }
}

export class ConflictError extends AppError {
  constructor(code: Extract<ErrorCode, 'CONFLICT' | 'SURVEY_NOT_OPEN' | 'SURVEY_CLOSED' | 'CODE_USED' | 'INSTRUMENT_CHANGED' | 'SETTINGS_LOCKED'>,
    message: string, options?: ErrorOptions) {
    super(code, message, options)
  }
}

/** Parses operator input with a shared schema, turning problems into one readable 400. */
export function parse<S extends $ZodType>(schema: S, input: unknown): output<S> {
  const result = safeParse(schema, input)
  if (result.success) return result.data
  const message = result.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ')
  throw new AppError('VALIDATION_FAILED', message)
}
