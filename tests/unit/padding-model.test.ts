import { describe, expect, it } from 'vitest'
import { settingsLocked, shownResponseCount } from '../../shared/domain/progress.ts'
import { isolates, runPaddingModel } from '../../scripts/simulation/padding.ts'

describe('shownResponseCount: leaders see an open survey’s count to the end of yesterday, in steps of k', () => {
  it.each([
    [{ phase: 'open', k: 5, responseCount: 0, responsesBeforeToday: 0 }, { responseCount: 0, precision: 'coarse' }],
    [{ phase: 'open', k: 5, responseCount: 4, responsesBeforeToday: 4 }, { responseCount: 0, precision: 'coarse' }],
    [{ phase: 'open', k: 5, responseCount: 5, responsesBeforeToday: 5 }, { responseCount: 5, precision: 'coarse' }],
    [{ phase: 'open', k: 5, responseCount: 11, responsesBeforeToday: 11 }, { responseCount: 10, precision: 'coarse' }],
    [{ phase: 'open', k: 5, responseCount: 9, responsesBeforeToday: 4 }, { responseCount: 0, precision: 'coarse' }],
    [{ phase: 'open', k: 5, responseCount: 30, responsesBeforeToday: 12 }, { responseCount: 10, precision: 'coarse' }],
    [{ phase: 'scheduled', k: 3, responseCount: 2, responsesBeforeToday: 0 }, { responseCount: 0, precision: 'coarse' }],
    [{ phase: 'closed', k: 5, responseCount: 11, responsesBeforeToday: 6 }, { responseCount: 11, precision: 'exact' }],
  ] as const)('%j → %j', (input, shown) => {
    expect(shownResponseCount(input)).toEqual(shown)
  })

  it('never moves while people answer today, and by k or not at all from one day to the next', () => {
    for (const k of [3, 5, 7]) {
      for (let before = 0; before < 40; before++) {
        const shown = (responseCount: number, responsesBeforeToday: number) => shownResponseCount({ phase: 'open', k, responseCount, responsesBeforeToday }).responseCount
        for (let today = 0; today < 10; today++) expect(shown(before + today, before)).toBe(shown(before, before))
        expect(shown(before + 1, before + 1) - shown(before, before)).toSatisfy((step: number) => step === 0 || step === k)
      }
    }
  })

  it.each([
    ['draft', false],
    ['scheduled', false],
    ['open', true],
    ['closed', true],
  ] as const)('settings of a %s survey locked: %s', (phase, locked) => {
    expect(settingsLocked(phase)).toBe(locked)
  })
})

describe('the padding model', () => {
  const rows = runPaddingModel(2_000)
  const rate = (mode: Parameters<typeof isolates>[0], openHour = 8) => rows.find((r) => r.mode === mode && r.openHour === openHour)!.rate

  it('finds the attack always works on an exact count with live results, and never with codes held by a custodian', () => {
    expect(rate('exact count, live results at once')).toBeGreaterThan(0.95)
    expect(rate('codes held by a custodian')).toBe(0)
  })

  it('finds that releasing live batches the day after they complete isolates less often than releasing them at once', () => {
    expect(rate('coarse count, live results the day after a batch completes')).toBeLessThan(rate('coarse count, live results at once'))
  })

  it('counts a survey nobody answered as no isolation', () => {
    expect(isolates('coarse count, live results at once', { arrivals: [], openHour: 8 })).toBe(false)
  })
})
