import { describe, expect, it } from 'vitest'
import { settingsLocked, shownResponseCount } from '../../shared/domain/progress.ts'
import { isolates, runPaddingModel } from '../simulation/padding.ts'

describe('shownResponseCount: leaders see an open survey’s count in steps of k', () => {
  it.each([
    [{ phase: 'open', k: 5, responseCount: 0 }, { responseCount: 0, precision: 'coarse' }],
    [{ phase: 'open', k: 5, responseCount: 4 }, { responseCount: 0, precision: 'coarse' }],
    [{ phase: 'open', k: 5, responseCount: 5 }, { responseCount: 5, precision: 'coarse' }],
    [{ phase: 'open', k: 5, responseCount: 11 }, { responseCount: 10, precision: 'coarse' }],
    [{ phase: 'scheduled', k: 3, responseCount: 2 }, { responseCount: 0, precision: 'coarse' }],
    [{ phase: 'closed', k: 5, responseCount: 11 }, { responseCount: 11, precision: 'exact' }],
  ] as const)('%j → %j', (input, shown) => {
    expect(shownResponseCount(input)).toEqual(shown)
  })

  it('never moves by one response while the survey is open', () => {
    for (const k of [3, 5, 7]) {
      for (let n = 0; n < 40; n++) {
        const step = shownResponseCount({ phase: 'open', k, responseCount: n + 1 }).responseCount - shownResponseCount({ phase: 'open', k, responseCount: n }).responseCount
        expect([0, k]).toContain(step)
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
