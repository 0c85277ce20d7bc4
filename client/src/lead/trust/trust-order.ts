import type { OverviewSchool } from '../../../../shared/schemas/trusts.ts'

// The trust overview's two choices as pure functions: the order of the continuum table and the
// schools ticked for the radar chart (TrustOverviewView keeps the state; tests call these).

export type SortKey = 'name' | 'evidence' | 'probability' | 'distribution' | 'coordination' | 'rate'
export type SortDirection = 'ascending' | 'descending'
export interface Sort { key: SortKey; direction: SortDirection }

/** A school ticked for the radar chart, with the line style (slot) it keeps while shown. */
export interface Picked { schoolId: number; slot: number }

const byName = (a: OverviewSchool, b: OverviewSchool) => a.name.localeCompare(b.name, 'en-GB')

/** A sort value of a school; null sorts last whichever the direction. */
function sortValue(school: OverviewSchool, key: Exclude<SortKey, 'name'>): number | null {
  const c = school.continuum
  if (key === 'rate') return school.responseRate
  if (key === 'evidence') return c?.evidencePattern ?? null
  if (key === 'probability') return c?.evidenceProbability ?? null
  if (key === 'distribution') return c?.distributionIndex ?? null
  return c?.coordinationIndex ?? null
}

/** Schools in the continuum table's order: missing values last, ties by name. */
export function sortSchools(schools: readonly OverviewSchool[], { key, direction }: Sort): OverviewSchool[] {
  const sign = direction === 'ascending' ? 1 : -1
  if (key === 'name') return [...schools].sort((a, b) => sign * byName(a, b))
  return [...schools].sort((a, b) => {
    const x = sortValue(a, key)
    const y = sortValue(b, key)
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1
    // Evidence patterns tie often: the distribution index (dl-v1) or the pattern's chance (dl-v2) orders schools within a pattern.
    const within = (s: OverviewSchool) => sortValue(s, 'distribution') ?? sortValue(s, 'probability') ?? 0
    const tie = key === 'evidence' ? within(a) - within(b) : 0
    return sign * (x - y || tie) || byName(a, b)
  })
}

/** Sorting by a column: a new column ascending, the same column again reversed. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key !== key) return { key, direction: 'ascending' }
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
}

/**
 * Ticks or unticks a school for the radar chart. Schools ticked but no longer reportable (another
 * cycle) drop out; a school ticked takes the first free slot, and none beyond `max`.
 */
export function pickSchool(picked: readonly Picked[], reportable: readonly OverviewSchool[], schoolId: number, on: boolean, max: number): Picked[] {
  const shown = picked.filter((p) => reportable.some((s) => s.schoolId === p.schoolId) && p.schoolId !== schoolId)
  if (on && shown.length < max) {
    const used = new Set(shown.map((p) => p.slot))
    let slot = 0
    while (used.has(slot)) slot++
    shown.push({ schoolId, slot })
  }
  return shown
}

/**
 * The schools on the radar chart, each with its slot: those ticked and reportable in this cycle.
 * On paper with none ticked, the first `max` reportable schools, so that the chart compares something.
 */
export function radarSchools(picked: readonly Picked[], reportable: readonly OverviewSchool[], printing: boolean, max: number): { school: OverviewSchool; slot: number }[] {
  const bySchool = new Map(reportable.map((s) => [s.schoolId, s]))
  const ticked = picked.filter((p) => bySchool.has(p.schoolId))
  if (printing && ticked.length === 0) return reportable.slice(0, max).map((school, slot) => ({ school, slot }))
  return ticked.flatMap(({ schoolId, slot }) => {
    const school = bySchool.get(schoolId)
    return school ? [{ school, slot }] : []
  })
}
