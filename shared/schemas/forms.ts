import { z } from 'zod/mini'
import { strictBody } from './common.ts'
import { isWellFormedAccessCode, normaliseAccessCode } from '../domain/access-codes.ts'
import { InstrumentSchema, itemOrder, PATTERN_VALUES, RoleIdSchema, type Instrument, type RoleId } from '../instrument/types.ts'

// The staff side of the API: the survey form a survey link opens, and the response it submits.
// zod/mini, like everything the staff survey bundle loads: a third of the size of classic zod.

export const SurveyTokenSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{22}$/, { error: 'this is not a survey link: the code after /s/ should be 22 letters, digits, - or _' }))
export const SurveyTokenParamsSchema = z.object({ token: SurveyTokenSchema })

export const ACCESS_MODES = ['link', 'codes'] as const
export const AccessModeSchema = z.enum(ACCESS_MODES)
export type AccessMode = z.infer<typeof AccessModeSchema>

export const SurveyFormSchema = z.object({
  token: z.string(),
  title: z.string(),
  schoolName: z.string(),
  isDemo: z.boolean(),
  /** The first instant the survey no longer takes answers. */
  closesAt: z.iso.datetime({ offset: true }),
  /** The school's time zone (IANA name). */
  timeZone: z.string(),
  /** The last day, YYYY-MM-DD in the school's time zone, on which the survey takes answers (until its end). */
  closesOn: z.string(),
  accessMode: AccessModeSchema,
  /** k: no result is shown for fewer responses than this (DESIGN.md §4.1). */
  minGroupSize: z.int(),
  instrument: InstrumentSchema,
})
export type SurveyForm = z.infer<typeof SurveyFormSchema>

export const MAX_COMMENT_LENGTH = 2000

const CODE_SHAPE = 'the access code is 10 letters and digits, as printed on your slip'
export const AccessCodeInputSchema = z.pipe(
  z.pipe(z.string({ error: 'the access code must be text, as printed on your slip' }).check(z.maxLength(40, { error: CODE_SHAPE })), z.transform(normaliseAccessCode)),
  z.string().check(z.refine(isWellFormedAccessCode, { error: CODE_SHAPE })),
)

export const CheckAccessCodeBodySchema = strictBody({ accessCode: AccessCodeInputSchema })
export type CheckAccessCodeBody = z.input<typeof CheckAccessCodeBodySchema>
export const CheckAccessCodeResponseSchema = z.object({ valid: z.literal(true) })

const ANSWER_ERROR = 'each answer must be a whole number from 1 (strongly disagree) to 5 (strongly agree), or null for "Don\'t know"'
export const AnswerSchema = z.union([z.literal([1, 2, 3, 4, 5]), z.null()], { error: ANSWER_ERROR })
const PatternChoiceSchema = z.union([z.literal(PATTERN_VALUES), z.null()], {
  error: 'a continuum choice must be a whole number from 1 to 7, or null for no answer',
})
const CommentSchema = z
  .string({ error: 'a comment must be text' })
  .check(z.maxLength(MAX_COMMENT_LENGTH, { error: `a comment can be at most ${MAX_COMMENT_LENGTH.toLocaleString('en-GB')} characters` }))

const MAX_ANSWERS = 100

/**
 * A submitted response, checked for shape and ranges. Which item ids are allowed depends on the
 * survey's instrument version: `parseSubmission` checks that once the survey is known.
 * An item left out counts as unanswered, stored like "Don't know".
 */
export const SubmitResponseBodySchema = strictBody({
  instrumentVersion: z
    .string({ error: 'instrumentVersion must name the questionnaire version, e.g. "dl-v1"' })
    .check(z.minLength(1, { error: 'instrumentVersion must name the questionnaire version, e.g. "dl-v1"' }), z.maxLength(40)),
  answers: z
    .record(z.string().check(z.maxLength(10, { error: 'question ids are at most 10 characters' })), AnswerSchema, {
      error: 'answers must be an object of question id → answer',
    })
    .check(z.refine((answers) => Object.keys(answers).length <= MAX_ANSWERS, { error: `a response can have at most ${MAX_ANSWERS} answers` })),
  nowPattern: z.optional(PatternChoiceSchema),
  aimPattern: z.optional(PatternChoiceSchema),
  role: z.optional(z.nullable(RoleIdSchema)),
  comments: z.optional(strictBody({ helps: z.optional(CommentSchema), hinders: z.optional(CommentSchema) })),
  accessCode: z.optional(AccessCodeInputSchema),
})
export type SubmitResponseBody = z.input<typeof SubmitResponseBodySchema>
export type ParsedSubmitResponseBody = z.output<typeof SubmitResponseBodySchema>

export const SubmitResponseResponseSchema = z.object({ received: z.literal(true) })

/** A response ready to store: answers in the instrument's item order. */
export interface Submission {
  answers: (number | null)[]
  nowPattern: number | null
  aimPattern: number | null
  role: RoleId | null
  comments: { prompt: 'helps' | 'hinders'; body: string }[]
}

export type SubmissionCheck = { ok: true; submission: Submission } | { ok: false; unknownItemIds: string[] }

/** Maps a shape-checked body onto the instrument's item order; refuses item ids it does not have. */
export function toSubmission(instrument: Instrument, body: ParsedSubmitResponseBody): SubmissionCheck {
  const order = itemOrder(instrument)
  const known = new Set(order)
  const unknownItemIds = Object.keys(body.answers).filter((id) => !known.has(id))
  if (unknownItemIds.length > 0) return { ok: false, unknownItemIds }
  const comments = (['helps', 'hinders'] as const)
    .map((prompt) => ({ prompt, body: body.comments?.[prompt]?.trim() ?? '' }))
    .filter((c) => c.body.length > 0)
  return {
    ok: true,
    submission: {
      answers: order.map((id) => body.answers[id] ?? null),
      nowPattern: body.nowPattern ?? null,
      aimPattern: body.aimPattern ?? null,
      role: body.role ?? null,
      comments,
    },
  }
}
