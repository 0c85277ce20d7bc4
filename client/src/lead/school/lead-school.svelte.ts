import type { CreateSurveyBody, SchoolSummary, Survey } from '../../../../shared/schemas/surveys.ts'
import type { LeadApi } from '../api.ts'
import { errorMessage, failureOf, type FormFailure } from '../../common/lead-errors.ts'

/** One school's survey cycles, newest first, and starting a new one. */
export class SchoolSurveys {
  readonly schoolId: number
  /** The school as listed for this leader (name, trust, demo); null until loaded. */
  school = $state.raw<SchoolSummary | null>(null)
  surveys = $state.raw<Survey[]>([])
  loading = $state(true)
  error = $state<string | null>(null)
  creating = $state(false)
  private readonly api: LeadApi

  readonly name = $derived(this.school?.name ?? this.surveys[0]?.schoolName ?? null)

  constructor(api: LeadApi, schoolId: number) {
    this.api = api
    this.schoolId = schoolId
  }

  async load(): Promise<void> {
    this.loading = true
    this.error = null
    try {
      const [surveys, school] = await Promise.all([this.api.listSurveys(this.schoolId), this.api.getSchool(this.schoolId)])
      this.surveys = surveys.items
      this.school = school
    } catch (err) {
      this.error = errorMessage(err)
    } finally {
      this.loading = false
    }
  }

  /** Creates a draft survey; returns it, or what went wrong for the form to show. */
  async create(body: CreateSurveyBody): Promise<{ survey: Survey } | { failure: FormFailure }> {
    this.creating = true
    try {
      const survey = await this.api.createSurvey(this.schoolId, body)
      this.surveys = [survey, ...this.surveys]
      return { survey }
    } catch (err) {
      return { failure: failureOf(err) }
    } finally {
      this.creating = false
    }
  }
}
