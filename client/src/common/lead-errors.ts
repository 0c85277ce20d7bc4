import { z } from 'zod'
import { ApiRequestError } from './api.ts'

/** Messages per form field, as z.flattenError gives them: { title: ['the title needs…'] }. */
export type FieldErrors = Partial<Record<string, string[]>>

/** The sentences the client says itself when the server gave none (the server's own stay English). */
export interface ErrorWords {
  offline: string
  server: (status: number) => string
  unknown: string
}

export const englishErrorWords: ErrorWords = {
  offline: 'Could not reach Continuum. Check your connection and try again.',
  server: (status) => `The server answered ${status}.`,
  unknown: 'Something went wrong. Please try again.',
}

let errorWords = englishErrorWords

/** The leaders' app says its own error sentences in the leader's language from now on. */
export function useErrorWords(words: ErrorWords): void {
  errorWords = words
}

/** A sentence for a person: the server's own message, never raw JSON. */
export function errorMessage(err: unknown): string {
  if (!(err instanceof ApiRequestError)) return errorWords.unknown
  if (err.body) return err.message
  return err.status === 0 ? errorWords.offline : errorWords.server(err.status)
}

/** The field messages of a zod error, first letter capitalised to read as a sentence. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const { fieldErrors } = z.flattenError(error) as { fieldErrors: Record<string, string[] | undefined> }
  return Object.fromEntries(Object.entries(fieldErrors).map(([field, messages]) => [field, (messages ?? []).map(sentence)]))
}

/** The field messages the API returned with a 400 (issues with paths like "/title"). */
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

/** What a failed form submission shows: one message for the alert, and any per-field messages. */
export interface FormFailure { message: string; fields: FieldErrors }

export function failureOf(err: unknown): FormFailure {
  return { message: errorMessage(err), fields: fieldErrorsFromApi(err) }
}
