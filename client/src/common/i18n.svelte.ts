import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { IntlMessageFormat } from 'intl-messageformat'
import { INTL_LOCALES, preferredLanguage, LanguageSchema, type Language } from '../../../shared/instrument/languages.ts'

// The interface's words in the reader's language. Messages are ICU MessageFormat strings in one
// JSON file per language and app (src/respond/messages, src/lead/messages), which the build parses
// once (vite.config.ts, icuCatalogues), so the browser gets intl-messageformat without its parser.
// English is bundled; another language is fetched the first time someone picks it.

/** A catalogue as its JSON file holds it: message id → ICU message. */
export type Catalogue<K extends string> = Readonly<Record<K, string>>
export type MessageValues = Record<string, string | number>
type Loader<K extends string> = () => Promise<{ default: Catalogue<K> }>

const storageKey = 'continuum:language'

/** The language this device last chose, else the browser's preference. Kept only on the device. */
export function startingLanguage(): Language {
  try {
    const saved = LanguageSchema.safeParse(localStorage.getItem(storageKey))
    if (saved.success) return saved.data
  } catch {
    // storage switched off: fall back to the browser's preference
  }
  return preferredLanguage(navigator.languages ?? [navigator.language])
}

export class Messages<K extends string> {
  language = $state<Language>('en')
  readonly #loaders: Readonly<Record<Exclude<Language, 'en'>, Loader<K>>>
  // parsed by the build: the JSON's strings arrive as message ASTs
  readonly #catalogues: Partial<Record<Language, Record<string, MessageFormatElement[]>>>
  readonly #formats = new Map<string, IntlMessageFormat>()

  constructor(english: Catalogue<K>, loaders: Record<Exclude<Language, 'en'>, Loader<K>>) {
    this.#catalogues = { en: english as unknown as Record<string, MessageFormatElement[]> }
    this.#loaders = loaders
  }

  /** The message `key` in the current language, with its placeholders filled in. */
  t = (key: K, values?: MessageValues): string => {
    const language = this.language
    const cacheKey = `${language}:${key}`
    let format = this.#formats.get(cacheKey)
    if (!format) {
      const message = this.#catalogues[language]?.[key] ?? this.#catalogues.en![key]!
      format = new IntlMessageFormat(message, INTL_LOCALES[language])
      this.#formats.set(cacheKey, format)
    }
    return format.format(values) as string
  }

  /**
   * The message `key` if this catalogue has one (error words by code: `errors.SURVEY_CLOSED`),
   * else undefined, so the caller can fall back to words from elsewhere.
   */
  lookup = (key: string, values?: MessageValues): string | undefined => (key in this.#catalogues.en! ? this.t(key as K, values) : undefined)

  /** A number in the current language's conventions (Intl). */
  number = (value: number, options?: Intl.NumberFormatOptions): string => new Intl.NumberFormat(this.#intlLocales(), options).format(value)

  /** An instant or a day in the current language's conventions (Intl). */
  date = (value: Date, options?: Intl.DateTimeFormatOptions): string => new Intl.DateTimeFormat(this.#intlLocales(), options).format(value)

  /**
   * The language's Intl locale, then British English: a browser built without a language's data
   * (Debian's Chromium has no Welsh dates) falls back to en-GB, not to its own default (en-US).
   */
  #intlLocales(): string[] {
    return [INTL_LOCALES[this.language], 'en-GB']
  }

  /** A day (`2026-11-29`, a day where the school is) in the current language, the same wherever the reader is. */
  day = (day: string, options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }): string => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number]
    return this.date(new Date(Date.UTC(y, m - 1, d)), { ...options, timeZone: 'UTC' })
  }

  /** The Intl locale of the current language, for code that formats by itself. */
  get locale(): string {
    return INTL_LOCALES[this.language]
  }

  /**
   * Switches to `language` (fetching its words the first time) and marks the page; a language the
   * reader chose (not the one the app started in) is remembered on this device.
   */
  async use(language: Language, { remember = true }: { remember?: boolean } = {}): Promise<void> {
    if (!this.#catalogues[language] && language !== 'en') {
      const loaded = await this.#loaders[language]()
      this.#catalogues[language] = loaded.default as unknown as Record<string, MessageFormatElement[]>
    }
    this.language = language
    // the page's language, for screen readers and hyphenation (absent where there is no page: unit tests)
    if (typeof document !== 'undefined') document.documentElement.lang = language
    if (!remember) return
    try {
      localStorage.setItem(storageKey, language)
    } catch {
      // storage switched off: the choice lasts as long as the page
    }
  }
}
