import { describe, expect, it } from 'vitest'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { InstrumentSchema, itemOrder, SCALE_IDS } from '../../shared/instrument/types.ts'
import { findInstrument, instruments } from '../../shared/instrument/versions.ts'

describe('instrument dl-v1', () => {
  it('matches the instrument schema', () => {
    expect(() => InstrumentSchema.parse(dlV1)).not.toThrow()
  })

  it('has the nine scales in order, 4 to 6 items each, at most 50 in all, ids unique', () => {
    expect(dlV1.scales.map((s) => s.id)).toEqual([...SCALE_IDS])
    for (const scale of dlV1.scales) expect(scale.items.length).toBeGreaterThanOrEqual(4)
    for (const scale of dlV1.scales) expect(scale.items.length).toBeLessThanOrEqual(6)
    const ids = itemOrder(dlV1)
    expect(ids.length).toBeLessThanOrEqual(50)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('offers the seven continuum patterns in continuum order, without academic words in the vignettes', () => {
    const patterns = dlV1.continuum.patterns
    expect(patterns.map((p) => p.value)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(patterns.map((p) => p.label)).toEqual([
      'Autocracy', 'Traditional delegation', 'Progressive delegation', 'Guided distribution', 'Emergent distribution', 'Assertive distribution', 'Anarchy',
    ])
    for (const p of patterns) expect(p.vignette).not.toMatch(/autocra|delegat|distribut|anarch/i)
  })

  it('writes items about practice, one idea each, in plain words', () => {
    for (const { text } of dlV1.scales.flatMap((s) => s.items)) {
      expect(text.split(/\s+/).length).toBeLessThanOrEqual(20)
      expect(text).not.toMatch(/\b(the )?(head ?teacher|principal)\b/i)
      expect(text).not.toMatch(/\band\/or\b/)
    }
  })

  it('lists the optional roles and the two prompts', () => {
    expect(dlV1.roles.map((r) => r.id)).toEqual(['senior_leader', 'middle_leader', 'teacher', 'support_staff', 'other'])
    expect(dlV1.prompts.map((p) => p.id)).toEqual(['helps', 'hinders'])
  })

  it('is found by its id, and only real versions are', () => {
    expect(findInstrument('dl-v1')).toBe(dlV1)
    expect(findInstrument('toString')).toBeUndefined()
    expect(Object.keys(instruments)).toEqual(['dl-v1', 'dl-v2'])
  })
})
