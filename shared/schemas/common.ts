import { z } from 'zod/mini'
import type { $ZodLooseShape, $ZodRawIssue } from 'zod/v4/core'

/** The message for fields a request should not have (unknown keys are a client bug). */
export function unknownFieldsError(issue: $ZodRawIssue): string | undefined {
  if (issue.code !== 'unrecognized_keys') return undefined
  const keys = (issue as { keys?: string[] }).keys ?? []
  return `${keys.length === 1 ? 'this field is' : 'these fields are'} not part of the request: ${keys.join(', ')}`
}

/** A request object (zod/mini) that refuses unknown fields and says which ones. */
export function strictBody<T extends $ZodLooseShape>(shape: T) {
  return z.strictObject(shape, { error: unknownFieldsError })
}
