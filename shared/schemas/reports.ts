import { z } from 'zod'
import { PromptIdSchema, ScaleIdSchema } from '../instrument/types.ts'
import { AccessModeSchema } from './forms.ts'
import { DaySchema, ReleaseModeSchema, ResponseCountPrecisionSchema, SurveyPhaseSchema } from './surveys.ts'

// The school report as the API sends it. Every figure in it has passed through
// shared/domain/anonymity.ts: a figure that would describe fewer than k people is absent (null),
// never zero, and the `suppression` notes say what was withheld and why.

const Num = z.number()
const NullableNum = z.number().nullable()

export const GroupKeySchema = z.enum(['senior_leader', 'middle_leader', 'teacher', 'support_staff', 'other', 'unstated'])

export const ScaleResultSchema = z.object({
  id: ScaleIdSchema,
  name: z.string(),
  description: z.string(),
  kind: z.enum(['hallmark', 'coordination']),
  /** Respondents whose scale score counts (answered at least 60 % of its items); null when fewer than k. */
  n: z.int().nullable(),
  mean: NullableNum,
  sd: NullableNum,
  ciLow: NullableNum,
  ciHigh: NullableNum,
  /** Shares of all answers on the scale's items whose answers are shown: 4–5, 3, 1–2 (0..1). */
  favourable: NullableNum,
  neutral: NullableNum,
  unfavourable: NullableNum,
  /** Items left out of the shares because their answers are withheld (fewer than k answered them). */
  sharesLeaveOut: z.array(z.string()),
  /** Cronbach's alpha, where at least 10 people answered every item; null otherwise. */
  alpha: NullableNum,
  alphaN: z.int().nullable(),
  items: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      /** Answers 1..5, or null where fewer than k people answered the item. */
      counts: z.array(z.int()).length(5).nullable(),
      answered: z.int().nullable(),
      mean: NullableNum,
      /** Share of respondents who chose "Don't know" or left it out. */
      dontKnowRate: NullableNum,
    }),
  ),
})
export type ScaleResult = z.infer<typeof ScaleResultSchema>

const VotesSchema = z
  .object({
    /** Votes for patterns 1..7. */
    votes: z.array(z.int()).length(7),
    n: z.int(),
    median: z.int().min(1).max(7),
    q1: z.int().min(1).max(7),
    q3: z.int().min(1).max(7),
  })
  .nullable()

const IndexSchema = z.object({ index: Num, ciLow: NullableNum, ciHigh: NullableNum, n: z.int() })

export const ContinuumResultSchema = z.object({
  perceived: z.object({ now: VotesSchema, aim: VotesSchema }),
  evidence: z
    .object({
      distribution: IndexSchema,
      coordination: IndexSchema,
      pattern: z.int().min(1).max(7),
      /** The patterns the evidence could point to within its 95 % intervals. */
      bandLow: z.int().min(1).max(7),
      bandHigh: z.int().min(1).max(7),
      /** True when the pattern is anarchy: the band then describes distribution only. */
      uncoordinated: z.boolean(),
    })
    .nullable(),
  /** A plain statement when what staff perceive and what their answers show differ by more than one pattern. */
  disagreement: z.string().nullable(),
})

/** A mean per scale, keyed by scale id; null where it is withheld. */
export const ScaleMeansSchema = z.record(ScaleIdSchema, NullableNum)
export type ScaleMeans = z.infer<typeof ScaleMeansSchema>

export const GroupResultSchema = z.object({
  group: GroupKeySchema,
  label: z.string(),
  n: z.int(),
  /** Per scale id: the respondents whose score counts, and their mean; both null where the cell is withheld. */
  scales: z.record(ScaleIdSchema, z.object({ n: z.int().nullable(), mean: NullableNum })),
})

export const GapSchema = z.object({ id: ScaleIdSchema, name: z.string(), senior: Num, others: Num, gap: Num })

export const AdviceSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Why this is on the report, in the report's own figures. */
  evidence: z.string(),
  nextSteps: z.array(z.string()),
})
export type Advice = z.infer<typeof AdviceSchema>

export const OverlaySchema = z.object({
  label: z.string(),
  /** How many responses (previous cycle) or schools (rest of the trust) it rests on. */
  basis: z.string(),
  scales: ScaleMeansSchema,
})

/** `?part=` of a report's CSV export. */
export const ExportQuerySchema = z.object({
  part: z.enum(['data', 'codebook'], { error: 'part is "data" (the figures) or "codebook" (what each column means)' }).default('data'),
})

export const SurveyReportSchema = z.object({
  survey: z.object({
    id: z.int(),
    title: z.string(),
    schoolId: z.int(),
    schoolName: z.string(),
    phase: SurveyPhaseSchema,
    opensAt: z.iso.datetime({ offset: true }),
    closesAt: z.iso.datetime({ offset: true }),
    k: z.int(),
    releaseMode: ReleaseModeSchema,
    expectedStaff: z.int().nullable(),
    instrumentVersion: z.string(),
    /** How staff got in; with codes, who held them: the custodian's name, or null for the school's leaders. */
    accessMode: AccessModeSchema,
    codeCustodianName: z.string().nullable(),
    /** The school's time zone, and the survey's first and (scheduled) last day in it (YYYY-MM-DD). */
    timeZone: z.string(),
    opensOn: DaySchema,
    closesOn: DaySchema,
    /** When its leader closed it, if they did. */
    closedAt: z.iso.datetime({ offset: true }).nullable(),
    /** How many have answered, as a leader may see it: exact once closed, in steps of k before (the survey page's count). */
    responseCount: z.int(),
    responseCountPrecision: ResponseCountPrecisionSchema,
  }),
  released: z.boolean(),
  /** Why nothing (or not everything) is shown yet. */
  releaseNote: z.string().nullable(),
  /** Responses the figures rest on. */
  responseCount: z.int(),
  responseRate: NullableNum,
  /** Below a 50 % response rate (where the staff count is known) the report is provisional. */
  provisional: z.boolean(),
  scales: z.array(ScaleResultSchema),
  continuum: ContinuumResultSchema,
  groups: z.array(GroupResultSchema),
  hiddenGroups: z.array(z.object({ group: GroupKeySchema, label: z.string(), reason: z.string() })),
  perceptionGap: z.array(GapSchema).nullable(),
  perceptionGapNote: z.string().nullable(),
  strengths: z.array(AdviceSchema),
  priorities: z.array(AdviceSchema),
  flags: z.array(AdviceSchema),
  comments: z.object({ visible: z.boolean(), note: z.string().nullable(), items: z.array(z.object({ prompt: PromptIdSchema, body: z.string() })) }),
  overlays: z.object({
    previous: OverlaySchema.nullable(),
    /** The rest of the trust (the school's own respondents left out) in the term the survey closed in. */
    trust: OverlaySchema.nullable(),
    /** What the trust comparison is, or why there is none; null outside a trust or before results. */
    trustNote: z.string().nullable(),
  }),
  /** Every figure withheld, and why. */
  suppression: z.array(z.string()),
})
export type SurveyReport = z.infer<typeof SurveyReportSchema>
