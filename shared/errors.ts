import { z } from 'zod/mini'

export const ErrorCodeSchema = z.enum([
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'CONFLICT',
  'SURVEY_NOT_OPEN',
  'SURVEY_CLOSED',
  'CODE_REQUIRED',
  'CODE_UNKNOWN',
  'CODE_USED',
  'INSTRUMENT_CHANGED',
  'SETTINGS_LOCKED',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'FORBIDDEN',
  'CSRF_FAILED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
])
export type ErrorCode = z.infer<typeof ErrorCodeSchema>

/** The one body of every non-2xx response. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    requestId: z.optional(z.string()),
    issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
})
export type ApiError = z.infer<typeof ApiErrorSchema>
export type ApiIssue = NonNullable<ApiError['error']['issues']>[number]

/** One sentence a person can read, naming the first problem and how many more there are. */
export function summariseIssues(issues: readonly ApiIssue[]): string {
  const [first] = issues
  if (!first) return 'The request could not be accepted.'
  const where = first.path === '/' ? '' : ` (at ${first.path})`
  const more = issues.length > 1 ? `; and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''}` : ''
  return `The request could not be accepted: ${first.message}${where}${more}.`
}
