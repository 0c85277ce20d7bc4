import type { Kysely } from 'kysely'
import QRCode from 'qrcode'
import { formatAccessCode } from '../../../shared/domain/access-codes.ts'
import { planRelease, releaseInput } from '../../../shared/domain/anonymity.ts'
import { responseRate, settingsLocked, shownResponseCount } from '../../../shared/domain/progress.ts'
import { dayIn, lastOpenDay, surveyInstant } from '../../../shared/domain/school-days.ts'
import { surveyPhase } from '../../../shared/domain/survey-phase.ts'
import { CURRENT_INSTRUMENT_ID, findInstrument } from '../../../shared/instrument/versions.ts'
import type { ScaleId } from '../../../shared/instrument/types.ts'
import type { SurveyReport } from '../../../shared/schemas/reports.ts'
import {
  CreateAccessCodesBodySchema,
  CreateCustodianLinkBodySchema,
  CreateSurveyBodySchema,
  OpenCustodianLinkBodySchema,
  UpdateSurveyBodySchema,
  type CreateSurveyBody,
  type CustodianCodes,
  type SchoolSummary,
  type Survey,
  type CustodianLink,
  type SurveyProgress,
  type UpdateSurveyBody,
} from '../../../shared/schemas/surveys.ts'
import { hashAccessCode, newAccessCode, newToken, sha256 } from '../../crypto.ts'
import type { Database } from '../../db/schema.ts'
import { ConflictError, NotFoundError, parse, ValidationError } from '../../errors.ts'
import * as repo from './surveys.repository.ts'

// What other modules may ask of surveys: records by named queries (never a query builder), and
// what a report says about its survey. Reports and trust overviews read surveys only through these.
export { findSurvey, findPreviousSurvey, listClosedSurveys, listClosedTrustSurveys, listOtherSchoolsTermSurveys, type SurveyRecord } from './surveys.repository.ts'

/** Whether a survey's own report shows figures at `at`: its release rules let them out. */
export function hasFigures(survey: repo.SurveyRecord, at: Date): boolean {
  return planRelease(releaseInput(survey, surveyPhase(survey, at), at)).released
}

/**
 * Each school's latest survey whose own report has figures, from surveys newest first: a survey
 * closed with no responses, or a new one opened since, does not take its place. The rule behind a
 * school's card, the trust comparison on a report and a trust overview's term.
 */
export function latestWithFigures(surveys: readonly repo.SurveyRecord[], at: Date): Map<number, repo.SurveyRecord> {
  const bySchool = new Map<number, repo.SurveyRecord>()
  for (const survey of surveys) if (!bySchool.has(survey.schoolId) && hasFigures(survey, at)) bySchool.set(survey.schoolId, survey)
  return bySchool
}

/** What a report, or a school's column of a trust overview, says about its survey. */
export function reportMeta(survey: repo.SurveyRecord, at: Date): SurveyReport['survey'] {
  return {
    id: survey.id,
    title: survey.title,
    schoolId: survey.schoolId,
    schoolName: survey.schoolName,
    phase: surveyPhase(survey, at),
    opensAt: survey.opensAt.toISOString(),
    closesAt: survey.closesAt.toISOString(),
    k: survey.k,
    releaseMode: survey.releaseMode,
    expectedStaff: survey.expectedStaff,
    instrumentVersion: survey.instrumentVersion,
    accessMode: survey.accessMode,
    codeCustodianName: survey.accessMode === 'codes' ? (survey.codeCustodian?.name ?? null) : null,
    timeZone: survey.timeZone,
    opensOn: dayIn(survey.timeZone, survey.opensAt),
    closesOn: lastOpenDay(survey.closesAt, survey.timeZone),
    closedAt: survey.closedAt?.toISOString() ?? null,
    ...shownCount(survey, at),
  }
}

/** The count a leader may see: in steps of k while the survey can take answers (DESIGN.md §4.5). */
function shownCount(r: repo.SurveyRecord, at: Date): Pick<Survey, 'responseCount' | 'responseCountPrecision'> {
  const shown = shownResponseCount({ phase: surveyPhase(r, at), k: r.k, responseCount: r.responseCount, responsesBeforeToday: r.responsesBeforeToday })
  return { responseCount: shown.responseCount, responseCountPrecision: shown.precision }
}

/** A custodian link works once, for at most this long (and never after the survey closes). */
export const CUSTODIAN_LINK_DAYS = 7

export interface SurveyServiceDeps {
  db: Kysely<Database>
  publicUrl: string
  now?: () => Date
  /** Called once a survey has been closed (and committed): the norms are computed again then (server/modules/norms/). */
  onClosed?: (instrumentVersion: string) => Promise<unknown>
}

/** Survey cycles: creating, opening, extending, closing, codes, progress. Knows nothing of HTTP. */
export function createSurveyService({ db, publicUrl, now = () => new Date(), onClosed }: SurveyServiceDeps) {
  const linkFor = (token: string) => `${publicUrl}/s/${token}`

  const toSurvey = (r: repo.SurveyRecord): Survey => ({
    id: r.id,
    schoolId: r.schoolId,
    schoolName: r.schoolName,
    title: r.title,
    instrumentVersion: r.instrumentVersion,
    status: r.status,
    phase: surveyPhase(r, now()),
    opensAt: r.opensAt.toISOString(),
    closesAt: r.closesAt.toISOString(),
    timeZone: r.timeZone,
    opensOn: dayIn(r.timeZone, r.opensAt),
    closesOn: lastOpenDay(r.closesAt, r.timeZone),
    closedAt: r.closedAt?.toISOString() ?? null,
    k: r.k,
    accessMode: r.accessMode,
    releaseMode: r.releaseMode,
    expectedStaff: r.expectedStaff,
    link: linkFor(r.token),
    ...shownCount(r, now()),
    settingsLocked: settingsLocked(surveyPhase(r, now())),
    codeCustodian: r.codeCustodian,
    createdAt: r.createdAt.toISOString(),
    pulse: r.pulse,
  })

  async function load(surveyId: number): Promise<repo.SurveyRecord> {
    const survey = await repo.findSurvey(db, surveyId)
    if (!survey) throw new NotFoundError('There is no such survey.')
    return survey
  }

  /** Runs a change with the survey row locked against submissions and other changes. */
  async function change(surveyId: number, apply: (trx: Kysely<Database>, survey: repo.SurveyRecord) => Promise<void>): Promise<Survey> {
    await db.transaction().execute(async (trx) => apply(trx, await repo.lockSurvey(trx, surveyId)))
    return toSurvey(await load(surveyId))
  }

  /** Makes single-use codes, stores their hashes, and returns them formatted for slips. */
  async function makeCodes(db: Kysely<Database>, surveyId: number, count: number): Promise<string[]> {
    const codes = new Set<string>()
    while (codes.size < count) codes.add(newAccessCode())
    await repo.insertAccessCodes(db, surveyId, [...codes].map((code) => hashAccessCode(surveyId, code)))
    return [...codes].map(formatAccessCode)
  }

  return {
    linkFor,

    async listSchools(scope: { schoolIds: ReadonlySet<number>; trustIds: ReadonlySet<number> }): Promise<SchoolSummary[]> {
      const schools = await repo.listSchools(db, { schoolIds: [...scope.schoolIds], trustIds: [...scope.trustIds] })
      const surveys = await repo.listSurveysOfSchools(db, schools.map((s) => s.id))
      const at = now()
      const withFigures = latestWithFigures(surveys, at)
      return schools.map((school) => {
        // The latest survey with results; a school with none yet shows its newest survey.
        const survey = withFigures.get(school.id) ?? surveys.find((s) => s.schoolId === school.id)
        return {
          ...school,
          latestSurvey: survey
            ? {
                id: survey.id,
                title: survey.title,
                phase: surveyPhase(survey, now()),
                k: survey.k,
                ...shownCount(survey, at),
                closesAt: survey.closesAt.toISOString(),
                closesOn: lastOpenDay(survey.closesAt, school.timeZone),
              }
            : null,
        }
      })
    },

    /** One school (authorisation is the caller's: the route's access rule). */
    async getSchool(schoolId: number): Promise<SchoolSummary> {
      const [school] = await this.listSchools({ schoolIds: new Set([schoolId]), trustIds: new Set() })
      if (!school) throw new NotFoundError('There is no such school.')
      return school
    },

    async listSurveys(schoolId: number): Promise<Survey[]> {
      return (await repo.listSurveys(db, schoolId)).map(toSurvey)
    },

    async getSurvey(surveyId: number): Promise<Survey> {
      return toSurvey(await load(surveyId))
    },

    async createSurvey(schoolId: number, input: CreateSurveyBody, status: 'draft' | 'open' = 'draft'): Promise<Survey> {
      const survey = parse(CreateSurveyBodySchema, input)
      const instrumentVersion = survey.instrumentVersion ?? CURRENT_INSTRUMENT_ID
      if (!findInstrument(instrumentVersion)) {
        throw new ValidationError(`There is no questionnaire version "${instrumentVersion}".`, [{ path: '/instrumentVersion', message: 'unknown version' }])
      }
      const timeZone = await repo.findSchoolTimeZone(db, schoolId)
      if (timeZone === undefined) throw new NotFoundError(`There is no school ${schoolId}.`)
      // A day opens at its start and closes at its end, in the school's time zone.
      const opensAt = surveyInstant(survey.opensAt, 'opens', timeZone)
      const closesAt = surveyInstant(survey.closesAt, 'closes', timeZone)
      if (closesAt <= opensAt) throw new ValidationError('The survey must close after it opens.', [{ path: '/closesAt', message: 'must be after the opening date' }])
      const { id } = await repo.insertSurvey(db, { ...survey, opensAt, closesAt, schoolId, instrumentVersion, token: newToken(), status })
      return toSurvey(await load(id))
    },

    /**
     * A pulse check of a plan's survey: a new survey of the same school on the same questionnaire,
     * restricted to `scales`, with the plan's survey's k, access mode, release mode and code
     * custodian (so it is never less protected), open from its opening day. Which scales and action
     * are allowed is the plan's rule (the actions service).
     */
    async createPulseCheck(
      planSurveyId: number,
      input: { title: string; opensAt: string; closesAt: string; expectedStaff: number | null; actionId: number | null; scales: ScaleId[] },
    ): Promise<Survey> {
      const plan = await load(planSurveyId)
      const opensAt = surveyInstant(input.opensAt, 'opens', plan.timeZone)
      const closesAt = surveyInstant(input.closesAt, 'closes', plan.timeZone)
      if (closesAt <= opensAt) throw new ValidationError('The pulse check must close after it opens.', [{ path: '/closesAt', message: 'must be after the opening date' }])
      if (closesAt <= now()) throw new ValidationError('The closing date is in the past: choose a day from today on.', [{ path: '/closesAt', message: 'is in the past' }])
      const { id } = await repo.insertSurvey(db, {
        title: input.title,
        opensAt,
        closesAt,
        k: plan.k,
        accessMode: plan.accessMode,
        releaseMode: plan.releaseMode,
        expectedStaff: input.expectedStaff,
        codeCustodian: plan.codeCustodian,
        schoolId: plan.schoolId,
        instrumentVersion: plan.instrumentVersion,
        token: newToken(),
        status: 'open',
        pulse: { planSurveyId, actionId: input.actionId, scales: input.scales },
      })
      return toSurvey(await load(id))
    },

    /** A plan's pulse checks, oldest first. */
    async listPulseChecks(planSurveyId: number): Promise<Survey[]> {
      return (await repo.listPulseChecks(db, planSurveyId)).map(toSurvey)
    },

    /**
     * Title, expected staff and the closing date may change until the survey closes; the opening
     * date, k, access mode and release mode only until it opens (stricter than DESIGN.md §4.8's
     * "first response": a lock that waited for the first response would tell the leader it came).
     * A closed survey never reopens, so released results can never be compared with later ones.
     */
    async updateSurvey(surveyId: number, input: UpdateSurveyBody): Promise<Survey> {
      const body = parse(UpdateSurveyBodySchema, input)
      return change(surveyId, async (trx, survey) => {
        if (surveyPhase(survey, now()) === 'closed') throw new ConflictError('SURVEY_CLOSED', 'This survey has closed. A closed survey cannot be changed or reopened; start a new one instead.')
        const locked = (
          [
            ['k', body.k, survey.k],
            ['access mode', body.accessMode, survey.accessMode],
            ['release mode', body.releaseMode, survey.releaseMode],
            ['opening date', body.opensAt && surveyInstant(body.opensAt, 'opens', survey.timeZone).getTime(), survey.opensAt.getTime()],
          ] as const
        ).filter(([, wanted, current]) => wanted !== undefined && wanted !== current)
        if ((settingsLocked(surveyPhase(survey, now())) || survey.responseCount > 0) && locked.length > 0) {
          throw new ConflictError('SETTINGS_LOCKED', `This survey has opened, so the ${locked.map(([name]) => name).join(', ')} can no longer change: staff were promised these settings when they were asked to answer.`)
        }
        const opensAt = body.opensAt ? surveyInstant(body.opensAt, 'opens', survey.timeZone) : survey.opensAt
        const closesAt = body.closesAt ? surveyInstant(body.closesAt, 'closes', survey.timeZone) : survey.closesAt
        if (closesAt <= opensAt) throw new ValidationError('The survey must close after it opens.', [{ path: '/closesAt', message: 'must be after the opening date' }])
        if (body.closesAt && closesAt <= now()) throw new ValidationError('The new closing date is in the past. To end the survey now, close it.', [{ path: '/closesAt', message: 'is in the past' }])
        await repo.updateSurvey(trx, surveyId, { ...body, opensAt, closesAt })
      })
    },

    async openSurvey(surveyId: number): Promise<Survey> {
      return change(surveyId, async (trx, survey) => {
        if (survey.status === 'closed' || surveyPhase(survey, now()) === 'closed') {
          throw new ConflictError('SURVEY_CLOSED', 'This survey has closed and cannot be reopened, so that its released results can never be compared with later answers. Start a new survey instead.')
        }
        if (survey.status === 'draft') await repo.updateSurvey(trx, surveyId, { status: 'open' })
      })
    },

    async closeSurvey(surveyId: number): Promise<Survey> {
      let closed = false
      const survey = await change(surveyId, async (trx, survey) => {
        if (survey.status === 'closed') return
        if (survey.status === 'draft') throw new ConflictError('CONFLICT', 'This survey was never opened, so there is nothing to close.')
        const at = now()
        await repo.updateSurvey(trx, surveyId, { status: 'closed', closedAt: survey.closesAt < at ? survey.closesAt : at })
        closed = true
      })
      if (closed) await onClosed?.(survey.instrumentVersion)
      return survey
    },

    async getProgress(surveyId: number): Promise<SurveyProgress> {
      const survey = await load(surveyId)
      const shown = shownCount(survey, now())
      return {
        surveyId,
        phase: surveyPhase(survey, now()),
        ...shown,
        expectedStaff: survey.expectedStaff,
        responseRate: responseRate(shown.responseCount, survey.expectedStaff),
        closesAt: survey.closesAt.toISOString(),
      }
    },

    /** Makes single-use codes. They are returned this once, formatted for slips, and stored hashed. */
    async createAccessCodes(surveyId: number, count: number): Promise<string[]> {
      parse(CreateAccessCodesBodySchema, { count })
      const survey = await load(surveyId)
      if (survey.accessMode !== 'codes') throw new ConflictError('CONFLICT', 'This survey is answered through its link; switch it to single-use codes first.')
      if (surveyPhase(survey, now()) === 'closed') throw new ConflictError('SURVEY_CLOSED', 'This survey has closed, so it needs no more codes.')
      if (survey.codeCustodian) {
        throw new ConflictError('CONFLICT', `The codes of this survey are held by ${survey.codeCustodian.name}, so only they can print them. Send them a code custodian link to print more.`)
      }
      return makeCodes(db, surveyId, count)
    },

    /**
     * A one-time link for the survey's code custodian, to print `count` codes. The token is shown
     * this once (it travels in the link's fragment, so it never reaches a server log) and stored as
     * its sha-256.
     */
    async createCustodianLink(surveyId: number, count: number): Promise<CustodianLink> {
      parse(CreateCustodianLinkBodySchema, { count })
      const survey = await load(surveyId)
      if (!survey.codeCustodian) throw new ConflictError('CONFLICT', 'This survey has no code custodian: its leaders print its codes themselves.')
      if (survey.accessMode !== 'codes') throw new ConflictError('CONFLICT', 'This survey is answered through its link; switch it to single-use codes first.')
      if (surveyPhase(survey, now()) === 'closed') throw new ConflictError('SURVEY_CLOSED', 'This survey has closed, so it needs no more codes.')
      const token = newToken()
      const week = new Date(now().getTime() + CUSTODIAN_LINK_DAYS * 86_400_000)
      const expiresAt = survey.closesAt < week ? survey.closesAt : week
      await repo.insertCustodianLink(db, { idHash: sha256(token), surveyId, count, expiresAt })
      return { surveyId, custodian: survey.codeCustodian, link: `${publicUrl}/codes#${token}`, count, expiresAt: expiresAt.toISOString() }
    },

    /** The custodian opens their link: it is used up, and the codes it was for are made and shown this once. */
    async openCustodianLink(input: { token: string }): Promise<CustodianCodes> {
      const { token } = parse(OpenCustodianLinkBodySchema, input)
      return db.transaction().execute(async (trx) => {
        const used = await repo.useCustodianLink(trx, sha256(token), now())
        if (!used) throw new NotFoundError('This link has expired or has already been used. If you have not opened it before, someone else may have: tell the school and ask for a new link.')
        const survey = await repo.lockSurvey(trx, used.surveyId)
        if (surveyPhase(survey, now()) === 'closed') throw new ConflictError('SURVEY_CLOSED', 'This survey has closed, so it needs no more codes.')
        if (survey.accessMode !== 'codes' || !survey.codeCustodian) throw new ConflictError('CONFLICT', 'This survey no longer uses single-use codes held by a custodian.')
        const codes = await makeCodes(trx, survey.id, used.count)
        return {
          surveyId: survey.id,
          schoolName: survey.schoolName,
          title: survey.title,
          link: linkFor(survey.token),
          custodianName: survey.codeCustodian.name,
          closesAt: survey.closesAt.toISOString(),
          codes,
          linksIssued: (await repo.countCustodianLinks(trx, survey.id)).issued,
        }
      })
    },

    /** The staff link as a QR code (SVG) to show in a staff meeting. */
    async qrCode(surveyId: number): Promise<string> {
      const survey = await load(surveyId)
      return QRCode.toString(linkFor(survey.token), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
    },
  }
}
export type SurveyService = ReturnType<typeof createSurveyService>
