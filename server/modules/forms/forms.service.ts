import type { Kysely } from 'kysely'
import { checkResponseMinimum } from '../../../shared/domain/response-minimum.ts'
import { lastOpenDay } from '../../../shared/domain/school-days.ts'
import { surveyPhase } from '../../../shared/domain/survey-phase.ts'
import { pulseInstrument } from '../../../shared/domain/pulse-check.ts'
import { requireInstrument } from '../../../shared/instrument/versions.ts'
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

/** How long a survey's settings are remembered between submissions. */
const REMEMBER_MS = 30_000

export interface FormServiceDeps {
  db: Kysely<Database>
  now?: () => Date
}

export function createFormService({ db, now = () => new Date() }: FormServiceDeps): FormService {
  // A staff meeting submits to one survey link dozens of times a minute; its settings are
  // remembered briefly so that a submission is one statement. The statement itself checks that
  // the survey is open and its settings are still these, so a stale entry can only cost a retry.
  const surveys = new Map<string, { survey: repo.SurveyForToken; until: number }>()

  async function rememberedSurvey(token: string) {
    const entry = surveys.get(token)
    if (entry && entry.until > now().getTime()) return entry.survey
    if (surveys.size > 10_000) surveys.clear()
    return openSurvey(token)
  }

  /** The survey behind a link, if staff may answer it now; otherwise the reason they may not. */
  async function openSurvey(token: string) {
    const survey = await repo.findSurveyByToken(db, token)
    if (!survey) throw new NotFoundError('This survey link is not recognised. Check that it was copied in full.')
    assertOpen(survey, now())
    surveys.set(token, { survey, until: now().getTime() + REMEMBER_MS })
    return survey
  }

  /** The questionnaire a survey asks: its instrument, or for a pulse check the instrument cut down to its scales. */
  const askedBy = (survey: repo.SurveyForToken) => {
    const instrument = requireInstrument(survey.instrumentVersionId)
    return survey.scales === null ? instrument : pulseInstrument(instrument, survey.scales)
  }

  return {
    async getForm(token) {
      const survey = await openSurvey(token)
      const instrument = askedBy(survey)
      return {
        token,
        title: survey.title,
        schoolName: survey.schoolName,
        isDemo: survey.isDemo,
        closesAt: survey.closesAt.toISOString(),
        timeZone: survey.timeZone,
        closesOn: lastOpenDay(survey.closesAt, survey.timeZone),
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
      const survey = await rememberedSurvey(token)
      if (body.instrumentVersion !== survey.instrumentVersionId) {
        throw new ConflictError('INSTRUMENT_CHANGED', 'This survey has changed since the page was opened. Reload the page; your answers are kept.')
      }
      const instrument = askedBy(survey)
      const checked = toSubmission(instrument, body)
      if (!checked.ok) {
        const issues = checked.mismatches
        throw new ValidationError(`The response answers ${issues.length === 1 ? 'a question' : 'questions'} this survey does not ask: ${issues.map((i) => i.message).join('; ')}.`, issues)
      }
      const minimum = checkResponseMinimum(instrument, body.answers)
      if (!minimum.counts) {
        throw new ValidationError(`This response is too empty to be counted, so it was not stored. ${minimum.shortfall}`, [{ path: '/answers', message: minimum.shortfall! }])
      }
      // Stored in the full instrument's layout, so scoring is the survey's own: a pulse check's
      // other statements, pairs and map as unanswered (the asked questionnaire's check passed, so the full one does).
      const full = survey.scales === null ? checked : toSubmission(requireInstrument(survey.instrumentVersionId), body)
      if (!full.ok) throw new Error('a pulse check answer outside its instrument')
      const stored = full.submission
      const code = body.accessCode
      if (survey.accessMode === 'codes' && code === undefined) {
        throw new AppError('CODE_REQUIRED', 'This survey needs the access code from your slip.')
      }
      const store = (current: repo.SurveyForToken) =>
        repo.storeSubmission(db, {
          surveyId: current.id,
          instrumentVersionId: current.instrumentVersionId,
          accessMode: current.accessMode,
          releaseMode: current.releaseMode,
          codeHash: current.accessMode === 'codes' && code !== undefined ? hashAccessCode(current.id, code) : null,
          submission: stored,
          at: now(),
        })
      let outcome = await store(survey)
      if (outcome === 'not_open') {
        // Closed, or its settings changed since they were remembered: look again, and if it is
        // open after all (a new access or release mode, which only a survey without responses
        // can get), submit once more with what it is now.
        surveys.delete(token)
        const fresh = await openSurvey(token)
        if (fresh.accessMode === 'codes' && code === undefined) throw new AppError('CODE_REQUIRED', 'This survey needs the access code from your slip.')
        outcome = await store(fresh)
        if (outcome === 'not_open') throw new AppError('SURVEY_NOT_OPEN', 'This survey changed while your answers were being sent. Please send them again.')
      }
      if (outcome === 'code_unredeemable') {
        assertRedeemable((await repo.findAccessCodeState(db, survey.id, hashAccessCode(survey.id, code!))) === undefined ? 'unknown' : 'used')
      }
    },
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
      throw new AppError('SURVEY_NOT_OPEN', 'This survey is not open yet. Try the link again when your school says it is open.')
  }
}

function assertRedeemable(redemption: repo.Redemption): void {
  if (redemption === 'used') throw new ConflictError('CODE_USED', 'This access code has already been used. Each code can be used once; ask for a new slip if you have not answered yet.')
  if (redemption === 'unknown') throw new AppError('CODE_UNKNOWN', 'This access code is not one of this survey\'s codes. Check it against your slip.')
}
