import type { Kysely } from 'kysely'
import type { Database } from '../../server/db/schema.ts'
import { insertResponse } from '../../server/modules/forms/forms.repository.ts'
import { createOrganisationService } from '../../server/modules/organisations/organisations.service.ts'
import { createSurveyService } from '../../server/modules/surveys/surveys.service.ts'
import type { Instrument } from '../../shared/instrument/types.ts'
import { CURRENT_INSTRUMENT_ID, requireInstrument } from '../../shared/instrument/versions.ts'
import { SubmitResponseBodySchema, toSubmission, type SubmitResponseBody } from '../../shared/schemas/forms.ts'
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

/**
 * Stores responses to a survey of `instrument` as the form route stores them (parsed and checked
 * against the questionnaire), without a request each; `options(i)` puts the i-th in a live release
 * batch or on a given day. Throws if one does not fit the questionnaire.
 */
export async function storeResponses(
  db: Kysely<Database>,
  surveyId: number,
  instrument: Instrument,
  bodies: readonly SubmitResponseBody[],
  options: (i: number) => Parameters<typeof insertResponse>[4] = () => ({}),
): Promise<void> {
  for (const [i, body] of bodies.entries()) {
    const checked = toSubmission(instrument, SubmitResponseBodySchema.parse(body))
    if (!checked.ok) throw new Error(`response ${i} does not fit ${instrument.id}`)
    await insertResponse(db, surveyId, instrument.id, checked.submission, options(i))
  }
}
