import type { Language } from './languages.ts'
import { translateInstrument, type InstrumentTexts } from './texts.ts'
import type { Instrument } from './types.ts'

// Which instrument versions have texts in which language. English is the instruments themselves;
// each translation is loaded only when asked for, so the staff survey fetches just the language
// its reader picks. To add one: a file `<id>.<language>.ts` exporting its texts, and a line here.

type OtherLanguage = Exclude<Language, 'en'>

export const translations: Readonly<Record<string, Partial<Record<OtherLanguage, () => Promise<InstrumentTexts>>>>> = {
  'dl-v1': { cy: async () => (await import('./dl-v1.cy.ts')).dlV1Cy },
  'dl-v2': { cy: async () => (await import('./dl-v2.cy.ts')).dlV2Cy },
}

/** Whether `instrument` can be read in `language`. */
export function hasLanguage(instrument: Instrument, language: Language): boolean {
  return language === 'en' || translations[instrument.id]?.[language] !== undefined
}

/** The instrument in `language`, or as it is (English) where it has no texts in that language. */
export async function instrumentIn(instrument: Instrument, language: Language): Promise<Instrument> {
  const load = language === 'en' ? undefined : translations[instrument.id]?.[language]
  return load ? translateInstrument(instrument, language, await load()) : instrument
}
