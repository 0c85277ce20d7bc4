import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { estimatedMinutes } from '../../shared/instrument/length.ts'
import { InstrumentSchema, itemOrder, keyingOf, MAP_AREA_IDS, PATTERN_DIMENSION_IDS, SCALE_IDS } from '../../shared/instrument/types.ts'

describe('instrument dl-v2', () => {
  it('matches the instrument schema', () => {
    expect(() => InstrumentSchema.parse(dlV2)).not.toThrow()
  })

  it('has the nine scales in order, every scale as many reverse-keyed items as positive ones', () => {
    expect(dlV2.scales.map((s) => s.id)).toEqual([...SCALE_IDS])
    for (const scale of dlV2.scales) {
      expect(scale.items.every((i) => i.keying !== undefined), scale.id).toBe(true)
      const negative = scale.items.filter((i) => keyingOf(i) === 'negative').length
      expect(negative * 2, scale.id).toBe(scale.items.length)
    }
  })

  it('gives every question a unique id, and never reuses a dl-v1 id for a different text', () => {
    const ids = [...itemOrder(dlV2), ...dlV2.patternBlock!.pairs.map((p) => p.id), dlV2.patternBlock!.origin.id]
    expect(new Set(ids).size).toBe(ids.length)
    const v1 = new Map(dlV1.scales.flatMap((s) => s.items.map((i) => [i.id, i.text] as const)))
    for (const item of dlV2.scales.flatMap((s) => s.items)) if (v1.has(item.id)) expect(item.text).toBe(v1.get(item.id))
  })

  it('asks about every pattern dimension with two pairs whose high end alternates, and maps every area', () => {
    const pairs = dlV2.patternBlock!.pairs
    for (const dimension of PATTERN_DIMENSION_IDS) {
      const of = pairs.filter((p) => p.dimension === dimension)
      expect(of.map((p) => p.high).sort(), dimension).toEqual(['first', 'second'])
    }
    expect(dlV2.patternBlock!.origin.options.map((o) => o.value)).toEqual([1, 2, 3, 4])
    expect(dlV2.leadershipMap!.areas.map((a) => a.id)).toEqual([...MAP_AREA_IDS])
  })

  it('offers seven vignettes in continuum order, each with a gain and a cost, without academic words', () => {
    expect(dlV2.continuum.patterns.map((p) => p.value)).toEqual([1, 2, 3, 4, 5, 6, 7])
    for (const p of dlV2.continuum.patterns) {
      expect(p.vignette).not.toMatch(/autocra|delegat|distribut|anarch/i)
      // a strength, then a cost after the semicolon
      expect(p.vignette, p.label).toMatch(/;/)
    }
  })

  it('writes agree/disagree items in plain words under 20 words, about practice not a post-holder', () => {
    for (const { text } of dlV2.scales.flatMap((s) => s.items)) {
      expect(text.split(/\s+/).length).toBeLessThanOrEqual(20)
      expect(text).not.toMatch(/\b(the )?(head ?teacher|principal)\b/i)
    }
  })

  it('takes a teaching assistant on a phone at most 12 minutes (150 words a minute plus answering time)', () => {
    expect(estimatedMinutes(dlV2)).toBeLessThanOrEqual(12)
    expect(dlV2.estimatedMinutes).toBeGreaterThanOrEqual(Math.round(estimatedMinutes(dlV2)))
  })
})

describe('instrument dl-v1 after dl-v2', () => {
  it('still validates, has no keying and no new blocks, and is byte for byte what it was', () => {
    expect(() => InstrumentSchema.parse(dlV1)).not.toThrow()
    expect(dlV1.scales.flatMap((s) => s.items).every((i) => i.keying === undefined && keyingOf(i) === 'positive')).toBe(true)
    expect(dlV1.patternBlock).toBeUndefined()
    expect(dlV1.leadershipMap).toBeUndefined()
    expect(createHash('sha256').update(JSON.stringify(dlV1)).digest('hex')).toBe('3d3fc167fa73bdfddd1935b436140a68132618ff7ef6513229cf8d0a91ee0de0')
  })
})
