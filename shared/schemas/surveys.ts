import { z } from 'zod'
import { strictBody } from './common.ts'
import { AccessModeSchema } from './forms.ts'

export const SurveyStatusSchema = z.enum(['draft', 'open', 'closed'])
export type SurveyStatus = z.infer<typeof SurveyStatusSchema>
export const ReleaseModeSchema = z.enum(['at_close', 'live'])
export type ReleaseMode = z.infer<typeof ReleaseModeSchema>

export const MIN_K = 3
export const DEFAULT_K = 5
const MAX_CODES_PER_BATCH = 2000

const Instant = z.iso.datetime({ offset: true, error: 'use an ISO date-time with a time zone, e.g. 2026-12-01T09:00:00Z' })

/** A new survey cycle for one school. Dates are checked together: it must close after it opens. */
export const CreateSurveyBodySchema = z
  .strictObject({
    title: z.string({ error: 'a title is required' }).trim().min(3, { error: 'the title needs at least 3 characters' }).max(120, { error: 'the title can be at most 120 characters' }),
    instrumentVersion: z.string().min(1).max(40).optional(),
    opensAt: Instant,
    closesAt: Instant,
    k: z
      .int({ error: 'k must be a whole number' })
      .min(MIN_K, { error: `k can never be below ${MIN_K}: fewer responses than that could identify people` })
      .max(50, { error: 'k can be at most 50' })
      .default(DEFAULT_K),
    accessMode: AccessModeSchema.default('link'),
    releaseMode: ReleaseModeSchema.default('at_close'),
    expectedStaff: z.int({ error: 'the expected staff count must be a whole number' }).min(1).max(20_000).nullable().default(null),
  })
  .refine((s) => Date.parse(s.closesAt) > Date.parse(s.opensAt), { error: 'the survey must close after it opens', path: ['closesAt'] })
export type CreateSurveyBody = z.input<typeof CreateSurveyBodySchema>
export type NewSurvey = z.output<typeof CreateSurveyBodySchema>

export const CreateAccessCodesBodySchema = strictBody({
  count: z
    .int({ error: 'the number of codes must be a whole number' })
    .min(1, { error: 'ask for at least one code' })
    .max(MAX_CODES_PER_BATCH, { error: `at most ${MAX_CODES_PER_BATCH} codes can be made at once` }),
})
