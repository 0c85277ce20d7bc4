import { IntlMessageFormat } from 'intl-messageformat'
import type { ReportMessageKey, Words } from '../shared/domain/report-words.ts'
import { INTL_LOCALES, type Language } from '../shared/instrument/languages.ts'
import welsh from '../shared/messages/report/cy.json' with { type: 'json' }
import english from '../shared/messages/report/en.json' with { type: 'json' }

// The report's words on the server (the CSV export): the same catalogues and ICU messages the
// report page reads (shared/messages/report), formatted with intl-messageformat as the page does.

const catalogues: Readonly<Record<Language, Readonly<Record<ReportMessageKey, string>>>> = { en: english, cy: welsh }
const formats = new Map<string, IntlMessageFormat>()

/** The report's messages in `language`, for the wording functions of shared/domain (advice-words.ts, placement-words.ts). */
export function reportWordsIn(language: Language): Words {
  const locale = INTL_LOCALES[language]
  return {
    locale,
    t: (key, values) => {
      const cacheKey = `${language}:${key}`
      let format = formats.get(cacheKey)
      if (!format) {
        format = new IntlMessageFormat(catalogues[language][key], locale)
        formats.set(cacheKey, format)
      }
      return format.format(values) as string
    },
  }
}
