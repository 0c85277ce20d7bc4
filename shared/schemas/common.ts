import { z } from 'zod'

/**
 * A request object that refuses unknown fields (they are a client bug) and says which ones,
 * in words a person understands.
 */
export function strictBody<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${issue.keys.length === 1 ? 'this field is' : 'these fields are'} not part of the request: ${issue.keys.join(', ')}`
        : undefined,
  })
}
