import type { CreateSurveyBody, SchoolSummary, Survey } from '../../../../shared/schemas/surveys.ts'
import type { LeadApi } from '../api.ts'
import { failureOf, type FormFailure } from '../../common/lead-errors.ts'
import { Loadable } from '../../common/loadable.svelte.ts'

/** One school's survey cycles, newest first, and starting a new one. */
export class SchoolSurveys extends Loadable<{ school: SchoolSummary; surveys: Survey[] }> {
  readonly schoolId: number
  /** The school as listed for this leader (name, trust, demo); null until loaded. */
  readonly school = $derived(this.value?.school ?? null)
  readonly surveys = $derived(this.value?.surveys ?? [])
  creating = $state(false)
  private readonly api: LeadApi

  readonly name = $derived(this.school?.name ?? this.surveys[0]?.schoolName ?? null)

  constructor(api: LeadApi, schoolId: number) {
    super(async () => {
      const [surveys, school] = await Promise.all([api.listSurveys(schoolId), api.getSchool(schoolId)])
      return { school, surveys: surveys.items }
    })
    this.api = api
    this.schoolId = schoolId
  }

  /** Creates a draft survey; returns it, or what went wrong for the form to show. */
  async create(body: CreateSurveyBody): Promise<{ survey: Survey } | { failure: FormFailure }> {
    this.creating = true
    try {
      const survey = await this.api.createSurvey(this.schoolId, body)
      if (this.value) this.value = { ...this.value, surveys: [survey, ...this.value.surveys] }
      return { survey }
    } catch (err) {
      return { failure: failureOf(err) }
    } finally {
      this.creating = false
    }
  }
}
