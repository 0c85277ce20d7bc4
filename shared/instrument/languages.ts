import { z } from 'zod/mini'

// The languages Continuum speaks. A language is added here, with a UI catalogue per app
// (client/src/*/messages/<code>.json), the report's words (shared/messages/report/<code>.json, which
// the report page and the CSV export share) and instrument texts per questionnaire
// (shared/instrument/<id>.<code>.ts); tests/unit/i18n.test.ts fails while any key is missing.

export const LANGUAGES = ['en', 'cy'] as const
export const LanguageSchema = z.enum(LANGUAGES, { error: 'language must be one of: en (English), cy (Cymraeg)' })
export type Language = z.infer<typeof LanguageSchema>

/** Each language's name in itself, as a language switch shows it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', cy: 'Cymraeg' }

/** The locale handed to Intl for numbers and dates (British English, Welsh). */
export const INTL_LOCALES: Readonly<Record<Language, string>> = { en: 'en-GB', cy: 'cy-GB' }

/** The first of a browser's preferred languages (`navigator.languages`) that Continuum speaks; English otherwise. */
export function preferredLanguage(preferences: readonly string[]): Language {
  for (const tag of preferences) {
    const primary = tag.toLowerCase().split('-')[0]
    const found = LANGUAGES.find((language) => language === primary)
    if (found) return found
  }
  return 'en'
}
