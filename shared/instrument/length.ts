import type { Instrument } from './types.ts'

// How long an instrument takes, for the slowest reader it must suit: a teaching assistant on a
// phone, perhaps reading in an additional language. Reading at 150 words a minute (well below
// the 200–250 of a fluent adult on paper), plus the time to choose each answer.

export const READING_WORDS_PER_MINUTE = 150
/** Seconds to choose an answer once its words are read. */
export const CHOICE_SECONDS = { agreement: 3, pair: 5, origin: 5, mapArea: 8, continuum: 10, role: 3, prompt: 20 } as const

const words = (text: string) => text.split(/\s+/).filter(Boolean).length

/** Every word staff read once: items, pair statements, options, map labels, vignettes, questions, labels. */
export function wordsToRead(instrument: Instrument): number {
  const texts: string[] = [
    instrument.title,
    ...Object.values(instrument.answerLabels),
    instrument.dontKnowLabel,
    ...instrument.scales.flatMap((s) => [s.sectionTitle, ...s.items.map((i) => i.text)]),
    instrument.continuum.nowQuestion,
    instrument.continuum.aimQuestion,
    ...instrument.continuum.patterns.map((p) => p.vignette),
    instrument.roleQuestion,
    ...instrument.roles.map((r) => r.label),
    ...instrument.prompts.map((p) => p.text),
  ]
  const block = instrument.patternBlock
  if (block) texts.push(block.sectionTitle, block.intro, ...Object.values(block.choiceLabels), ...block.pairs.flatMap((p) => [p.first, p.second]), block.origin.question, ...block.origin.options.map((o) => o.label))
  const map = instrument.leadershipMap
  if (map) texts.push(map.sectionTitle, map.question, ...map.areas.map((a) => a.label), ...map.roles.map((r) => r.label), ...map.exclusive.map((e) => e.label))
  return texts.reduce((n, t) => n + words(t), 0)
}

/** Minutes for a slow reader on a phone to read everything once and answer every question. */
export function estimatedMinutes(instrument: Instrument): number {
  const agreement = instrument.scales.reduce((n, s) => n + s.items.length, 0)
  const pairs = instrument.patternBlock?.pairs.length ?? 0
  const origin = instrument.patternBlock ? 1 : 0
  const areas = instrument.leadershipMap?.areas.length ?? 0
  const seconds =
    agreement * CHOICE_SECONDS.agreement +
    pairs * CHOICE_SECONDS.pair +
    origin * CHOICE_SECONDS.origin +
    areas * CHOICE_SECONDS.mapArea +
    2 * CHOICE_SECONDS.continuum +
    CHOICE_SECONDS.role +
    instrument.prompts.length * CHOICE_SECONDS.prompt
  return wordsToRead(instrument) / READING_WORDS_PER_MINUTE + seconds / 60
}
