import type { CustodianLink, Survey, SurveyProgress, UpdateSurveyBody } from '../../../../shared/schemas/surveys.ts'
import type { LeadApi } from '../api.ts'
import { failureOf, type FormFailure } from '../../common/lead-errors.ts'
import { Loadable } from '../../common/loadable.svelte.ts'
import { responseRate } from '../../../../shared/domain/progress.ts'

export const PROGRESS_REFRESH_MS = 15_000

/** One survey cycle as its leader runs it: open, watch, extend, change settings, close, make codes. */
export class SurveyCycle extends Loadable<Survey> {
  readonly surveyId: number
  readonly survey = $derived(this.value)
  progress = $state.raw<SurveyProgress | null>(null)
  /** What is being done right now, so its button can say so and the others wait. */
  busy = $state<'open' | 'close' | 'update' | 'codes' | null>(null)
  private readonly api: LeadApi

  /** The count and rate to show: the latest refresh, else what came with the survey. */
  readonly responseCount = $derived(this.progress?.responseCount ?? this.survey?.responseCount ?? 0)
  /** `coarse` while the survey is open: the count moves in steps of k. */
  readonly responseCountPrecision = $derived(this.progress?.responseCountPrecision ?? this.survey?.responseCountPrecision ?? 'exact')
  readonly responseRate = $derived(this.progress ? this.progress.responseRate : responseRate(this.survey?.responseCount ?? 0, this.survey?.expectedStaff ?? null))

  constructor(api: LeadApi, surveyId: number) {
    super(() => api.getSurvey(surveyId))
    this.api = api
    this.surveyId = surveyId
  }

  /**
   * The response count and rate, asked for every 15 s while the survey is open. When the phase or
   * the staff count no longer match (it opened or closed by date), the whole
   * survey is fetched again. A failed refresh is silent: the next one tries again. The count is in
   * steps of k while the survey is open, so refreshing never shows one person answering.
   */
  async refresh(): Promise<void> {
    try {
      const progress = await this.api.getProgress(this.surveyId)
      this.progress = progress
      const survey = this.survey
      if (survey && (progress.phase !== survey.phase || progress.expectedStaff !== survey.expectedStaff)) {
        this.accept(await this.api.getSurvey(this.surveyId))
      }
    } catch {
      // offline for a moment, or the session ended (the session has already shown that)
    }
  }

  /** Each action returns what went wrong, for the form that started it to show, or null when done. */
  open(): Promise<FormFailure | null> {
    return this.act('open', () => this.api.openSurvey(this.surveyId))
  }

  close(): Promise<FormFailure | null> {
    return this.act('close', () => this.api.closeSurvey(this.surveyId))
  }

  update(body: UpdateSurveyBody): Promise<FormFailure | null> {
    return this.act('update', () => this.api.updateSurvey(this.surveyId, body))
  }

  /** A one-time link for the survey's code custodian, shown to the leader once, to pass on. Throws what the API refused. */
  async makeCustodianLink(count: number): Promise<CustodianLink> {
    this.busy = 'codes'
    try {
      return await this.api.createCustodianLink(this.surveyId, count)
    } finally {
      this.busy = null
    }
  }

  /** Makes codes; they go to the caller (to print) and are never kept here. Throws what the API refused. */
  async makeCodes(count: number): Promise<string[]> {
    this.busy = 'codes'
    try {
      return (await this.api.createAccessCodes(this.surveyId, count)).codes
    } finally {
      this.busy = null
    }
  }

  private async act(kind: 'open' | 'close' | 'update', call: () => Promise<Survey>): Promise<FormFailure | null> {
    this.busy = kind
    try {
      this.accept(await call())
      return null
    } catch (err) {
      return failureOf(err)
    } finally {
      this.busy = null
    }
  }

  private accept(survey: Survey): void {
    this.value = survey
    this.progress = null
  }
}
