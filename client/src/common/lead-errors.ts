import type { $ZodError, $ZodIssue } from 'zod/v4/core'
import { createLeadMessages } from '../lead/messages.svelte.ts'
import { ApiRequestError, errorText, type ErrorWords } from './api.ts'

/** Messages per form field, as z.flattenError gives them: { title: ['the title needs…'] }. */
export type FieldErrors = Partial<Record<string, string[]>>

// The leaders' app's catalogue, in English until the app says which one it shows (Lead.svelte).
let errorWords: ErrorWords = createLeadMessages()

/** The leaders' app says errors in the leader's language from now on. */
export function useErrorWords(words: ErrorWords): void {
  errorWords = words
}

/** A sentence for a person: the app's words for the error's code, else the server's own message, never raw JSON. */
export function errorMessage(err: unknown): string {
  return errorText(err, errorWords).text
}

/**
 * The catalogue message (`fields.…`) that says a zod issue in another language, and its values:
 * by the issue's code and bounds, or by the `params.rule` a shared schema's own check names
 * (shared/schemas/common.ts). The shared schemas stay the one place that states each rule.
 */
function fieldWords(issue: $ZodIssue): [key: string, values?: Record<string, string | number>] {
  switch (issue.code) {
    case 'custom':
      return [`fields.${String(issue.params?.rule)}`, issue.params]
    case 'too_small':
      return [`fields.tooSmall.${kindOf(issue.origin)}`, { minimum: Number(issue.minimum) }]
    case 'too_big':
      return [`fields.tooBig.${kindOf(issue.origin)}`, { maximum: Number(issue.maximum) }]
    case 'invalid_format':
      return [`fields.format.${issue.format}`]
    case 'invalid_type':
      return [`fields.type.${kindOf(issue.expected)}`]
    default:
      return ['fields.choose']
  }
}

const kindOf = (origin: string) => (origin === 'int' ? 'number' : origin)

/**
 * One field message: on an English page the shared schema's own sentence; in another language the
 * catalogue's words for the issue, or the schema's sentence where the catalogue has none.
 */
function issueMessage(issue: $ZodIssue): string {
  const translated = errorWords.language === 'en' ? undefined : errorWords.lookup(...fieldWords(issue))
  return sentence(translated ?? issue.message)
}

/** The field messages of a zod error (as z.flattenError groups them), each read as a sentence. */
export function fieldErrorsOf(error: $ZodError): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.issues) {
    const field = issue.path[0]
    if (field !== undefined) (errors[String(field)] ??= []).push(issueMessage(issue))
  }
  return errors
}

/** The field messages the API returned with a 400 (issues with paths like "/title"; English, as the server says them). */
export function fieldErrorsFromApi(err: unknown): FieldErrors {
  if (!(err instanceof ApiRequestError)) return {}
  const errors: FieldErrors = {}
  for (const issue of err.body?.error.issues ?? []) {
    const field = issue.path.split('/')[1]
    if (field) (errors[field] ??= []).push(sentence(issue.message))
  }
  return errors
}

export function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1)
  return /[.!?]$/.test(text) ? text : `${text}.`
}

/**
 * What a failed form submission shows: one message for the alert (`lang` 'en' where it is the
 * server's English on a page in another language), and any per-field messages.
 */
export interface FormFailure { message: string; lang?: 'en'; fields: FieldErrors }

export function failureOf(err: unknown): FormFailure {
  const { text, lang } = errorText(err, errorWords)
  return { message: text, ...(lang ? { lang } : {}), fields: fieldErrorsFromApi(err) }
}
