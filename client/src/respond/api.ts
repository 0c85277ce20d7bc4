import {
  CheckAccessCodeResponseSchema,
  SubmitResponseResponseSchema,
  SurveyFormSchema,
  type SubmitResponseBody,
} from '../../../shared/schemas/forms.ts'
import { request } from '../common/api.ts'

const base = (token: string) => `/api/forms/${encodeURIComponent(token)}`

export const respondApi = {
  getSurveyForm: (token: string) => request(SurveyFormSchema, base(token)),
  checkAccessCode: (token: string, accessCode: string) =>
    request(CheckAccessCodeResponseSchema, `${base(token)}/code-checks`, { method: 'POST', body: JSON.stringify({ accessCode }) }),
  submitResponse: (token: string, body: SubmitResponseBody) =>
    request(SubmitResponseResponseSchema, `${base(token)}/responses`, { method: 'POST', body: JSON.stringify(body) }),
}
