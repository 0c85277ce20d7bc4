import { dlV1 } from '../../../../shared/instrument/dl-v1.ts'
import { instrumentIn } from '../../../../shared/instrument/translations.ts'
import type { Instrument } from '../../../../shared/instrument/types.ts'
import type { Language } from '../../../../shared/instrument/languages.ts'
import { CURRENT_INSTRUMENT_ID, findInstrument } from '../../../../shared/instrument/versions.ts'
import type { OverviewSchool, TrustOverview } from '../../../../shared/schemas/trusts.ts'
import type { LeadApi } from '../api.ts'
import { cycleToken, type CycleQuery } from '../../common/cycle-query.ts'
import { Loadable } from '../../common/loadable.svelte.ts'
import { SCHOOL_STYLES, SERIES_STYLES, type RadarData, type RadarSeries, type SeriesStyle } from '../../charts/radar-chart.svelte.ts'
import { patternLabeller } from '../../common/report-words.ts'
import { nextSort, pickSchool, radarSchools, sortSchools, type Picked, type Sort, type SortKey } from './trust-order.ts'

/** The most schools the radar chart lays over the trust average: more lines could not be told apart. */
export const RADAR_MAX = SCHOOL_STYLES.length

export interface RadarSchool { school: OverviewSchool; style: SeriesStyle }
export type ScaleMeans = OverviewSchool['scales']

/**
 * A trust's overview as its leader reads it: the schools side by side for one cycle, as the API
 * disclosed them (a school below k has no figures, ever), with the reader's choices: the cycle
 * (kept in the address), the order of the continuum table and the schools on the radar chart
 * (kept while the cycle changes).
 */
export class TrustOverviewView extends Loadable<TrustOverview> {
  readonly trustId: number
  /** The overview on display: while another cycle loads, or failed to (see error), the one before. */
  readonly overview = $derived(this.value)
  /** The cycle asked for; {} is the latest term with results. */
  query = $state.raw<CycleQuery>({})
  /** The questionnaire asked for; undefined: the one the API chooses (that of the latest closed survey). */
  instrumentAsked = $state<string | undefined>()
  sort = $state.raw<Sort>({ key: 'evidence', direction: 'ascending' })
  /** Schools ticked for the radar chart, in the order ticked, each with the style it keeps. */
  picked = $state.raw<Picked[]>([])
  /** While the page is printed: a chart with no school ticked would print as the trust alone. */
  printing = $state(false)
  private readonly api: LeadApi

  /** The questionnaire the overview compares (the API says which): its scale names and continuum patterns, in English. */
  readonly english: Instrument = $derived(findInstrument(this.overview?.instrumentVersion ?? CURRENT_INSTRUMENT_ID) ?? dlV1)
  /** The same in the leader's language (see useLanguage). */
  instrument = $state.raw<Instrument>(findInstrument(CURRENT_INSTRUMENT_ID) ?? dlV1)
  readonly patternLabel = $derived(patternLabeller(this.instrument.continuum.patterns))
  /** "Trust average", in the leader's language. */
  trustAverage = $state('Trust average')

  readonly schools: OverviewSchool[] = $derived(this.overview?.schools ?? [])
  readonly reportable: OverviewSchool[] = $derived(this.schools.filter((s) => s.status === 'reportable'))
  readonly unplaced: OverviewSchool[] = $derived(this.schools.filter((s) => s.status !== 'reportable'))

  /** Reportable schools in the order the continuum table is sorted. */
  readonly sorted: OverviewSchool[] = $derived(sortSchools(this.reportable, this.sort))

  /** The schools on the radar chart (see radarSchools), each with the style it keeps. */
  readonly onRadar: RadarSchool[] = $derived(
    radarSchools(this.picked, this.reportable, this.printing, RADAR_MAX).map(({ school, slot }) => ({ school, style: SCHOOL_STYLES[slot]! })),
  )
  readonly radarFull = $derived(this.onRadar.length >= RADAR_MAX)

  /** The trust average (schools' disclosed means weighted by their disclosed responses), then each school ticked. */
  readonly radar: RadarData = $derived.by(() => {
    const scales = this.instrument.scales
    const values = (means: ScaleMeans) => scales.map((s) => means[s.id])
    const series: RadarSeries[] = []
    if (this.overview?.totals.schoolsReportable) {
      series.push({ key: 'trust', label: this.trustAverage, values: values(this.overview.totals.weighted), style: SERIES_STYLES.trust })
    }
    for (const { school, style } of this.onRadar) series.push({ key: `school-${school.schoolId}`, label: school.name, values: values(school.scales), style })
    return { labels: scales.map((s) => s.name), series }
  })

  constructor(api: LeadApi, trustId: number) {
    super(() => api.getTrustOverview(trustId, this.query, this.instrumentAsked))
    this.api = api
    this.trustId = trustId
  }

  /** Shows the overview for a cycle (and a questionnaire, if one is asked for); a newer request wins over one still on its way. */
  show(query: CycleQuery, instrument?: string): Promise<void> {
    this.query = query
    this.instrumentAsked = instrument
    return this.load()
  }

  /** The overview's questionnaire's words in `language` (another language's texts load on demand); again when the questionnaire changes. */
  async useLanguage(language: Language, trustAverage: string): Promise<void> {
    this.trustAverage = trustAverage
    this.instrument = await instrumentIn(this.english, language)
  }

  /** Sorts the continuum table by a column; the same column again reverses the order. */
  sortBy(key: SortKey): void {
    this.sort = nextSort(this.sort, key)
  }

  isPicked(schoolId: number): boolean {
    return this.onRadar.some((r) => r.school.schoolId === schoolId)
  }

  /** Ticks or unticks a school for the radar chart; a school keeps its line style while shown. */
  pick(schoolId: number, on: boolean): void {
    this.picked = pickSchool(this.picked, this.reportable, schoolId, on, RADAR_MAX)
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

  /** The overview's CSV or its codebook, for the same cycle and questionnaire, in the reader's language. */
  csvUrl(part: 'data' | 'codebook', language: Language): string {
    return this.api.trustCsvUrl(this.trustId, this.query, this.instrumentAsked, part, language)
  }
}
