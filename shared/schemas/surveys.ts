import { z } from 'zod'
import { saneOrUnparsable, MAX_YEAR, MIN_YEAR, SANE_YEARS } from '../domain/cycles.ts'
import { MAX_ID } from '../domain/ids.ts'
import { isDay } from '../domain/school-days.ts'
import { ScaleIdSchema } from '../instrument/types.ts'
import { textSchema, unknownFieldsError } from './common.ts'
import { ACCESS_MODES, AccessModeSchema } from './forms.ts'
import { EmailSchema } from './organisations.ts'

export const SurveyStatusSchema = z.enum(['draft', 'open', 'closed'])
export type SurveyStatus = z.infer<typeof SurveyStatusSchema>
export const ReleaseModeSchema = z.enum(['at_close', 'live'])
export type ReleaseMode = z.infer<typeof ReleaseModeSchema>

export const MIN_K = 3
export const DEFAULT_K = 5
const MAX_CODES_PER_BATCH = 2000

const Instant = z.iso.datetime({ offset: true })
const DATE_ERROR = 'use a day such as 2026-12-12 (or an ISO date-time with a time zone, e.g. 2026-12-01T09:00:00Z)'
/**
 * When a survey opens or closes: a day (YYYY-MM-DD), meaning the start of that day in the school's
 * time zone when it opens and the end of that day when it closes; or, as before days were
 * accepted, an exact instant.
 */
export const SurveyDate = z
  .string({ error: DATE_ERROR })
  .refine((value) => isDay(value) || Instant.safeParse(value).success, { error: DATE_ERROR, params: { rule: 'day' } })
  .refine(saneOrUnparsable, { error: `the date must fall in a year ${SANE_YEARS}`, params: { rule: 'saneYear', from: `${MIN_YEAR}`, to: `${MAX_YEAR}` } })
/** Days in the school's zone: the day a survey opens and the last day it takes answers. */
export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

/**
 * Whether a survey closes after it opens. Two days: the closing day may be the opening day (open
 * all that day). Two instants: strictly later. A day and an instant are compared by the service,
 * once the school's time zone turns the day into an instant.
 */
function closesAfterOpens(opensAt: string, closesAt: string): boolean {
  if (isDay(opensAt) !== isDay(closesAt)) return true
  return isDay(opensAt) ? closesAt >= opensAt : Date.parse(closesAt) > Date.parse(opensAt)
}

/**
 * Someone who holds a survey's single-use codes instead of its leaders (the office manager, a union
 * representative): someone who does not read the report. Named when the survey is made; from then on
 * only they can print its codes, so a leader has no code with which to answer (DESIGN.md §4.5).
 */
export const CodeCustodianBodySchema = z.strictObject({
  name: textSchema({ what: "the code custodian's name", min: 2, max: 120 }),
  email: EmailSchema,
}, { error: unknownFieldsError })
/** A code custodian as the API answers it. */
export const CodeCustodianSchema = z.object({ name: z.string(), email: z.string() })
export type CodeCustodian = z.infer<typeof CodeCustodianSchema>

const CreateSurveyBodyShape = {
  title: textSchema({ what: 'the title', min: 3, max: 120 }),
  instrumentVersion: z.string().min(1).max(40).optional(),
  opensAt: SurveyDate,
  closesAt: SurveyDate,
  k: z
    .int({ error: 'k must be a whole number' })
    .min(MIN_K, { error: `k can never be below ${MIN_K}: fewer responses than that could identify people` })
    .max(50, { error: 'k can be at most 50' })
    .default(DEFAULT_K),
  accessMode: z.enum(ACCESS_MODES).default('link'),
  releaseMode: ReleaseModeSchema.default('at_close'),
  expectedStaff: z.int({ error: 'the expected staff count must be a whole number' }).min(1, { error: 'the expected staff count must be at least 1' }).max(20_000).nullable().default(null),
  codeCustodian: CodeCustodianBodySchema.nullable().default(null),
}

/** A new survey cycle for one school. Dates are checked together: it must close after it opens. */
export const CreateSurveyBodySchema = z.strictObject(CreateSurveyBodyShape, { error: unknownFieldsError })
  .refine((s) => closesAfterOpens(s.opensAt, s.closesAt), { error: 'the survey must close after it opens: choose a closing day on or after the opening day', path: ['closesAt'], params: { rule: 'closesAfterOpens' } })
  .refine((s) => s.codeCustodian === null || s.accessMode === 'codes', { error: 'a code custodian holds single-use codes: choose single-use codes as the way staff get in', path: ['codeCustodian'], params: { rule: 'custodianNeedsCodes' } })
export type CreateSurveyBody = z.input<typeof CreateSurveyBodySchema>
export type NewSurvey = z.output<typeof CreateSurveyBodySchema>

export const CreateAccessCodesBodySchema = z.strictObject({
  count: z
    .int({ error: 'the number of codes must be a whole number' })
    .min(1, { error: 'ask for at least one code' })
    .max(MAX_CODES_PER_BATCH, { error: `at most ${MAX_CODES_PER_BATCH} codes can be made at once` }),
}, { error: unknownFieldsError })

/** Ids in paths: positive whole numbers that fit a Postgres integer. */
export const idParam = (what: string) =>
  z.coerce.number({ error: `a ${what} id is a positive whole number` }).int({ error: `a ${what} id is a positive whole number` }).positive({ error: `a ${what} id is a positive whole number` }).max(MAX_ID, { error: `there is no such ${what}` })
export const SchoolIdParamsSchema = z.object({ schoolId: idParam('school') })
export const SurveyIdParamsSchema = z.object({ surveyId: idParam('survey') })

export const SurveyPhaseSchema = z.enum(['draft', 'scheduled', 'open', 'closed'])
/** `coarse`: floored to a multiple of k while the survey is open, so no single response shows. */
export const ResponseCountPrecisionSchema = z.enum(['exact', 'coarse'])

/** A survey cycle as its leaders see it. No timestamps of individual responses, ever. */
export const SurveySchema = z.object({
  id: z.int(),
  schoolId: z.int(),
  schoolName: z.string(),
  title: z.string(),
  instrumentVersion: z.string(),
  status: SurveyStatusSchema,
  /** What staff opening the link see now: the status, with the dates applied. */
  phase: SurveyPhaseSchema,
  /** The first instant staff may answer, and the first instant they no longer may. */
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
  /** The school's time zone (IANA name), in which the days below are days. */
  timeZone: z.string(),
  /** The day the survey opens, and the last day it takes answers (open until the end of it). */
  opensOn: DaySchema,
  closesOn: DaySchema,
  closedAt: z.iso.datetime({ offset: true }).nullable(),
  k: z.int(),
  accessMode: AccessModeSchema,
  releaseMode: ReleaseModeSchema,
  expectedStaff: z.int().nullable(),
  /** The staff link, /s/<token> on the public address. */
  link: z.string(),
  /** While the survey can take answers, floored to a multiple of k (`coarse`); exact once closed. */
  responseCount: z.int(),
  responseCountPrecision: ResponseCountPrecisionSchema,
  /** k, access mode, release mode and the opening date are fixed once the survey has opened. */
  settingsLocked: z.boolean(),
  /** Who holds the single-use codes when not the school's leaders: they print them, the leaders cannot. */
  codeCustodian: CodeCustodianSchema.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  /** A pulse check (a short survey of a plan's target scales): the survey whose plan it belongs to, the action it checks (null: the whole plan) and the scales it asks; null for a full survey. */
  pulse: z.object({ planSurveyId: z.int(), actionId: z.int().nullable(), scales: z.array(ScaleIdSchema) }).nullable(),
})
export type Survey = z.infer<typeof SurveySchema>

export const SurveyListSchema = z.object({ items: z.array(SurveySchema) })

/**
 * Changes to a survey. Title, closing date (to extend it) and expected staff count may change at
 * any time before it closes; k, access mode, release mode and the opening date only until it opens.
 * The code custodian is named when the survey is made and never changes.
 */
export const UpdateSurveyBodySchema = z.strictObject({
  title: z.optional(CreateSurveyBodyShape.title),
  opensAt: SurveyDate.optional(),
  closesAt: SurveyDate.optional(),
  k: CreateSurveyBodyShape.k.unwrap().optional(),
  accessMode: z.enum(ACCESS_MODES).optional(),
  releaseMode: ReleaseModeSchema.optional(),
  expectedStaff: CreateSurveyBodyShape.expectedStaff.unwrap().optional(),
}, { error: unknownFieldsError }).refine((body) => Object.keys(body).length > 0, { error: 'nothing to change: send at least one field' })
export type UpdateSurveyBody = z.input<typeof UpdateSurveyBodySchema>

export const SurveyProgressSchema = z.object({
  surveyId: z.int(),
  phase: SurveyPhaseSchema,
  /** While the survey can take answers, floored to a multiple of k (`coarse`); exact once closed. */
  responseCount: z.int(),
  responseCountPrecision: ResponseCountPrecisionSchema,
  expectedStaff: z.int().nullable(),
  /** responseCount (as shown, so coarse while open) / expectedStaff, or null when unknown; may pass 1 if the staff count was low. */
  responseRate: z.number().nullable(),
  closesAt: z.iso.datetime({ offset: true }),
})
export type SurveyProgress = z.infer<typeof SurveyProgressSchema>

export const AccessCodesSchema = z.object({
  surveyId: z.int(),
  /** Shown this once: only their hashes are kept. */
  codes: z.array(z.string()),
})

export const SchoolSummarySchema = z.object({
  id: z.int(),
  name: z.string(),
  trustId: z.int().nullable(),
  trustName: z.string().nullable(),
  isDemo: z.boolean(),
  /** IANA time zone name: the days its surveys open and close are days here. */
  timeZone: z.string(),
  latestSurvey: z
    .object({ id: z.int(), title: z.string(), phase: SurveyPhaseSchema, k: z.int(), responseCount: z.int(), responseCountPrecision: ResponseCountPrecisionSchema, closesAt: z.iso.datetime({ offset: true }), closesOn: DaySchema })
    .nullable(),
})
export type SchoolSummary = z.infer<typeof SchoolSummarySchema>
export const SchoolListSchema = z.object({ items: z.array(SchoolSummarySchema) })

export const CreateCustodianLinkBodySchema = z.strictObject({
  count: CreateAccessCodesBodySchema.shape.count,
}, { error: unknownFieldsError })

/** The one-time link for a survey's code custodian: /codes#<token>. Shown to the leader once, to pass on. */
export const CustodianLinkSchema = z.object({
  surveyId: z.int(),
  custodian: CodeCustodianSchema,
  link: z.string(),
  count: z.int(),
  expiresAt: z.iso.datetime({ offset: true }),
})
export type CustodianLink = z.infer<typeof CustodianLinkSchema>

export const OpenCustodianLinkBodySchema = z.strictObject({
  token: z.string({ error: 'the link is incomplete: open it exactly as it was sent' }).min(20, { error: 'the link is incomplete: open it exactly as it was sent' }).max(100, { error: 'that is not a code custodian link' }).regex(/^[A-Za-z0-9_-]+$/, { error: 'that is not a code custodian link' }),
}, { error: unknownFieldsError })

/** What the custodian's page prints: the codes, shown this once, with what the slips need. */
export const CustodianCodesSchema = z.object({
  surveyId: z.int(),
  schoolName: z.string(),
  title: z.string(),
  link: z.string(),
  custodianName: z.string(),
  closesAt: z.iso.datetime({ offset: true }),
  codes: z.array(z.string()),
  /** How many custodian links the leaders have asked for on this survey, this one included. */
  linksIssued: z.int(),
})
export type CustodianCodes = z.infer<typeof CustodianCodesSchema>
