import { describe, expect, it } from 'vitest'
import { nextSort, pickSchool, radarSchools, sortSchools, type Picked } from '../../../client/src/lead/trust/trust-order.ts'
import { SCALE_IDS } from '../../../shared/instrument/types.ts'
import type { OverviewSchool } from '../../../shared/schemas/trusts.ts'

// The trust overview's continuum table order and the schools on its radar chart.

function school(schoolId: number, name: string, figures: { evidence?: number | null; distribution?: number | null; coordination?: number | null; rate?: number | null } = {}): OverviewSchool {
  return {
    schoolId,
    name,
    status: 'reportable',
    k: 5,
    surveyId: schoolId * 10,
    surveyTitle: 'Autumn',
    responseCount: 20,
    expectedStaff: 25,
    responseRate: figures.rate ?? null,
    scales: Object.fromEntries(SCALE_IDS.map((id) => [id, null])) as OverviewSchool['scales'],
    percentiles: Object.fromEntries(SCALE_IDS.map((id) => [id, null])) as OverviewSchool['percentiles'],
    continuum: {
      perceivedMedian: null,
      perceivedQ1: null,
      perceivedQ3: null,
      evidencePattern: figures.evidence ?? null,
      evidenceProbability: null,
      distributionIndex: figures.distribution ?? null,
      coordinationIndex: figures.coordination ?? null,
    },
    priorities: [],
  }
}

const ash = school(1, 'Ashgrove', { evidence: 3, distribution: 52, coordination: 70, rate: 0.8 })
const birch = school(2, 'birch Lane', { evidence: 2, distribution: 40, coordination: null, rate: 0.5 })
const cedar = school(3, 'Cedar', { evidence: 3, distribution: 47, coordination: 61, rate: null })
const dale = school(4, 'Dale', { evidence: null, distribution: null, coordination: 55, rate: 0.9 })
const all = [dale, cedar, birch, ash]
const names = (schools: OverviewSchool[]) => schools.map((s) => s.name)

describe('sortSchools: the continuum table', () => {
  it.each([
    ['name', 'ascending', ['Ashgrove', 'birch Lane', 'Cedar', 'Dale']],
    ['name', 'descending', ['Dale', 'Cedar', 'birch Lane', 'Ashgrove']],
    // evidence ties (Ashgrove, Cedar at 3) are ordered by the distribution index
    ['evidence', 'ascending', ['birch Lane', 'Cedar', 'Ashgrove', 'Dale']],
    ['evidence', 'descending', ['Ashgrove', 'Cedar', 'birch Lane', 'Dale']],
    ['distribution', 'ascending', ['birch Lane', 'Cedar', 'Ashgrove', 'Dale']],
    ['coordination', 'descending', ['Ashgrove', 'Cedar', 'Dale', 'birch Lane']],
    ['rate', 'ascending', ['birch Lane', 'Ashgrove', 'Dale', 'Cedar']],
  ] as const)('by %s, %s (a missing figure last either way)', (key, direction, expected) => {
    expect(names(sortSchools(all, { key, direction }))).toEqual(expected)
  })

  it('orders schools with the same figure, or none, by name', () => {
    const twins = [school(5, 'Zeal', { rate: 0.5 }), school(6, 'Alder', { rate: 0.5 }), school(7, 'Yew'), school(8, 'Beech')]
    expect(names(sortSchools(twins, { key: 'rate', direction: 'descending' }))).toEqual(['Alder', 'Zeal', 'Beech', 'Yew'])
  })

  it('leaves the list it was given as it was', () => {
    const before = [...all]
    sortSchools(all, { key: 'name', direction: 'ascending' })
    expect(all).toEqual(before)
  })

  it('sorts a new column ascending and reverses the same column', () => {
    expect(nextSort({ key: 'evidence', direction: 'ascending' }, 'rate')).toEqual({ key: 'rate', direction: 'ascending' })
    expect(nextSort({ key: 'rate', direction: 'descending' }, 'name')).toEqual({ key: 'name', direction: 'ascending' })
    expect(nextSort({ key: 'rate', direction: 'ascending' }, 'rate')).toEqual({ key: 'rate', direction: 'descending' })
    expect(nextSort({ key: 'rate', direction: 'descending' }, 'rate')).toEqual({ key: 'rate', direction: 'ascending' })
  })
})

describe('pickSchool and radarSchools: the radar chart', () => {
  const tick = (picked: Picked[], id: number, on = true, reportable = all) => pickSchool(picked, reportable, id, on, 3)

  it('gives each school ticked the first free line style, and keeps it while others come and go', () => {
    let picked = tick(tick(tick([], 1), 2), 3)
    expect(picked).toEqual([{ schoolId: 1, slot: 0 }, { schoolId: 2, slot: 1 }, { schoolId: 3, slot: 2 }])
    picked = tick(picked, 1, false)
    expect(picked).toEqual([{ schoolId: 2, slot: 1 }, { schoolId: 3, slot: 2 }])
    picked = tick(picked, 4)
    expect(picked).toEqual([{ schoolId: 2, slot: 1 }, { schoolId: 3, slot: 2 }, { schoolId: 4, slot: 0 }])
  })

  it('ticks no more than the most the chart shows, and ticking a school twice changes nothing', () => {
    const full = tick(tick(tick([], 1), 2), 3)
    expect(tick(full, 4)).toEqual(full)
    expect(tick([{ schoolId: 1, slot: 0 }], 1)).toEqual([{ schoolId: 1, slot: 0 }])
  })

  it('drops a ticked school that has no figures in the cycle shown, freeing its place', () => {
    const picked = tick(tick(tick([], 1), 2), 3)
    const withoutBirch = [dale, cedar, ash]
    expect(tick(picked, 4, true, withoutBirch)).toEqual([{ schoolId: 1, slot: 0 }, { schoolId: 3, slot: 2 }, { schoolId: 4, slot: 1 }])
    expect(radarSchools(picked, withoutBirch, false, 3).map((r) => [r.school.name, r.slot])).toEqual([['Ashgrove', 0], ['Cedar', 2]])
  })

  it('shows only the schools ticked on screen, and the first ones on paper when none is', () => {
    expect(radarSchools([], all, false, 3)).toEqual([])
    expect(radarSchools([], all, true, 3).map((r) => [r.school.name, r.slot])).toEqual([['Dale', 0], ['Cedar', 1], ['birch Lane', 2]])
    expect(radarSchools([{ schoolId: 2, slot: 1 }], all, true, 3).map((r) => r.school.name)).toEqual(['birch Lane'])
  })
})
