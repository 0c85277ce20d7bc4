import { dlV1 } from '../../../../shared/instrument/dl-v1.ts'
import type { Instrument } from '../../../../shared/instrument/types.ts'
import type { Language } from '../../../../shared/instrument/languages.ts'
import { instrumentIn } from '../../../../shared/instrument/translations.ts'
import { findInstrument } from '../../../../shared/instrument/versions.ts'
import type { SurveyReport } from '../../../../shared/schemas/reports.ts'
import type { LeadApi } from '../api.ts'
import { Loadable } from '../../common/loadable.svelte.ts'
import { SERIES_STYLES, type RadarData, type RadarSeries, type SeriesKind } from '../../charts/radar-chart.svelte.ts'
import { patternLabeller } from '../../common/report-words.ts'
import { continuumWords, type ContinuumWords } from './continuum-words.ts'
import { GUIDANCE, guidanceIn, type Guidance } from '../../../../shared/domain/guidance.ts'
import type { Messages } from '../../common/i18n.svelte.ts'
import type { LeadMessageKey } from '../messages.svelte.ts'
import { normGroupName, termWords } from '../../../../shared/domain/advice-words.ts'
import { MAX_YEAR, MIN_YEAR } from '../../../../shared/domain/cycles.ts'

export type OverlayKind = Exclude<SeriesKind, 'current'>
export type Overlay = NonNullable<SurveyReport['overlays']['previous']>

export interface ShownOverlay { kind: OverlayKind; overlay: Overlay; shown: boolean }

/**
 * One survey's school report as a leader reads it: the report (as the API disclosed it, with the
 * survey's dates and the count a leader may see, for a report not released yet), and which
 * overlays the radar chart shows. One request.
 */
export class SurveyReportView extends Loadable<SurveyReport> {
  readonly surveyId: number
  readonly report = $derived(this.value)
  /** Overlays on the radar chart, off until the leader asks for them. */
  showPrevious = $state(false)
  showTrust = $state(false)
  showNorm = $state(false)
  private readonly api: LeadApi
  /** The reader's words: the page is made again when the language changes, so it is read once. */
  private readonly messages: Messages<LeadMessageKey>

  /** The questionnaire in the report's language, once loaded (English needs no loading). */
  private translated = $state.raw<Instrument | null>(null)
  /** The next steps of strengths, priorities and risk flags in the report's language (English until loaded). */
  guidance = $state.raw<Guidance>(GUIDANCE)
  /** The questionnaire the survey was answered on: its scale names and continuum patterns. */
  readonly instrument: Instrument = $derived(this.translated ?? findInstrument(this.report?.survey.instrumentVersion ?? '') ?? dlV1)
  readonly patternLabel = $derived(patternLabeller(this.instrument.continuum.patterns))
  readonly words: ContinuumWords | null = $derived.by(() => (this.report ? continuumWords(this.report.continuum, this.patternLabel, this.messages) : null))

  /** The overlays this report has (an earlier cycle, the trust average), with whether each is shown. */
  readonly overlays: ShownOverlay[] = $derived.by(() => {
    const overlays = this.report?.overlays
    if (!overlays) return []
    const list: ShownOverlay[] = []
    if (overlays.previous) list.push({ kind: 'previous', overlay: this.worded('previous', overlays.previous), shown: this.showPrevious })
    if (overlays.trust) list.push({ kind: 'trust', overlay: this.worded('trust', overlays.trust), shown: this.showTrust })
    const norm = this.normOverlay
    if (norm) list.push({ kind: 'norm', overlay: norm, shown: this.showNorm })
    return list
  })
  /** The median of the group the report compares the school in (similar schools, else all), where it has one. */
  private get normOverlay(): Overlay | null {
    const norms = this.report?.norms
    const kind = norms?.basis ?? (norms?.groups.some((g) => g.kind === 'similar') ? 'similar' : norms?.groups[0]?.kind)
    const group = norms?.groups.find((g) => g.kind === kind)
    if (!norms || !group) return null
    const median = (s: (typeof norms.scales)[number]) => (kind === 'similar' ? s.similarMedian : s.allMedian)
    const schools = Math.max(0, ...norms.scales.map((s) => (kind === 'similar' ? s.similarSchools : s.allSchools) ?? 0))
    const { t } = this.messages
    return { label: t('report.radar.normLabel', { group: normGroupName(group, this.messages) }), basis: t('report.overlay.schools', { count: schools }), responses: null, schools, scales: Object.fromEntries(norms.scales.map((s) => [s.id, median(s)])) as Overlay['scales'] }
  }

  /** An overlay's name and basis in the reader's language: the earlier survey keeps its title. */
  private worded(kind: 'previous' | 'trust', overlay: Overlay): Overlay {
    const { t } = this.messages
    const term = this.report?.overlays.trustWhy?.term
    const label = kind === 'trust' && term ? t('report.overlay.trust', { term: termWords(term, this.messages) }) : overlay.label
    const { responses, schools } = overlay
    const basis =
      schools !== null && responses !== null
        ? t('report.overlay.schoolsResponses', { schools, responses })
        : responses !== null
          ? t('report.overlay.responses', { count: responses })
          : overlay.basis
    return { ...overlay, label, basis }
  }

  /** What the trust comparison is, or why there is none, in the reader's language; null where there is nothing to say. */
  get trustNote(): string | null {
    const why = this.report?.overlays.trustWhy
    if (!why) return null
    const { t } = this.messages
    if (why.status === 'out_of_range' || !why.term) return t('report.trust.outOfRange', { from: String(MIN_YEAR), to: String(MAX_YEAR) })
    const term = termWords(why.term, this.messages)
    if (why.status === 'pending') return t('report.trust.pending', { term, date: this.messages.day(why.appearsOn ?? '', { day: 'numeric', month: 'long', year: 'numeric' }) })
    if (why.status === 'too_few') return t('report.trust.tooFew', { term, min: why.minSchools })
    return t('report.trust.compared', { term, schools: why.otherSchools ?? 0, responses: why.responses ?? 0 })
  }

  readonly shownOverlays = $derived(this.overlays.filter((o) => o.shown))

  /** What the radar chart draws: this survey, then each overlay shown, on the report's scale order. */
  readonly radar: RadarData = $derived.by(() => {
    const scales = this.report?.scales ?? []
    const series: RadarSeries[] = [{ key: 'current', label: this.messages.t('report.radar.thisSurvey'), values: scales.map((s) => s.mean), style: SERIES_STYLES.current }]
    for (const { kind, overlay } of this.shownOverlays) {
      series.push({ key: kind, label: overlay.label, values: scales.map((s) => overlay.scales[s.id]), style: SERIES_STYLES[kind] })
    }
    return { labels: scales.map((s) => s.name), series }
  })

  readonly language: Language

  constructor(api: LeadApi, surveyId: number, messages: Messages<LeadMessageKey>) {
    const language = messages.language
    super(() => api.getSurveyReport(surveyId, language))
    this.api = api
    this.surveyId = surveyId
    this.language = language
    this.messages = messages
  }

  override async load(): Promise<void> {
    const [, guidance] = await Promise.all([super.load(), guidanceIn(this.language)])
    this.guidance = guidance
    const source = findInstrument(this.report?.survey.instrumentVersion ?? '')
    if (source && this.language !== 'en') this.translated = await instrumentIn(source, this.language)
  }

  setOverlay(kind: OverlayKind, shown: boolean): void {
    if (kind === 'previous') this.showPrevious = shown
    else if (kind === 'norm') this.showNorm = shown
    else this.showTrust = shown
  }

  csvUrl(part: 'data' | 'codebook'): string {
    return this.api.reportCsvUrl(this.surveyId, part, this.language)
  }
}
