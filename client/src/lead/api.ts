import type { z } from 'zod'
import {
  CSRF_HEADER,
  CurrentLeaderSchema,
  OkSchema,
  type ChangePasswordBody,
  type LoginBody,
  type SetPasswordBody,
} from '../../../shared/schemas/auth.ts'
import {
  ActionPlanSchema,
  ActionProgressSchema,
  ActionSchema,
  DiscussionGuideSchema,
  PulseChecksSchema,
  TrustActionsSchema,
  type CreateActionBody,
  type CreatePulseCheckBody,
  type UpdateActionBody,
} from '../../../shared/schemas/actions.ts'
import type { Language } from '../../../shared/instrument/languages.ts'
import { SchoolContextSchema, type UpdateSchoolContextBody } from '../../../shared/schemas/organisations.ts'
import { SurveyReportSchema } from '../../../shared/schemas/reports.ts'
import { TrustOverviewSchema } from '../../../shared/schemas/trusts.ts'
import {
  AccessCodesSchema,
  CustodianCodesSchema,
  CustodianLinkSchema,
  SchoolListSchema,
  SchoolSummarySchema,
  SurveyListSchema,
  SurveyProgressSchema,
  SurveySchema,
  type CreateSurveyBody,
  type UpdateSurveyBody,
} from '../../../shared/schemas/surveys.ts'
import { ApiRequestError, request } from '../common/api.ts'
import { cycleSearch, type CycleQuery } from '../common/cycle-query.ts'

export interface LeadApiOptions {
  /** The signed-in session's CSRF token, sent on every POST and PATCH. */
  csrfToken: () => string | null
  /**
   * Told about every failed call made under the session (everything but signing in and setting a
   * password from a link), before the error reaches the caller: the session decides what a 401,
   * 403 or 404 means for the whole app.
   */
  onFailure: (error: ApiRequestError, method: 'GET' | 'POST' | 'PATCH') => void
}

const id = (n: number) => encodeURIComponent(String(n))

/** One function per API operation the leaders' app uses; responses parsed with the shared schemas. */
export function createLeadApi({ csrfToken, onFailure }: LeadApiOptions) {
  async function call<S extends z.ZodType>(schema: S, path: string, method: 'GET' | 'POST' | 'PATCH' = 'GET', body?: unknown): Promise<z.output<S>> {
    const token = csrfToken()
    const init: RequestInit = {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(method !== 'GET' && token ? { headers: { [CSRF_HEADER]: token } } : {}),
    }
    try {
      return await request(schema, path, init)
    } catch (err) {
      if (err instanceof ApiRequestError) onFailure(err, method)
      throw err
    }
  }

  return {
    // Public: their 401 and 404 mean "wrong password" and "link used", answered on the form itself.
    login: (body: LoginBody) => request(CurrentLeaderSchema, '/api/auth/login', { method: 'POST', body: JSON.stringify(body) }),
    setPasswordWithLink: (body: SetPasswordBody) =>
      request(CurrentLeaderSchema, '/api/auth/password-links', { method: 'POST', body: JSON.stringify(body) }),
    /** The code custodian's one-time link: no session; a used or expired link is answered on the page. */
    openCustodianLink: (token: string) => request(CustodianCodesSchema, '/api/custodian-links/open', { method: 'POST', body: JSON.stringify({ token }) }),

    currentLeader: () => call(CurrentLeaderSchema, '/api/auth/me'),
    logout: () => call(OkSchema, '/api/auth/logout', 'POST'),
    changePassword: (body: ChangePasswordBody) => call(OkSchema, '/api/auth/password', 'POST', body),

    listSchools: () => call(SchoolListSchema, '/api/schools'),
    getSchool: (schoolId: number) => call(SchoolSummarySchema, `/api/schools/${schoolId}`),
    /** The school's phase, staff band and nation: its norm groups follow from them. */
    getSchoolContext: (schoolId: number) => call(SchoolContextSchema, `/api/schools/${id(schoolId)}/context`),
    updateSchoolContext: (schoolId: number, body: UpdateSchoolContextBody) => call(SchoolContextSchema, `/api/schools/${id(schoolId)}/context`, 'PATCH', body),
    listSurveys: (schoolId: number) => call(SurveyListSchema, `/api/schools/${id(schoolId)}/surveys`),
    createSurvey: (schoolId: number, body: CreateSurveyBody) => call(SurveySchema, `/api/schools/${id(schoolId)}/surveys`, 'POST', body),

    getSurvey: (surveyId: number) => call(SurveySchema, `/api/surveys/${id(surveyId)}`),
    updateSurvey: (surveyId: number, body: UpdateSurveyBody) => call(SurveySchema, `/api/surveys/${id(surveyId)}`, 'PATCH', body),
    openSurvey: (surveyId: number) => call(SurveySchema, `/api/surveys/${id(surveyId)}/open`, 'POST'),
    closeSurvey: (surveyId: number) => call(SurveySchema, `/api/surveys/${id(surveyId)}/close`, 'POST'),
    getProgress: (surveyId: number) => call(SurveyProgressSchema, `/api/surveys/${id(surveyId)}/progress`),
    createAccessCodes: (surveyId: number, count: number) => call(AccessCodesSchema, `/api/surveys/${id(surveyId)}/access-codes`, 'POST', { count }),
    createCustodianLink: (surveyId: number, count: number) => call(CustodianLinkSchema, `/api/surveys/${id(surveyId)}/custodian-links`, 'POST', { count }),
    /** For <img src>: the browser fetches it with the session cookie. */
    qrCodeUrl: (surveyId: number) => `/api/surveys/${id(surveyId)}/qr.svg`,

    /** The report with its instrument's words (scale names, statements) in `language`. */
    getSurveyReport: (surveyId: number, language: Language = 'en') => call(SurveyReportSchema, `/api/surveys/${id(surveyId)}/report?lang=${language}`),
    /** For <a href download>: the report's figures as CSV, or the codebook explaining its columns. */
    reportCsvUrl: (surveyId: number, part: 'data' | 'codebook' = 'data', language: Language = 'en') =>
      `/api/surveys/${id(surveyId)}/report.csv?${new URLSearchParams({ ...(part === 'codebook' ? { part } : {}), lang: language })}`,

    /** A survey cycle's action plan: its own leaders change it, its trust's leaders read it. */
    listActions: (surveyId: number) => call(ActionPlanSchema, `/api/surveys/${id(surveyId)}/actions`),
    createAction: (surveyId: number, body: CreateActionBody) => call(ActionSchema, `/api/surveys/${id(surveyId)}/actions`, 'POST', body),
    updateAction: (surveyId: number, actionId: number, body: UpdateActionBody) =>
      call(ActionSchema, `/api/surveys/${id(surveyId)}/actions/${id(actionId)}`, 'PATCH', body),
    getActionProgress: (surveyId: number) => call(ActionProgressSchema, `/api/surveys/${id(surveyId)}/action-progress`),
    /** A plan's pulse checks with their results; the school's own leaders start one. */
    listPulseChecks: (surveyId: number) => call(PulseChecksSchema, `/api/surveys/${id(surveyId)}/pulse-checks`),
    createPulseCheck: (surveyId: number, body: CreatePulseCheckBody) => call(SurveySchema, `/api/surveys/${id(surveyId)}/pulse-checks`, 'POST', body),
    getDiscussionGuide: (surveyId: number) => call(DiscussionGuideSchema, `/api/surveys/${id(surveyId)}/discussion-guide`),
    /** For <a href download>: the plan as CSV. */
    planCsvUrl: (surveyId: number) => `/api/surveys/${id(surveyId)}/actions.csv`,
    /** Trust leaders only: every school's plans. */
    listTrustActions: (trustId: number) => call(TrustActionsSchema, `/api/trusts/${id(trustId)}/actions`),

    /** Trust leaders only: the trust's schools side by side for a cycle (a term, a date range, or the latest term). */
    getTrustOverview: (trustId: number, cycle: CycleQuery, instrument?: string) => call(TrustOverviewSchema, `/api/trusts/${id(trustId)}/overview${cycleSearch(cycle, instrument)}`),
    /** For <a href download>: the overview's figures as CSV for the same cycle and questionnaire, or the codebook; its sentences in `language`. */
    trustCsvUrl: (trustId: number, cycle: CycleQuery, instrument: string | undefined, part: 'data' | 'codebook' = 'data', language: Language = 'en') => {
      const search = part === 'codebook' ? '?part=codebook' : cycleSearch(cycle, instrument)
      return `/api/trusts/${id(trustId)}/overview.csv${search}${language === 'en' ? '' : `${search ? '&' : '?'}lang=${language}`}`
    },
  }
}
export type LeadApi = ReturnType<typeof createLeadApi>
