import type { Kysely } from 'kysely'
import type { Database } from '../../server/db/schema.ts'
import { createOrganisationService } from '../../server/modules/organisations/organisations.service.ts'
import { createSurveyService } from '../../server/modules/surveys/surveys.service.ts'
import { CURRENT_INSTRUMENT_ID, requireInstrument } from '../../shared/instrument/versions.ts'
import type { CreateSurveyBody } from '../../shared/schemas/surveys.ts'

export const DAY = 86_400_000

/** A trust with one school and a survey, created through the same services the CLI uses. */
export async function createSchoolWithSurvey(
  db: Kysely<Database>,
  options: Partial<CreateSurveyBody> & { status?: 'draft' | 'open'; now?: Date } = {},
) {
  const { status = 'open', now = new Date(), ...survey } = options
  const organisations = createOrganisationService({ db })
  const surveys = createSurveyService({ db, publicUrl: 'http://127.0.0.1:3000' })
  const trust = await organisations.createTrust({ name: 'Test Trust' })
  const school = await organisations.createSchool({ name: 'Test School', trustId: trust.id })
  const created = await surveys.createSurvey(
    school.id,
    {
      title: 'Test survey',
      opensAt: new Date(now.getTime() - DAY).toISOString(),
      closesAt: new Date(now.getTime() + 14 * DAY).toISOString(),
      ...survey,
    },
    status,
  )
  return { trustId: trust.id, schoolId: school.id, surveyId: created.id, token: created.link.split('/s/')[1]!, surveys }
}

/**
 * The least a counted response needs (shared/domain/response-minimum.ts): one section answered
 * in full, here the first of the current questionnaire (a new survey's), every statement "agree".
 */
export const SCORED_ANSWERS: Record<string, 4> = Object.fromEntries(requireInstrument(CURRENT_INSTRUMENT_ID).scales[0]!.items.map((item) => [item.id, 4]))

/** A counted response to a survey of the current questionnaire. */
export const SCORED_BODY = { instrumentVersion: CURRENT_INSTRUMENT_ID, answers: SCORED_ANSWERS } as const
