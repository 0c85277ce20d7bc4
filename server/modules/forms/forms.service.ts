import type { Kysely } from 'kysely'
import { surveyPhase } from '../../../shared/domain/survey-phase.ts'
import { findInstrument } from '../../../shared/instrument/versions.ts'
import { toSubmission, type ParsedSubmitResponseBody, type SurveyForm } from '../../../shared/schemas/forms.ts'
import { hashAccessCode } from '../../crypto.ts'
import type { Database } from '../../db/schema.ts'
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../errors.ts'
import * as repo from './forms.repository.ts'

export interface FormService {
  getForm(token: string): Promise<SurveyForm>
  checkAccessCode(token: string, accessCode: string): Promise<void>
  submit(token: string, body: ParsedSubmitResponseBody): Promise<void>
}

export interface FormServiceDeps {
  db: Kysely<Database>
  now?: () => Date
}

export function createFormService({ db, now = () => new Date() }: FormServiceDeps): FormService {
  /** The survey behind a link, if staff may answer it now; otherwise the reason they may not. */
  async function openSurvey(token: string) {
    const survey = await repo.findSurveyByToken(db, token)
    if (!survey) throw new NotFoundError('This survey link is not recognised. Check that it was copied in full.')
    assertOpen(survey, now())
    return survey
  }

  return {
    async getForm(token) {
      const survey = await openSurvey(token)
      const instrument = findInstrument(survey.instrumentVersionId)
      if (!instrument) throw new Error(`survey ${survey.id} names unknown instrument ${survey.instrumentVersionId}`)
      return {
        token,
        title: survey.title,
        schoolName: survey.schoolName,
        isDemo: survey.isDemo,
        closesAt: survey.closesAt.toISOString(),
        accessMode: survey.accessMode,
        minGroupSize: survey.k,
        instrument,
      }
    },

    async checkAccessCode(token, accessCode) {
      const survey = await openSurvey(token)
      if (survey.accessMode !== 'codes') return
      const state = await repo.findAccessCodeState(db, survey.id, hashAccessCode(survey.id, accessCode))
      assertRedeemable(state === 'unused' ? 'redeemed' : (state ?? 'unknown'))
    },

    async submit(token, body) {
      const survey = await openSurvey(token)
      if (body.instrumentVersion !== survey.instrumentVersionId) {
        throw new ConflictError('INSTRUMENT_CHANGED', 'This survey has changed since the page was opened. Reload the page; your answers are kept.')
      }
      const instrument = findInstrument(survey.instrumentVersionId)
      if (!instrument) throw new Error(`survey ${survey.id} names unknown instrument ${survey.instrumentVersionId}`)
      const checked = toSubmission(instrument, body)
      if (!checked.ok) {
        const issues = checked.unknownItemIds.map((id) => ({ path: `/answers/${id}`, message: `"${id}" is not a question of this survey` }))
        throw new ValidationError(`The response names ${issues.length === 1 ? 'a question' : 'questions'} this survey does not have: ${checked.unknownItemIds.join(', ')}.`, issues)
      }
      const code = body.accessCode
      if (survey.accessMode === 'codes' && code === undefined) {
        throw new AppError('CODE_REQUIRED', 400, 'This survey needs the access code from your slip.')
      }
      // The release mode cannot change once a response exists; should it change under a first
      // submission, the lock reports the new mode and the submission runs again in that mode.
      let mode = survey.releaseMode
      for (let attempt = 0; ; attempt++) {
        try {
          await db.transaction().execute(async (trx) => {
            const lock = await repo.lockForSubmission(trx, survey.id, mode)
            if (lock.releaseMode !== mode) throw new ReleaseModeChanged(lock.releaseMode)
            assertOpen(lock, now())
            if (survey.accessMode === 'codes' && code !== undefined) {
              assertRedeemable(await repo.redeemAccessCode(trx, survey.id, hashAccessCode(survey.id, code)))
            }
            await repo.insertResponse(trx, survey.id, survey.instrumentVersionId, checked.submission, { releaseBatch: lock.releaseBatch })
          })
          return
        } catch (err) {
          if (!(err instanceof ReleaseModeChanged) || attempt > 0) throw err
          mode = err.mode
        }
      }
    },
  }
}

/** Thrown inside the submit transaction (so it rolls back) when the release mode changed under it. */
class ReleaseModeChanged extends Error {
  readonly mode: 'at_close' | 'live'
  constructor(mode: 'at_close' | 'live') {
    super('release mode changed')
    this.mode = mode
  }
}

function assertOpen(schedule: Parameters<typeof surveyPhase>[0], at: Date): void {
  switch (surveyPhase(schedule, at)) {
    case 'open':
      return
    case 'closed':
      throw new ConflictError('SURVEY_CLOSED', 'This survey has closed, so it no longer takes answers. Thank you for your interest.')
    case 'draft':
    case 'scheduled':
      throw new AppError('SURVEY_NOT_OPEN', 409, 'This survey is not open yet. Try the link again when your school says it is open.')
  }
}

function assertRedeemable(redemption: repo.Redemption): void {
  if (redemption === 'used') throw new ConflictError('CODE_USED', 'This access code has already been used. Each code can be used once; ask for a new slip if you have not answered yet.')
  if (redemption === 'unknown') throw new AppError('CODE_UNKNOWN', 400, 'This access code is not one of this survey\'s codes. Check it against your slip.')
}
