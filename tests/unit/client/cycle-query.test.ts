import { describe, expect, it } from 'vitest'
import { cycleQueryOf, cycleSearch, cycleToken, trustReturnPath } from '../../../client/src/common/cycle-query.ts'

describe('the trust overview cycle in the address', () => {
  it('reads a term, a range or nothing', () => {
    expect(cycleQueryOf('?cycle=2026-autumn')).toEqual({ cycle: '2026-autumn' })
    expect(cycleQueryOf('?from=2026-01-01&to=2026-07-31')).toEqual({ from: '2026-01-01', to: '2026-07-31' })
    expect(cycleQueryOf('?from=2026-01-01')).toEqual({ from: '2026-01-01', to: '' })
    expect(cycleQueryOf('')).toEqual({})
  })

  it('round-trips through the query string and the short token', () => {
    for (const query of [{ cycle: '2025-summer' }, { from: '2026-01-01', to: '2026-07-31' }]) {
      expect(cycleQueryOf(cycleSearch(query))).toEqual(query)
      expect(trustReturnPath(`?from=trust-4&in=${encodeURIComponent(cycleToken(query)!)}`)).toBe(`/trusts/4${cycleSearch(query)}`)
    }
    expect(cycleSearch({})).toBe('')
    expect(cycleToken({})).toBeNull()
  })

  it('leads back only to a trust overview, dropping a cycle it does not recognise', () => {
    expect(trustReturnPath('?from=trust-4&in=<script>')).toBe('/trusts/4')
    expect(trustReturnPath('?from=trust-4&in=2026-01-01..nope')).toBe('/trusts/4')
    expect(trustReturnPath('?from=school-4')).toBeNull()
    expect(trustReturnPath('?from=trust-0')).toBeNull()
    expect(trustReturnPath('?from=trust-99999999999')).toBeNull()
    expect(trustReturnPath('')).toBeNull()
  })
})
