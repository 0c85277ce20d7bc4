import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { describe, expect, it } from 'vitest'
import { GUIDANCE, guidanceIn, type FlagId, type Guidance } from '../../shared/domain/guidance.ts'
import { codebookRows } from '../../shared/domain/report-csv.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { LANGUAGES, preferredLanguage } from '../../shared/instrument/languages.ts'
import { instrumentTexts, translateInstrument } from '../../shared/instrument/texts.ts'
import { instrumentIn, translations } from '../../shared/instrument/translations.ts'
import { InstrumentSchema, itemOrder, type ScaleId } from '../../shared/instrument/types.ts'
import { instruments } from '../../shared/instrument/versions.ts'

// A language is only as good as its missing keys: every language Continuum offers must have every
// text of every translated instrument and every message of both apps' interfaces.

const english = instruments
const others = LANGUAGES.filter((language) => language !== 'en')

describe('instrument texts', () => {
  it('has a translation registered for every instrument in every language', () => {
    for (const id of Object.keys(english)) for (const language of others) expect(translations[id]?.[language], `${id} ${language}`).toBeDefined()
  })

  describe.each(Object.keys(translations).flatMap((id) => others.map((language) => [id, language] as const)))('%s in %s', (id, language) => {
    it('has exactly the English keys, none empty', async () => {
      const texts = await translations[id]![language]!()
      const expected = Object.keys(instrumentTexts(english[id]!)).sort()
      expect(Object.keys(texts).sort()).toEqual(expected)
      for (const [key, text] of Object.entries(texts)) expect(text.trim(), key).not.toBe('')
    })

    it('changes only the words: the ids, order and keying of every question stay', async () => {
      const source = english[id]!
      const translated = await instrumentIn(source, language)
      expect(() => InstrumentSchema.parse(translated)).not.toThrow()
      expect(translated.language).toBe(language)
      expect(itemOrder(translated)).toEqual(itemOrder(source))
      expect(translated.scales.map((s) => s.items.map((i) => i.keying))).toEqual(source.scales.map((s) => s.items.map((i) => i.keying)))
      expect(translated.continuum.patterns.map((p) => p.value)).toEqual(source.continuum.patterns.map((p) => p.value))
      expect(translated.scales[0]!.items[0]!.text).not.toBe(source.scales[0]!.items[0]!.text)
    })
  })

  // Each questionnaire version's translation is one file of its own, so the words two versions
  // share are written in both: they must not drift apart, or the same statement would read
  // differently to staff answering the two versions.
  it.each(others)('translates a text two questionnaire versions share word for word the same way in both (%s)', async (language) => {
    const versions = await Promise.all(Object.keys(translations).map(async (id) => ({ english: instrumentTexts(english[id]!), texts: await translations[id]![language]!() })))
    let shared = 0
    for (const [i, a] of versions.entries()) {
      for (const b of versions.slice(i + 1)) {
        for (const [key, text] of Object.entries(a.english)) {
          if (b.english[key] !== text) continue
          shared++
          expect(b.texts[key], key).toBe(a.texts[key])
        }
      }
    }
    expect(shared).toBeGreaterThan(0)
  })

  it('refuses a translation that lacks a key, naming it', () => {
    const { ['item.sr1']: _left, ...incomplete } = instrumentTexts(dlV2)
    expect(() => translateInstrument(dlV2, 'cy', incomplete)).toThrow(/dl-v2 in cy has no text for item\.sr1/)
  })

  it('serves English where an instrument has no texts in a language', async () => {
    await expect(instrumentIn({ ...dlV2, id: 'dl-unknown' }, 'cy')).resolves.toMatchObject({ id: 'dl-unknown', language: 'en' })
  })
})

// The interface catalogues, ICU MessageFormat: client/src/<app>/messages/<language>.json, and the
// report's words that the page and the server's CSV share, shared/messages/report/<language>.json.
const clientRoot = join(import.meta.dirname, '../../client/src')
const sharedRoot = join(import.meta.dirname, '../../shared/messages')
const folders: Record<string, string> = {
  ...Object.fromEntries(
    readdirSync(clientRoot, { withFileTypes: true }).filter((d) => d.isDirectory() && readdirSync(join(clientRoot, d.name)).includes('messages')).map((d) => [d.name, join(clientRoot, d.name, 'messages')]),
  ),
  ...Object.fromEntries(readdirSync(sharedRoot).map((name) => [`shared ${name}`, join(sharedRoot, name)])),
}
const apps = Object.keys(folders)
const catalogue = (app: string, language: string) => JSON.parse(readFileSync(join(folders[app]!, `${language}.json`), 'utf8')) as Record<string, string>

/** The names a message fills in ({count}, {closes}), inside plural and select branches too. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue
    if (element.type === TYPE.tag) argumentsOf(element.children, into)
    else into.add(element.value)
    if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) argumentsOf(option.value, into)
  }
  return into
}

describe('interface messages', () => {
  it('exist for the staff survey, the leaders’ app and the report they share with its CSV', () => {
    expect(apps.sort()).toEqual(['lead', 'respond', 'shared report'])
  })

  describe.each(apps.flatMap((app) => others.map((language) => [app, language] as const)))('%s in %s', (app, language) => {
    it('has exactly the English messages, each filling in the same values', () => {
      const source = catalogue(app, 'en')
      const translated = catalogue(app, language)
      expect(Object.keys(translated).sort()).toEqual(Object.keys(source).sort())
      for (const [key, text] of Object.entries(translated)) {
        expect(text.trim(), key).not.toBe('')
        expect([...argumentsOf(parse(text))].sort(), key).toEqual([...argumentsOf(parse(source[key]!))].sort())
      }
    })
  })

  it.each(apps)('%s: every English message parses', (app) => {
    for (const [key, text] of Object.entries(catalogue(app, 'en'))) expect(() => parse(text), key).not.toThrow()
  })
})

describe('the report codebook', () => {
  it.each(others)('has every column and measure of the English one in %s, in order', (language) => {
    const rows = codebookRows(language)
    expect(rows.map(([term]) => term)).toEqual(codebookRows('en').map(([term]) => term))
    for (const [term, meaning] of rows) expect(meaning.trim(), term).not.toBe('')
  })
})

describe('the next steps a report gives', () => {
  it.each(others)('are in %s for every scale and risk flag the English has, step for step', async (language) => {
    const translated = await guidanceIn(language)
    const shape = (g: Guidance) => [Object.keys(g.scales).map((id) => [id, g.scales[id as ScaleId].improve.length]), Object.keys(g.flags).map((id) => [id, g.flags[id as FlagId].length])]
    expect(shape(translated)).toEqual(shape(GUIDANCE))
    const texts = [...Object.values(translated.scales).flatMap((s) => [...s.improve, s.share]), ...Object.values(translated.flags).flat()]
    for (const text of texts) expect(text.trim()).not.toBe('')
    expect(texts).not.toContain(GUIDANCE.scales.synergy.share)
  })
})

describe('preferredLanguage', () => {
  it.each([
    [['cy-GB', 'en-GB'], 'cy'],
    [['en-GB', 'cy'], 'en'],
    [['fr-FR', 'CY'], 'cy'],
    [['pl-PL'], 'en'],
    [[], 'en'],
  ] as const)('%j → %s', (preferences, expected) => {
    expect(preferredLanguage(preferences)).toBe(expected)
  })
})
