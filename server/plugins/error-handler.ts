import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { summariseIssues, type ApiError, type ApiIssue } from '../../shared/errors.ts'
import { AppError, ERROR_STATUS } from '../errors.ts'

const PART: Record<string, string> = { body: 'request body', params: 'address', querystring: 'query string', headers: 'headers' }

/** The single mapper from anything thrown to the one error body. 5xx details are never sent. */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const send = (error: ApiError['error']) => reply.code(ERROR_STATUS[error.code]).send({ error: { ...error, requestId: req.id } } satisfies ApiError)

  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues: ApiIssue[] = err.validation.map((i) => ({ path: i.instancePath || '/', message: i.message ?? 'is not valid' }))
    const part = PART[err.validationContext ?? 'body'] ?? 'request'
    return send({ code: 'VALIDATION_FAILED', message: summariseIssues(issues).replace('The request', `The ${part}`), issues })
  }
  if (err instanceof AppError) {
    return send({ code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) })
  }
  if (isDatabaseUnavailable(err)) {
    req.log.warn({ err: { message: err.message, code: err.code } }, 'database unavailable')
    reply.header('retry-after', '5')
    return send({ code: 'SERVICE_UNAVAILABLE', message: 'The service cannot reach its database just now. Nothing was saved; please try again in a minute.' })
  }
  const status = err.statusCode ?? 500
  if (status === 413) return send({ code: 'PAYLOAD_TOO_LARGE', message: 'The request is too large.' })
  if (status === 415) return send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the request body as JSON (content-type: application/json).' })
  if (status === 429) return send({ code: 'RATE_LIMITED', message: 'Too many requests from here just now. Wait a minute and try again.' })
  if (status >= 400 && status < 500) {
    const message = err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
      ? 'The request body is empty; send a JSON object.'
      : err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
        ? 'The request body is not valid JSON.'
        : `The request could not be accepted: ${err.message}`
    return send({ code: 'VALIDATION_FAILED', message })
  }
  req.log.error({ err }, 'unhandled error')
  return send({ code: 'INTERNAL', message: 'Something went wrong on our side. Nothing was saved; please try again.' })
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P02', '57P03'])

/** pg's errors when the server is down, restarting or unreachable (SQLSTATE class 08 and 57P0x). */
function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && (CONNECTION_ERRORS.has(code) || code.startsWith('08'))) return true
    if (/Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e.message)) return true
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true
  }
  return false
}
