import { dlV1 } from '../../../shared/instrument/dl-v1.ts'
import type { Instrument } from '../../../shared/instrument/types.ts'
import { CURRENT_INSTRUMENT_ID, findInstrument } from '../../../shared/instrument/versions.ts'
import type { OverviewSchool, TrustOverview } from '../../../shared/schemas/trusts.ts'
import type { LeadApi } from '../lead/api.ts'
import { cycleToken, type CycleQuery } from '../lib/cycle-query.ts'
import { errorMessage } from '../lib/lead-errors.ts'
import { SCHOOL_STYLES, SERIES_STYLES, type RadarData, type RadarSeries, type SeriesStyle } from '../lib/radar-chart.svelte.ts'
import { patternLabeller } from '../lib/report-words.ts'

export type SortKey = 'name' | 'evidence' | 'distribution' | 'coordination' | 'rate'
export type SortDirection = 'ascending' | 'descending'

/** The most schools the radar chart lays over the trust average: more lines could not be told apart. */
export const RADAR_MAX = SCHOOL_STYLES.length

export interface RadarSchool { school: OverviewSchool; style: SeriesStyle }
export type ScaleMeans = OverviewSchool['scales']

const byName = (a: OverviewSchool, b: OverviewSchool) => a.name.localeCompare(b.name, 'en-GB')

/** A sort value of a school; null sorts last whichever the direction. */
function sortValue(school: OverviewSchool, key: Exclude<SortKey, 'name'>): number | null {
  const c = school.continuum
  if (key === 'rate') return school.responseRate
  if (key === 'evidence') return c?.evidencePattern ?? null
  if (key === 'distribution') return c?.distributionIndex ?? null
  return c?.coordinationIndex ?? null
}

/**
 * A trust's overview as its leader reads it: the schools side by side for one cycle, as the API
 * disclosed them (a school below k has no figures, ever), with the reader's choices: the cycle
 * (kept in the address), the order of the continuum table and the schools on the radar chart
 * (kept while the cycle changes).
 */
export class TrustOverviewView {
  readonly trustId: number
  overview = $state.raw<TrustOverview | null>(null)
  /** The cycle asked for; {} is the latest term with results. */
  query = $state.raw<CycleQuery>({})
  loading = $state(true)
  /** Loading failed for a reason other than access (network, server, a cycle the API refused). */
  error = $state<string | null>(null)
  sortKey = $state<SortKey>('evidence')
  sortDirection = $state<SortDirection>('ascending')
  /** Schools ticked for the radar chart, in the order ticked, each with the style it keeps. */
  picked = $state.raw<{ schoolId: number; slot: number }[]>([])
  /** While the page is printed: a chart with no school ticked would print as the trust alone. */
  printing = $state(false)
  private readonly api: LeadApi
  private requests = 0

  /** The overview is scored on the current questionnaire: its scale names and continuum patterns. */
  readonly instrument: Instrument = findInstrument(CURRENT_INSTRUMENT_ID) ?? dlV1
  readonly patternLabel = patternLabeller(this.instrument.continuum.patterns)

  readonly schools: OverviewSchool[] = $derived(this.overview?.schools ?? [])
  readonly reportable: OverviewSchool[] = $derived(this.schools.filter((s) => s.status === 'reportable'))
  readonly unplaced: OverviewSchool[] = $derived(this.schools.filter((s) => s.status !== 'reportable'))

  /** Reportable schools in the order the continuum table is sorted. */
  readonly sorted: OverviewSchool[] = $derived.by(() => {
    const key = this.sortKey
    const sign = this.sortDirection === 'ascending' ? 1 : -1
    if (key === 'name') return [...this.reportable].sort((a, b) => sign * byName(a, b))
    return [...this.reportable].sort((a, b) => {
      const x = sortValue(a, key)
      const y = sortValue(b, key)
      if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1
      // Evidence patterns tie often: the distribution index orders schools within a pattern.
      const tie = key === 'evidence' ? (sortValue(a, 'distribution') ?? 0) - (sortValue(b, 'distribution') ?? 0) : 0
      return sign * (x - y || tie) || byName(a, b)
    })
  })

  /**
   * The schools on the radar chart: ticked and reportable in this cycle. On paper with none
   * ticked, the first (up to RADAR_MAX) reportable schools, so that the chart compares something.
   */
  readonly onRadar: RadarSchool[] = $derived.by(() => {
    const bySchool = new Map(this.reportable.map((s) => [s.schoolId, s]))
    const ticked = this.picked.filter((p) => bySchool.has(p.schoolId))
    if (this.printing && ticked.length === 0) {
      return this.reportable.slice(0, RADAR_MAX).map((school, slot) => ({ school, style: SCHOOL_STYLES[slot]! }))
    }
    return ticked.flatMap(({ schoolId, slot }) => {
      const school = bySchool.get(schoolId)
      return school ? [{ school, style: SCHOOL_STYLES[slot]! }] : []
    })
  })
  readonly radarFull = $derived(this.onRadar.length >= RADAR_MAX)

  /** The trust average (schools' disclosed means weighted by their disclosed responses), then each school ticked. */
  readonly radar: RadarData = $derived.by(() => {
    const scales = this.instrument.scales
    const values = (means: ScaleMeans) => scales.map((s) => means[s.id])
    const series: RadarSeries[] = []
    if (this.overview?.totals.schoolsReportable) {
      series.push({ key: 'trust', label: 'Trust average', values: values(this.overview.totals.weighted), style: SERIES_STYLES.trust })
    }
    for (const { school, style } of this.onRadar) series.push({ key: `school-${school.schoolId}`, label: school.name, values: values(school.scales), style })
    return { labels: scales.map((s) => s.name), series }
  })

  constructor(api: LeadApi, trustId: number) {
    this.api = api
    this.trustId = trustId
  }

  /** Shows the overview for a cycle; a newer request wins over one still on its way. */
  async show(query: CycleQuery): Promise<void> {
    this.query = query
    const request = ++this.requests
    this.loading = true
    this.error = null
    try {
      const overview = await this.api.getTrustOverview(this.trustId, query)
      if (request === this.requests) this.overview = overview
    } catch (err) {
      if (request === this.requests) this.error = errorMessage(err)
    } finally {
      if (request === this.requests) this.loading = false
    }
  }

  reload(): Promise<void> {
    return this.show(this.query)
  }

  /** Sorts the continuum table by a column; the same column again reverses the order. */
  sortBy(key: SortKey): void {
    if (this.sortKey === key) this.sortDirection = this.sortDirection === 'ascending' ? 'descending' : 'ascending'
    else {
      this.sortKey = key
      this.sortDirection = 'ascending'
    }
  }

  isPicked(schoolId: number): boolean {
    return this.onRadar.some((r) => r.school.schoolId === schoolId)
  }

  /** Ticks or unticks a school for the radar chart; a school keeps its line style while shown. */
  pick(schoolId: number, on: boolean): void {
    const shown = this.picked.filter((p) => this.reportable.some((s) => s.schoolId === p.schoolId) && p.schoolId !== schoolId)
    if (on && shown.length < RADAR_MAX) {
      const used = new Set(shown.map((p) => p.slot))
      const slot = SCHOOL_STYLES.findIndex((_, i) => !used.has(i))
      shown.push({ schoolId, slot })
    }
    this.picked = shown
  }

  styleOf(schoolId: number): SeriesStyle | null {
    return this.onRadar.find((r) => r.school.schoolId === schoolId)?.style ?? null
  }

  scaleName(id: string): string {
    return this.instrument.scales.find((s) => s.id === id)?.name ?? id
  }

  /** A school's report, with the way back to this overview in the address. */
  reportHref(school: OverviewSchool): string | null {
    if (school.status !== 'reportable' || school.surveyId === null) return null
    const params = new URLSearchParams({ from: `trust-${this.trustId}` })
    const token = cycleToken(this.query)
    if (token) params.set('in', token)
    return `/surveys/${school.surveyId}/report?${params}`
  }

  csvUrl(part: 'data' | 'codebook'): string {
    return this.api.trustCsvUrl(this.trustId, this.query, part)
  }
}
