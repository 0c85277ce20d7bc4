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

// Free text people type (titles, names, display names, comments): one schema for all of it, so
// that nothing a database or a reader would choke on gets in (issue 9.10). A NUL character cannot
// be stored in Postgres text at all; other control characters are invisible in every page and
// export; a lone surrogate (half of an emoji) would be silently replaced when stored; and a name
// made only of invisible characters (spaces, zero-width joiners, Hangul fillers) names nothing.

/** Characters that show nothing: white space, format and default-ignorable characters, controls. */
const INVISIBLE = /[\p{White_Space}\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}\u2800]/gu
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
/** C0 and C1 controls; a comment may keep its line breaks and tabs, a one-line name may not. */
const CONTROL_ONE_LINE = /[\u0000-\u001F\u007F-\u009F]/
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/

export interface TextOptions {
  /** What the field is, as it starts a sentence's subject: "the title", "a comment". */
  what: string
  /** Visible characters needed (0: the field may be blank). */
  min: number
  max: number
  /** Comments: line breaks and tabs allowed, and the text is not trimmed. */
  multiline?: boolean
}

/** Visible characters in `text` (what is left once every invisible character is taken out). */
export function visibleLength(text: string): number {
  return [...text.replace(INVISIBLE, '')].length
}

/**
 * A free-text field: trimmed (one-line fields), at most `max` characters, at least `min` visible
 * ones, no NUL or other control character, no lone surrogate. Each refusal says what to change; its
 * `params.rule` names it, so that a client can say it in another language (client/src/common/lead-errors.ts).
 */
export function textSchema({ what, min, max, multiline = false }: TextOptions) {
  const checks = [
    z.refine<string>((s) => !s.includes('\u0000'), { error: `${what} contains a NUL character (\\0), which cannot be stored: remove it and try again`, abort: true, params: { rule: 'nul' } }),
    z.refine<string>((s) => !(multiline ? CONTROL_MULTILINE : CONTROL_ONE_LINE).test(s), {
      error: `${what} contains an invisible control character${multiline ? '' : ' or a line break'}: remove it and try again`,
      abort: true,
      params: { rule: multiline ? 'control' : 'controlOrLineBreak' },
    }),
    z.refine<string>((s) => !LONE_SURROGATE.test(s), {
      error: `${what} contains a broken character (half of an emoji or symbol, often from a bad copy and paste): retype it and try again`,
      abort: true,
      params: { rule: 'brokenCharacter' },
    }),
    z.maxLength(max, { error: `${what} can be at most ${max.toLocaleString('en-GB')} characters` }),
    ...(min > 0
      ? [
          z.refine<string>((s) => s.length >= min, { error: `${what} needs at least ${min} character${min === 1 ? '' : 's'}`, abort: true, params: { rule: 'tooShort', min } }),
          z.refine<string>((s) => visibleLength(s) >= min, { error: `${what} needs at least ${min} visible character${min === 1 ? '' : 's'}: spaces and invisible characters do not count`, params: { rule: 'tooShortVisible', min } }),
        ]
      : []),
  ]
  return z.string({ error: `${what} must be text` }).check(...(multiline ? [] : [z.trim()]), ...checks)
}
