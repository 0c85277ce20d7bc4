import { describe, expect, it } from 'vitest'
import { createLeadMessages } from '../../client/src/lead/messages.svelte.ts'
import { placementGlance, placementSentence, qualityLines, type Placement } from '../../shared/domain/placement-words.ts'
import { formatProbability, placementWords } from '../../shared/domain/placement.ts'
import { placementSection } from '../../shared/domain/placement-report.ts'
import { seededRandom } from '../../shared/domain/random.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { buildModel, CONFIG_A, generateSchool, trueSchool } from '../../scripts/simulation/irt.ts'

// The words of the dl-v2 placement on the report: a chance is never said as certain, the
// counts of the answers' quality read as counts, and the glance gives the placement's own words,
// in English and in Welsh.

const english = createLeadMessages()
const welsh = createLeadMessages()
await welsh.use('cy', { remember: false })

describe('formatProbability', () => {
  it('says a chance as a whole percentage, but never 0 % or 100 %, in the table and in the words', () => {
    expect(formatProbability(0.7)).toBe('70 %')
    expect(formatProbability(0.004)).toBe('under 1 %')
    expect(formatProbability(0)).toBe('under 1 %')
    expect(formatProbability(0.005)).toBe('1 %')
    expect(formatProbability(0.996)).toBe('over 99 %')
    expect(formatProbability(0.994)).toBe('99 %')
    const label = (p: number) => dlV2.continuum.patterns.find((x) => x.value === p)!.label
    expect(placementWords([0, 0, 0.0004, 0.9996, 0, 0, 0], label)).toBe('almost certainly guided distribution (over 99 %)')
  })
})

describe('the placement words', () => {
  // A school generated in the emergent region, placed by the report section the server sends.
  const irt = buildModel(dlV2, CONFIG_A)
  const school = trueSchool(irt, { spread: 75, coordination: 70, initiative: 80, contest: 20 }, seededRandom(1))
  const section = placementSection(dlV2, generateSchool(irt, school, 30, seededRandom(2)).map((r) => ({ ...r, nowPattern: 5, role: 'teacher' as const })), 5)!
  const placement = {
    ...section,
    map: [],
    perceived: { ...section.perceived, words: 'Staff most often chose emergent distribution (100 % of 30).' },
    flags: [],
    reliability: [],
    quality: { respondents: 30, ...section.quality },
  } satisfies Placement
  const label = (p: number) => dlV2.continuum.patterns.find((x) => x.value === p)!.label

  it('leads with the most likely pattern and its chance, as a sentence', () => {
    expect(placementSentence(placement, label, english)).toMatch(/^(Most likely|Almost certainly|Perhaps) emergent distribution \((over )?\d+ %\)/)
    expect(placementSentence(placement, label, english).endsWith('.')).toBe(true)
    // the same words as the API's (the CSV's), built from the same probabilities
    expect(placementSentence(placement, label, english)).toBe(`${section.words.charAt(0).toUpperCase()}${section.words.slice(1)}.`)
    expect(placementSentence(placement, () => 'Dosbarthu datblygol', welsh)).toMatch(/^(Mwyaf tebygol|Bron yn sicr|Efallai) dosbarthu datblygol \((dros )?\d+%\)/)
  })

  it('puts what staff say beside it, or says it is withheld', () => {
    expect(placementGlance(placement, label, english)).toContain(`Staff's answers place the school: ${section.words}. Staff most often chose emergent distribution`)
    expect(placementGlance({ ...placement, perceived: null }, label, english)).toContain('Too few staff chose a description')
    expect(placementGlance({ ...placement, perceived: null }, label, welsh)).toContain('Dewisodd rhy ychydig o staff ddisgrifiad')
  })

  it('counts people, one or many, and never names them', () => {
    expect(qualityLines({ respondents: 30, straightLining: 1, inconsistent: 0, acquiescent: 3 }, english)).toEqual([
      '1 person gave the same answer to nearly every statement.',
      '0 people answered inconsistently: statements that say the same thing got answers as far apart as random answers are.',
      '3 people tended to agree with statements whatever they said.',
    ])
  })
})
