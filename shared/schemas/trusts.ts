import { z } from 'zod'
import { ScaleIdSchema } from '../instrument/types.ts'
import { instruments } from '../instrument/versions.ts'
import { parseTermId, saneOrUnparsable, SANE_YEARS, TERM_ID } from '../domain/cycles.ts'
import { ReportQuerySchema, ScaleMeansSchema } from './reports.ts'
import { idParam } from './surveys.ts'

export const TrustIdParamsSchema = z.object({ trustId: idParam('trust') })

const Day = z.iso.date({ error: 'use a date like 2026-09-01' }).refine((d) => saneOrUnparsable(`${d}T00:00:00Z`), { error: `the date must fall in a year ${SANE_YEARS}` })

const INSTRUMENT_IDS = Object.keys(instruments) as [string, ...string[]]

/** Which cycle to compare: a term ("2026-autumn"), a date range, or by default the latest term with a reportable school. Years 2000–2100. */

export const TrustOverviewQuerySchema = z
  .object({
    cycle: z
      .string()
      .regex(TERM_ID, { error: 'a cycle is a year and a term, like 2026-autumn (spring, summer or autumn)' })
      .refine((id) => !TERM_ID.test(id) || parseTermId(id) !== undefined, { error: `a cycle's year must be ${SANE_YEARS}` })
      .optional(),
    from: Day.optional(),
    to: Day.optional(),
    /** The questionnaire whose surveys to compare (by default that of the trust's latest closed survey). */
    instrument: z.enum(INSTRUMENT_IDS, { error: `instrument is one of ${INSTRUMENT_IDS.join(', ')}` }).optional(),
    /** CSV export only: the language of its sentences and codebook (the columns and codes stay). */
    lang: ReportQuerySchema.shape.lang,
    /** CSV export only: the figures, or the codebook. */
    part: z.enum(['data', 'codebook'], { error: 'part is "data" or "codebook"' }).default('data'),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { error: 'give both from and to, or neither', path: ['to'] })
  .refine((q) => !(q.cycle && q.from), { error: 'give a cycle or a date range, not both', path: ['cycle'] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'the range must not end before it starts', path: ['to'] })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * 86_400_000, { error: 'a range can span at most three years', path: ['to'] })
export type TrustOverviewQuery = z.input<typeof TrustOverviewQuerySchema>

const CycleSchema = z.object({ id: z.string(), label: z.string(), from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
const ContinuumPointSchema = z.object({
  /** Perceived "now": median and interquartile band of the votes; null where fewer than k voted. */
  perceivedMedian: z.int().nullable(),
  perceivedQ1: z.int().nullable(),
  perceivedQ3: z.int().nullable(),
  /** Where the answers place the school: dl-v1, the pattern of its indices; dl-v2, its placement's most likely pattern. */
  evidencePattern: z.int().nullable(),
  /** dl-v2: the placement's probability of that pattern (0..1); null for dl-v1, whose position has none. */
  evidenceProbability: z.number().nullable(),
  /** dl-v1 only (null for dl-v2, placed by its placement instead). */
  distributionIndex: z.number().nullable(),
  coordinationIndex: z.number().nullable(),
})

/**
 * Where a school's mean stands among all schools (docs/scoring.md "Norms"): the percentile, rounded
 * to 5, and whether it lies beyond the table's ends (then the percentile is 10 or 90).
 */
export const OverviewPercentileSchema = z.object({ percentile: z.int().min(10).max(90), beyond: z.enum(['below', 'above']).nullable() })
export type OverviewPercentile = z.infer<typeof OverviewPercentileSchema>

export const SchoolStatusSchema = z.enum(['reportable', 'below_k', 'no_survey'])

export const OverviewSchoolSchema = z.object({
  schoolId: z.int(),
  name: z.string(),
  /** reportable: figures shown; below_k: its survey closed with fewer than k responses (no numbers, ever); no_survey: none closed in the cycle. */
  status: SchoolStatusSchema,
  /** Its survey's minimum group size (what below_k is below); null without a survey. */
  k: z.int().nullable(),
  surveyId: z.int().nullable(),
  surveyTitle: z.string().nullable(),
  responseCount: z.int().nullable(),
  expectedStaff: z.int().nullable(),
  responseRate: z.number().nullable(),
  scales: ScaleMeansSchema,
  /** Each scale's percentile among all schools: null where the mean is withheld or the all-schools norms may not be shown. */
  percentiles: z.record(ScaleIdSchema, OverviewPercentileSchema.nullable()),
  continuum: ContinuumPointSchema.nullable(),
  priorities: z.array(ScaleIdSchema),
})
export type OverviewSchool = z.infer<typeof OverviewSchoolSchema>

export const TrustOverviewSchema = z.object({
  trust: z.object({ id: z.int(), name: z.string(), isDemo: z.boolean() }),
  /** The questionnaire compared: one at a time, as a new version's figures are not comparable with an old one's. */
  instrumentVersion: z.string(),
  /** The questionnaires the trust's closed surveys used, newest first: each can be asked for (`instrument`). */
  instrumentVersions: z.array(z.string()),
  cycle: CycleSchema.nullable(),
  /** Terms in which the trust's schools have closed surveys, newest first. */
  cycles: z.array(CycleSchema),
  schools: z.array(OverviewSchoolSchema),
  /** Over reportable schools only. */
  totals: z.object({
    schoolsReportable: z.int(),
    responseCount: z.int(),
    /** Responses as a share of expected staff, over schools that gave a staff count. */
    responseRate: z.number().nullable(),
    /** The schools' disclosed means, each weighted by the responses it rests on (withheld scales add nothing). */
    weighted: ScaleMeansSchema,
    /** Each school counts once (the mean of school means). */
    unweighted: ScaleMeansSchema,
  }),
  pairings: z.array(
    z.object({
      schoolId: z.int(),
      scaleId: ScaleIdSchema,
      scaleName: z.string(),
      mean: z.number(),
      partners: z.array(z.object({ schoolId: z.int(), name: z.string(), mean: z.number() })),
      prompts: z.array(z.string()),
    }),
  ),
  trends: z.array(
    z.object({
      cycle: CycleSchema,
      schools: z.array(z.object({ schoolId: z.int(), status: SchoolStatusSchema, scales: ScaleMeansSchema, evidencePattern: z.int().nullable() })),
      trust: ScaleMeansSchema,
    }),
  ),
  suppression: z.array(z.string()),
  /** What the schools' percentiles are among: all schools with results in the last 12 months, and how many; or why there are none. */
  norms: z.object({ label: z.string(), note: z.string() }),
})
export type TrustOverview = z.infer<typeof TrustOverviewSchema>
