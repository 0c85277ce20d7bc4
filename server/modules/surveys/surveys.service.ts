import type { Kysely } from 'kysely'
import { CURRENT_INSTRUMENT_ID, findInstrument } from '../../../shared/instrument/versions.ts'
import { CreateAccessCodesBodySchema, CreateSurveyBodySchema, type CreateSurveyBody } from '../../../shared/schemas/surveys.ts'
import { formatAccessCode } from '../../../shared/domain/access-codes.ts'
import { hashAccessCode, newAccessCode, newToken } from '../../crypto.ts'
import type { Database } from '../../db/schema.ts'
import { NotFoundError, ValidationError } from '../../errors.ts'
import { parse } from '../organisations/organisations.service.ts'
import { schoolExists } from '../organisations/organisations.repository.ts'
import * as repo from './surveys.repository.ts'

export function createSurveyService({ db, publicUrl }: { db: Kysely<Database>; publicUrl: string }) {
  const linkFor = (token: string) => `${publicUrl}/s/${token}`
  return {
    linkFor,

    async createSurvey(schoolId: number, input: CreateSurveyBody, status: 'draft' | 'open' = 'draft') {
      const survey = parse(CreateSurveyBodySchema, input)
      const instrumentVersion = survey.instrumentVersion ?? CURRENT_INSTRUMENT_ID
      if (!findInstrument(instrumentVersion)) {
        throw new ValidationError(`There is no questionnaire version "${instrumentVersion}".`, [{ path: '/instrumentVersion', message: 'unknown version' }])
      }
      if (!(await schoolExists(db, schoolId))) throw new NotFoundError(`There is no school ${schoolId}.`)
      const token = newToken()
      const { id } = await repo.insertSurvey(db, { ...survey, schoolId, instrumentVersion, token, status })
      return { id, token, link: linkFor(token) }
    },

    /** Makes single-use codes. They are returned this once, formatted for slips, and stored hashed. */
    async createAccessCodes(surveyId: number, count: number): Promise<string[]> {
      parse(CreateAccessCodesBodySchema, { count })
      if ((await repo.findSurveyToken(db, surveyId)) === undefined) throw new NotFoundError(`There is no survey ${surveyId}.`)
      const codes = new Set<string>()
      while (codes.size < count) codes.add(newAccessCode())
      await repo.insertAccessCodes(db, surveyId, [...codes].map((code) => hashAccessCode(surveyId, code)))
      return [...codes].map(formatAccessCode)
    },
  }
}
export type SurveyService = ReturnType<typeof createSurveyService>
