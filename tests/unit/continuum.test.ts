import { describe, expect, it } from 'vitest'
import { evidencePattern, fromIndex, PATTERN_CENTRES, toIndex } from '../../shared/domain/continuum.ts'
import { surveyPhase } from '../../shared/domain/survey-phase.ts'

describe('evidencePattern', () => {
  it.each([
    [0, 50, 1], [20.9, 50, 1], [21, 50, 2], [35.9, 90, 2], [36, 50, 3], [49.9, 50, 3], [50, 50, 4], [65.9, 50, 4], [66, 50, 5], [78.9, 50, 5], [79, 50, 6], [100, 100, 6],
    [55, 43.9, 7], [90, 0, 7], [54.9, 0, 4], [55, 44, 4],
  ])('places distribution %d, coordination %d in pattern %d', (d, c, pattern) => {
    expect(evidencePattern(d, c)).toBe(pattern)
  })

  it('places every pattern centre in its own pattern', () => {
    for (const [pattern, centre] of Object.entries(PATTERN_CENTRES)) {
      expect(evidencePattern(centre.distribution, centre.coordination)).toBe(Number(pattern))
    }
  })

  it('converts between the 1..5 scale and the 0..100 index', () => {
    expect([toIndex(1), toIndex(3), toIndex(5)]).toEqual([0, 50, 100])
    expect(fromIndex(25)).toBe(2)
  })
})

describe('surveyPhase', () => {
  const opensAt = new Date('2026-11-10T09:00:00Z')
  const closesAt = new Date('2026-11-20T17:00:00Z')
  it.each([
    ['draft', '2026-11-15T00:00:00Z', 'draft'],
    ['open', '2026-11-09T00:00:00Z', 'scheduled'],
    ['open', '2026-11-10T09:00:00Z', 'open'],
    ['open', '2026-11-20T16:59:59Z', 'open'],
    ['open', '2026-11-20T17:00:00Z', 'closed'],
    ['closed', '2026-11-15T00:00:00Z', 'closed'],
  ] as const)('a %s survey at %s is %s', (status, at, phase) => {
    expect(surveyPhase({ status, opensAt, closesAt }, new Date(at))).toBe(phase)
  })
})
