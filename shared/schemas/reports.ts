import { z } from 'zod'
import { LANGUAGES } from '../instrument/languages.ts'
import { PromptIdSchema, ScaleIdSchema } from '../instrument/types.ts'
import { AccessModeSchema } from './forms.ts'
import { SchoolPhaseSchema, StaffBandSchema } from './organisations.ts'
import { TERMS } from '../domain/cycles.ts'
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
      /**
       * dl-v2 onwards (absent for dl-v1, whose items are all positive): which way the item points.
       * `counts` and `mean` are the raw answers; the scale's scores count a negative item's answer as 6 − answer.
       */
      keying: z.enum(['positive', 'negative']).optional(),
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

const PatternSchema = z.int().min(1).max(7)
const EstimateSchema = z.object({ n: z.int(), mean: Num, low: Num, high: Num })
const DifferenceSchema = z.object({ difference: Num, low: Num, high: Num, clear: z.boolean() })
const RoleShareSchema = z.object({ senior_leaders: Num, middle_leaders: Num, teachers: Num, support_staff: Num })

export const PlacementFlagItemSchema = z.object({ id: z.string(), mean: NullableNum, low: NullableNum, high: NullableNum })
export type PlacementFlagItem = z.infer<typeof PlacementFlagItemSchema>

/**
 * dl-v2 onwards: the placement as probabilities (shared/domain/placement-report.ts builds it; docs/scoring.md
 * "The dl-v2 placement" documents it). Null for dl-v1 surveys, whose `continuum` keeps its meaning.
 */
export const PlacementSectionSchema = z.object({
  respondents: z.int(),
  /** P(pattern 1..7), summing to 1. */
  probabilities: z.array(Num).length(7),
  mostLikely: PatternSchema,
  runnerUp: PatternSchema,
  /** "most likely guided distribution (70 %); possibly emergent distribution (22 %)". */
  words: z.string(),
  /** Each model dimension (0..100) with its 95 % interval; null where fewer than k answered it. */
  dimensions: z.object({ spread: EstimateSchema.nullable(), coordination: EstimateSchema.nullable(), initiative: EstimateSchema.nullable(), contest: EstimateSchema.nullable() }),
  /** The leadership map, areas × roles: each role's share of those who named leaders; null where fewer than k named any. */
  map: z.array(
    z.object({
      area: z.enum(['curriculum', 'teaching_learning', 'behaviour_wellbeing', 'staff_development', 'families_community', 'partnership']),
      label: z.string(),
      named: z.int().nullable(),
      shares: RoleShareSchema.nullable(),
      noOneClear: z.int().nullable(),
      dontKnow: z.int().nullable(),
    }),
  ),
  /** The staff's own choice of vignette: the whole vote, whether they are split, and how it sits with the evidence. */
  perceived: z.object({
    votes: z.array(z.int()).length(7),
    n: z.int(),
    shares: z.array(Num).length(7),
    split: z.object({ low: PatternSchema, high: PatternSchema, lowShare: Num, highShare: Num }).nullable(),
    matchWithEvidence: NullableNum,
    /** Plain words for a head teacher. */
    words: z.string(),
  }).nullable(),
  /** Senior leaders minus everyone else, per scale (1..5 points) with 95 % intervals; null unless both sides number k. */
  perceptionGap: z.array(z.object({ scale: ScaleIdSchema, difference: DifferenceSchema })).nullable(),
  /** Risk flags that fire only when every item behind them is below neutral beyond sampling noise. */
  flags: z.array(
    z.object({
      id: z.enum(['silos', 'strategic_direction', 'slow_decisions']),
      fires: z.boolean(),
      title: z.string(),
      /** The evidence in English words (the report page words it from `items` in the reader's language). */
      evidence: z.string(),
      /** Each statement or pair behind the flag as staff answered it (1..5, or 0..100 for a pair), with its 95 % interval; null where fewer than k answered it. */
      items: z.array(PlacementFlagItemSchema),
    }),
  ),
  /** Reliability per scale: Cronbach's alpha (pairwise) with Feldt's 95 % interval; null where it cannot be estimated. */
  reliability: z.array(z.object({ scale: ScaleIdSchema, alpha: Num, low: Num, high: Num, n: z.int() }).or(z.object({ scale: ScaleIdSchema, alpha: z.null() }))),
  /** Quality of the answers: counts of respondents only (never who). */
  quality: z.object({ respondents: z.int(), straightLining: z.int(), inconsistent: z.int(), acquiescent: z.int() }),
})
export type PlacementSectionResult = z.infer<typeof PlacementSectionSchema>

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

/**
 * dl-v1's risk flag evidence as figures: two role groups far apart on a scale (`gap`), or an
 * item's mean below neutral (`mean`), or the distribution and coordination indices.
 */
export const FlagFactsSchema = z.object({
  code: z.enum(['silos_groups', 'silos_item', 'direction_indices', 'direction_item', 'slow_item']),
  groups: z.array(GroupKeySchema).nullable(),
  scale: z.nullable(ScaleIdSchema),
  value: NullableNum,
  distribution: NullableNum,
  coordination: NullableNum,
})
export type FlagFacts = z.infer<typeof FlagFactsSchema>

export const AdviceSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Why this is on the report, in the report's own figures. */
  evidence: z.string(),
  /** dl-v1's risk flags: the evidence as figures, for a reader in another language. */
  facts: FlagFactsSchema.optional(),
  nextSteps: z.array(z.string()),
})
export type Advice = z.infer<typeof AdviceSchema>

export const OverlaySchema = z.object({
  label: z.string(),
  /** How many responses (previous cycle) or schools (rest of the trust) it rests on. */
  basis: z.string(),
  /** The same as numbers: the responses and the (other) schools it rests on, where it counts them. */
  responses: z.int().nullable(),
  schools: z.int().nullable(),
  scales: ScaleMeansSchema,
})

/**
 * One note on what a report withholds: a scale without a score, a scale's shares that leave out
 * `count` statements, a statement's answers, a role group (`why`), role groups until the survey
 * closes, live results in steps (`count`: the responses the report rests on), comments (`count`:
 * the responses they wait for, or null until the survey closes).
 */
export const WithheldNoteSchema = z.object({
  code: z.enum(['scale', 'shares', 'item', 'group', 'groups_at_close', 'live_steps', 'comments']),
  scale: z.nullable(ScaleIdSchema),
  item: z.string().nullable(),
  group: GroupKeySchema.nullable(),
  why: z.enum(['fewer_than_k', 'complementary']).nullable(),
  count: z.int().nullable(),
})
export type WithheldNote = z.infer<typeof WithheldNoteSchema>

/**
 * The comparison with the rest of the trust: made (`compared`), waiting for its term to end
 * (`pending`, shown from `appearsOn`), too few other schools (`too_few`), or a survey's dates out of range.
 */
export const TrustWhySchema = z.object({
  status: z.enum(['compared', 'pending', 'too_few', 'out_of_range']),
  term: z.object({ year: z.int(), season: z.enum(TERMS) }).nullable(),
  appearsOn: DaySchema.nullable(),
  otherSchools: z.int().nullable(),
  responses: z.int().nullable(),
  minSchools: z.int(),
})
export type TrustWhy = z.infer<typeof TrustWhySchema>

/** Where a scale mean stands among a norm group: percentiles of the mean and of its interval's ends (rounded to 5), in words. */
const BeyondSchema = z.enum(['below', 'above']).nullable()
export const StandingSchema = z.object({ percentile: Num, low: Num, high: Num, wording: z.string(), beyond: BeyondSchema, lowBeyond: BeyondSchema, highBeyond: BeyondSchema })
export type Standing = z.infer<typeof StandingSchema>

/**
 * The school among other schools (docs/scoring.md "Norms"): each scale's standing among all schools
 * and among similar schools (same phase and staff band), where those groups may be shown, and the
 * group's median for the radar. `basis` is the group strengths and priorities were chosen in (null:
 * by the school's own means, as the note says).
 */
const StandingsSchema = z.object({
  all: StandingSchema.nullable(),
  similar: StandingSchema.nullable(),
  /** The group's median of the measure, where the group may be shown. */
  allMedian: NullableNum,
  similarMedian: NullableNum,
  /** How many schools each group's figures for the measure rest on. */
  allSchools: z.int().nullable(),
  similarSchools: z.int().nullable(),
})
/** The share of a group's schools whose placement's most likely pattern is each of 1..7. */
const PatternSharesSchema = z.array(Num).length(7)

export const ReportNormsSchema = z.object({
  /** The groups shown; a similar-schools group names the phase and staff band it stands for. */
  groups: z.array(z.object({ kind: z.enum(['all', 'similar']), label: z.string(), phase: SchoolPhaseSchema.nullable(), staffBand: StaffBandSchema.nullable() })),
  scales: z.array(z.object({ id: ScaleIdSchema, ...StandingsSchema.shape })),
  /** dl-v2: each placement dimension's standing (its mean, 0..100, with its interval), as for the scales; empty for dl-v1. */
  dimensions: z.array(z.object({ id: z.enum(['spread', 'coordination', 'initiative', 'contest']), ...StandingsSchema.shape })),
  /** dl-v2: how each group's schools are placed, where the group may be shown; null for dl-v1. */
  placement: z.object({ all: PatternSharesSchema.nullable(), similar: PatternSharesSchema.nullable() }).nullable(),
  basis: z.enum(['all', 'similar']).nullable(),
  note: z.string(),
  /** Whether the school's phase and staff band are set (without them it has no similar schools). */
  contextComplete: z.boolean(),
})
export type ReportNorms = z.infer<typeof ReportNormsSchema>

/** `?lang=` of a report: the language of the instrument's words in it (scale names, statements, patterns). */
export const ReportQuerySchema = z.object({
  lang: z.enum(LANGUAGES, { error: 'lang is "en" (English) or "cy" (Cymraeg)' }).default('en'),
})

/** `?part=` of a report's CSV export, and `?lang=` as for the report (the codebook too). */
export const ExportQuerySchema = ReportQuerySchema.extend({
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
  /** The same as a code, for a reader in another language. */
  releaseWhy: z.enum(['not_open', 'at_close', 'fewer_than_k', 'live_first_step']).nullable(),
  /** Responses the figures rest on. */
  responseCount: z.int(),
  responseRate: NullableNum,
  /** Below a 50 % response rate (where the staff count is known) the report is provisional. */
  provisional: z.boolean(),
  scales: z.array(ScaleResultSchema),
  continuum: ContinuumResultSchema,
  /** dl-v2 onwards; null for dl-v1 surveys and before results. */
  placement: PlacementSectionSchema.nullable(),
  groups: z.array(GroupResultSchema),
  /** Role groups not shown, with why: fewer than k responses, or complementary suppression (`reason` in English words). */
  hiddenGroups: z.array(z.object({ group: GroupKeySchema, label: z.string(), why: z.enum(['fewer_than_k', 'complementary']), reason: z.string() })),
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
    /** The same as figures, for a reader in another language: what happened, the term, and the counts behind it. */
    trustWhy: TrustWhySchema.nullable(),
  }),
  /** The school among other schools; null before results. */
  norms: ReportNormsSchema.nullable(),
  /** Every figure withheld, and why. */
  suppression: z.array(z.string()),
  /** The same notes as codes and values, in the same order, for a reader in another language. */
  withheld: z.array(WithheldNoteSchema),
})
export type SurveyReport = z.infer<typeof SurveyReportSchema>
