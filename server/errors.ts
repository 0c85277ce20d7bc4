import type { ApiIssue, ErrorCode } from '../shared/errors.ts'

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503

/** An expected failure, thrown by services; the error handler is the only place that answers it. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: ErrorStatus
  readonly issues: ApiIssue[] | undefined
  constructor(code: ErrorCode, status: ErrorStatus, message: string, options?: ErrorOptions & { issues?: ApiIssue[] }) {
    super(message, options)
    this.name = new.target.name
    this.code = code
    this.status = status
    this.issues = options?.issues
  }
}

export class ValidationError extends AppError {
  constructor(message: string, issues: ApiIssue[]) {
    super('VALIDATION_FAILED', 400, message, { issues })
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super('NOT_FOUND', 404, message)
  }
}

export class ConflictError extends AppError {
  constructor(code: Extract<ErrorCode, 'CONFLICT' | 'SURVEY_NOT_OPEN' | 'SURVEY_CLOSED' | 'CODE_USED' | 'INSTRUMENT_CHANGED' | 'SETTINGS_LOCKED'>,
    message: string, options?: ErrorOptions) {
    super(code, 409, message, options)
  }
}
