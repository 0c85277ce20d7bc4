import { z } from 'zod/mini'
import { strictBody, textSchema } from './common.ts'
import { isWellFormedAccessCode, normaliseAccessCode } from '../domain/access-codes.ts'
import { InstrumentSchema, itemOrder, MAP_AREA_IDS, MAP_EXCLUSIVE_ANSWERS, MAP_ROLE_IDS, PATTERN_VALUES, RoleIdSchema, type Instrument, type RoleId } from '../instrument/types.ts'

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
const PAIR_ERROR = 'each paired-statement answer must be a whole number from 1 (much closer to the first) to 4 (much closer to the second), or null for "Don\'t know"'
/** A paired-statement answer: 1 (much closer to the first) .. 4 (much closer to the second), null "Don't know". */
export const PairChoiceSchema = z.union([z.literal([1, 2, 3, 4]), z.null()], { error: PAIR_ERROR })
const ORIGIN_ERROR = 'the answer to "how do people here come to lead something" must be a whole number from 1 to 4, or null for no answer'
/** How people come to lead something: 1 (allocated) .. 4 (claimed), null no answer. */
export const OriginChoiceSchema = z.union([z.literal([1, 2, 3, 4]), z.null()], { error: ORIGIN_ERROR })
const MAP_ANSWERS = [...MAP_ROLE_IDS, ...MAP_EXCLUSIVE_ANSWERS] as const
const MAP_ERROR = `each area of the leadership map takes a list of the groups that lead it (${MAP_ROLE_IDS.join(', ')}), or just "no_one_clear" or just "dont_know"`
/** One area of the leadership map: the groups ticked, no repeats; "no_one_clear" and "dont_know" stand alone. An empty list is unanswered. */
export const MapAnswerSchema = z.array(z.enum(MAP_ANSWERS, { error: MAP_ERROR }), { error: MAP_ERROR }).check(
  z.maxLength(MAP_ROLE_IDS.length, { error: MAP_ERROR }),
  z.refine((a) => new Set(a).size === a.length, { error: 'a group is ticked at most once for each area of the leadership map' }),
  z.refine((a) => a.length <= 1 || !a.some((x) => (MAP_EXCLUSIVE_ANSWERS as readonly string[]).includes(x)), {
    error: '"no one clearly leads it" and "don\'t know" cannot be ticked together with a group',
  }),
)
const CommentSchema = textSchema({ what: 'a comment', min: 0, max: MAX_COMMENT_LENGTH, multiline: true })

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
  /** dl-v2 onwards: the paired statements, by pair id. */
  pairs: z.optional(
    z.record(z.string().check(z.maxLength(10, { error: 'question ids are at most 10 characters' })), PairChoiceSchema, {
      error: 'pairs must be an object of question id → choice',
    }),
  ),
  /** dl-v2 onwards: how people come to lead something, 1 (allocated) .. 4 (claimed). */
  origin: z.optional(OriginChoiceSchema),
  /** dl-v2 onwards: the leadership map, by area id. */
  // Keys are checked against the survey's own map by `toSubmission`, which names the area it does not have.
  map: z.optional(
    z.record(z.string().check(z.maxLength(40, { error: `the leadership map's areas are: ${MAP_AREA_IDS.join(', ')}` })), MapAnswerSchema, {
      error: 'map must be an object of leadership-map area → the groups that lead it',
    }),
  ),
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
  /** dl-v2 onwards (empty for dl-v1): paired statements in `patternBlock.pairs` order. */
  pairs: (number | null)[]
  origin: number | null
  /** dl-v2 onwards (empty for dl-v1): per map area in `leadershipMap.areas` order, the answers ticked; null unanswered. */
  map: (string[] | null)[]
  nowPattern: number | null
  aimPattern: number | null
  role: RoleId | null
  comments: { prompt: 'helps' | 'hinders'; body: string }[]
}

/** Where the body names something the survey's questionnaire does not ask: a JSON pointer into the body, and why. */
export interface SubmissionMismatch { path: string; message: string }
export type SubmissionCheck = { ok: true; submission: Submission } | { ok: false; mismatches: SubmissionMismatch[] }

/** Maps a shape-checked body onto the instrument's order; refuses questions it does not have. */
export function toSubmission(instrument: Instrument, body: ParsedSubmitResponseBody): SubmissionCheck {
  const order = itemOrder(instrument)
  const known = new Set(order)
  const mismatches: SubmissionMismatch[] = Object.keys(body.answers)
    .filter((id) => !known.has(id))
    .map((id) => ({ path: `/answers/${id}`, message: `"${id}" is not a question of this survey` }))
  const block = instrument.patternBlock
  const pairIds = new Set(block?.pairs.map((p) => p.id) ?? [])
  for (const id of Object.keys(body.pairs ?? {})) {
    if (!pairIds.has(id)) mismatches.push({ path: `/pairs/${id}`, message: `"${id}" is not a paired-statement question of this survey` })
  }
  if (!block && body.origin !== undefined && body.origin !== null) mismatches.push({ path: '/origin', message: 'this survey does not ask how people come to lead something' })
  const areas = new Set<string>(instrument.leadershipMap?.areas.map((a) => a.id) ?? [])
  for (const id of Object.keys(body.map ?? {})) {
    if (!areas.has(id)) mismatches.push({ path: `/map/${id}`, message: `this survey's leadership map has no area "${id}"` })
  }
  // A questionnaire without the continuum, role or comment questions (a pulse check) takes no answer to them.
  for (const which of ['nowPattern', 'aimPattern'] as const) {
    if (instrument.continuum.patterns.length === 0 && body[which] !== undefined && body[which] !== null) mismatches.push({ path: `/${which}`, message: 'this survey does not ask where the school is on the continuum' })
  }
  if (instrument.roles.length === 0 && body.role !== undefined && body.role !== null) mismatches.push({ path: '/role', message: 'this survey does not ask your role' })
  for (const prompt of ['helps', 'hinders'] as const) {
    if (!instrument.prompts.some((p) => p.id === prompt) && (body.comments?.[prompt]?.trim() ?? '') !== '') mismatches.push({ path: `/comments/${prompt}`, message: 'this survey does not ask for comments' })
  }
  if (mismatches.length > 0) return { ok: false, mismatches }
  const comments = (['helps', 'hinders'] as const)
    .map((prompt) => ({ prompt, body: body.comments?.[prompt]?.trim() ?? '' }))
    .filter((c) => c.body.length > 0)
  return {
    ok: true,
    submission: {
      answers: order.map((id) => body.answers[id] ?? null),
      pairs: (block?.pairs ?? []).map((p) => body.pairs?.[p.id] ?? null),
      origin: block ? (body.origin ?? null) : null,
      map: (instrument.leadershipMap?.areas ?? []).map((a) => {
        const ticked = body.map?.[a.id]
        return ticked && ticked.length > 0 ? [...ticked] : null
      }),
      nowPattern: body.nowPattern ?? null,
      aimPattern: body.aimPattern ?? null,
      role: body.role ?? null,
      comments,
    },
  }
}
