import type { Language } from './languages.ts'
import type { Instrument } from './types.ts'

// An instrument's words apart from its structure. The English instrument (dl-v1.ts, dl-v2.ts) is
// the source: every text in it has a key (`item.sr1`, `scale.synergy.name`, `pattern.3.vignette`),
// and a translation is one flat file of key → text for one instrument version
// (`dl-v2.cy.ts`). Ids, keying, order and scoring never change with the language.
// tests/unit/i18n.test.ts checks that every translation has exactly the English keys.

export type InstrumentTexts = Readonly<Record<string, string>>

/** A copy of `instrument` with each text replaced by `text(key, english)`. The one walk over an instrument's texts. */
function mapTexts(instrument: Instrument, text: (key: string, english: string) => string): Instrument {
  const { patternBlock: block, leadershipMap: map } = instrument
  return {
    ...instrument,
    title: text('title', instrument.title),
    answerLabels: {
      1: text('answer.1', instrument.answerLabels[1]),
      2: text('answer.2', instrument.answerLabels[2]),
      3: text('answer.3', instrument.answerLabels[3]),
      4: text('answer.4', instrument.answerLabels[4]),
      5: text('answer.5', instrument.answerLabels[5]),
    },
    dontKnowLabel: text('answer.dontKnow', instrument.dontKnowLabel),
    scales: instrument.scales.map((scale) => ({
      ...scale,
      name: text(`scale.${scale.id}.name`, scale.name),
      sectionTitle: text(`scale.${scale.id}.sectionTitle`, scale.sectionTitle),
      description: text(`scale.${scale.id}.description`, scale.description),
      items: scale.items.map((item) => ({ ...item, text: text(`item.${item.id}`, item.text) })),
    })),
    ...(block && {
      patternBlock: {
        ...block,
        sectionTitle: text('pairs.sectionTitle', block.sectionTitle),
        intro: text('pairs.intro', block.intro),
        choiceLabels: {
          1: text('pairs.choice.1', block.choiceLabels[1]),
          2: text('pairs.choice.2', block.choiceLabels[2]),
          3: text('pairs.choice.3', block.choiceLabels[3]),
          4: text('pairs.choice.4', block.choiceLabels[4]),
        },
        pairs: block.pairs.map((pair) => ({
          ...pair,
          first: text(`pair.${pair.id}.first`, pair.first),
          second: text(`pair.${pair.id}.second`, pair.second),
        })),
        origin: {
          ...block.origin,
          question: text('origin.question', block.origin.question),
          options: block.origin.options.map((option) => ({ ...option, label: text(`origin.${option.value}`, option.label) })),
        },
      },
    }),
    ...(map && {
      leadershipMap: {
        ...map,
        sectionTitle: text('map.sectionTitle', map.sectionTitle),
        question: text('map.question', map.question),
        areas: map.areas.map((area) => ({ ...area, label: text(`map.area.${area.id}`, area.label) })),
        roles: map.roles.map((role) => ({ ...role, label: text(`map.role.${role.id}`, role.label) })),
        exclusive: map.exclusive.map((answer) => ({ ...answer, label: text(`map.${answer.id}`, answer.label) })),
      },
    }),
    continuum: {
      ...instrument.continuum,
      nowQuestion: text('continuum.nowQuestion', instrument.continuum.nowQuestion),
      aimQuestion: text('continuum.aimQuestion', instrument.continuum.aimQuestion),
      patterns: instrument.continuum.patterns.map((pattern) => ({
        ...pattern,
        label: text(`pattern.${pattern.value}.label`, pattern.label),
        vignette: text(`pattern.${pattern.value}.vignette`, pattern.vignette),
        description: text(`pattern.${pattern.value}.description`, pattern.description),
      })),
    },
    roleQuestion: text('roleQuestion', instrument.roleQuestion),
    roles: instrument.roles.map((role) => ({ ...role, label: text(`role.${role.id}`, role.label) })),
    prompts: instrument.prompts.map((prompt) => ({ ...prompt, text: text(`prompt.${prompt.id}`, prompt.text) })),
  }
}

/** Every text of an instrument by key: what a translation of it must supply. */
export function instrumentTexts(instrument: Instrument): Record<string, string> {
  const texts: Record<string, string> = {}
  mapTexts(instrument, (key, english) => (texts[key] = english))
  return texts
}

/** The instrument in another language: same ids, order and keying, the translation's texts. */
export function translateInstrument(instrument: Instrument, language: Language, texts: InstrumentTexts): Instrument {
  const translated = mapTexts(instrument, (key) => {
    const text = texts[key]
    if (text === undefined) throw new Error(`${instrument.id} in ${language} has no text for ${key}`)
    return text
  })
  return { ...translated, language }
}
