import { z } from 'zod'
import { saneOrUnparsable, SANE_YEARS } from '../domain/cycles.ts'
import { MAX_ID } from '../domain/ids.ts'
import { isDay } from '../domain/school-days.ts'
import { RoleIdSchema, ScaleIdSchema } from '../instrument/types.ts'
import { textSchema, unknownFieldsError } from './common.ts'
import { CodeCustodianSchema, idParam, SurveyDate, SurveySchema } from './surveys.ts'

// A school's action plan for a survey cycle (issue 14): what the leadership team will do about the
// report, who leads each piece of it, and, once the school's next survey has closed, whether the
// scales each action aimed at moved.

/** Leithwood and Riehl's three ways leaders work on their indirect influence, and partnership working. */
export const INFLUENCES = ['modelling', 'monitoring', 'dialogue', 'partnership'] as const
export const InfluenceSchema = z.enum(INFLUENCES, { error: 'the kind of influence is one of: modelling, monitoring, dialogue, partnership' })
export type Influence = z.infer<typeof InfluenceSchema>

export const ACTION_STATUSES = ['planned', 'under_way', 'done', 'dropped'] as const
export const ActionStatusSchema = z.enum(ACTION_STATUSES, { error: 'the status is one of: planned, under_way, done, dropped' })
export type ActionStatus = z.infer<typeof ActionStatusSchema>

/** A plan holds at most this many actions, and an action at most this many supporters. */
export const MAX_ACTIONS = 50
export const MAX_SUPPORTERS = 10

/** Who leads or supports an action: a role, and a name only if the leader types one (staff need no account). */
export const PersonBodySchema = z.strictObject({
  role: RoleIdSchema,
  name: z.nullable(textSchema({ what: 'the name', min: 2, max: 80 })).default(null),
}, { error: unknownFieldsError })
export const PersonSchema = z.object({ role: RoleIdSchema, name: z.string().nullable() })
export type Person = z.infer<typeof PersonSchema>
export type Supporter = Person

const ReviewDay = z
  .string({ error: 'the review date is a day such as 2027-03-20' })
  .refine(isDay, { error: 'the review date is a day such as 2027-03-20' })
  .refine((d) => !isDay(d) || saneOrUnparsable(`${d}T00:00:00Z`), { error: `the review date must fall in a year ${SANE_YEARS}` })

const Scales = z
  .array(ScaleIdSchema, { error: 'choose the scales the action aims at' })
  .min(1, { error: 'choose at least one scale the action aims at' })
  .max(9, { error: 'there are only nine scales' })
  .refine((ids) => new Set(ids).size === ids.length, { error: 'each scale can be chosen once' })

const ActionBodyShape = {
  title: textSchema({ what: 'what will be done', min: 3, max: 160 }),
  details: z._default(textSchema({ what: 'the details', min: 0, max: 2000, multiline: true }), ''),
  scales: Scales,
  influence: InfluenceSchema,
  lead: PersonBodySchema,
  supporters: z.array(PersonBodySchema).max(MAX_SUPPORTERS, { error: `an action can list at most ${MAX_SUPPORTERS} supporters` }).default([]),
  reviewOn: ReviewDay.nullable().default(null),
  status: ActionStatusSchema.default('planned'),
}

export const CreateActionBodySchema = z.strictObject(ActionBodyShape, { error: unknownFieldsError })
export type CreateActionBody = z.input<typeof CreateActionBodySchema>
export type NewAction = z.output<typeof CreateActionBodySchema>

/** Changes to an action; `note` adds a dated note (with the status after the change). */
export const UpdateActionBodySchema = z
  .strictObject({
    title: z.optional(ActionBodyShape.title),
    details: z.optional(textSchema({ what: 'the details', min: 0, max: 2000, multiline: true })),
    scales: Scales.optional(),
    influence: InfluenceSchema.optional(),
    lead: PersonBodySchema.optional(),
    supporters: ActionBodyShape.supporters.unwrap().optional(),
    reviewOn: ReviewDay.nullable().optional(),
    status: ActionStatusSchema.optional(),
    note: z.optional(textSchema({ what: 'the note', min: 1, max: 2000, multiline: true })),
  }, { error: unknownFieldsError })
  .refine((body) => Object.keys(body).length > 0, { error: 'nothing to change: send at least one field' })
export type UpdateActionBody = z.input<typeof UpdateActionBodySchema>
export type ActionChange = z.output<typeof UpdateActionBodySchema>

export const ActionParamsSchema = z.object({ surveyId: idParam('survey'), actionId: idParam('action') })

export const ActionNoteSchema = z.object({
  id: z.int(),
  /** The day the note was written (the school's time zone). */
  on: z.string(),
  status: ActionStatusSchema,
  body: z.string(),
})

export const ActionSchema = z.object({
  id: z.int().max(MAX_ID),
  surveyId: z.int(),
  title: z.string(),
  details: z.string(),
  scales: z.array(ScaleIdSchema),
  influence: InfluenceSchema,
  lead: PersonSchema,
  supporters: z.array(PersonSchema),
  reviewOn: z.string().nullable(),
  status: ActionStatusSchema,
  /** Oldest first: every status change and every note, each with its day. */
  notes: z.array(ActionNoteSchema),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
})
export type Action = z.infer<typeof ActionSchema>

export const PlanWarningSchema = z.object({
  kind: z.enum(['person_leads_most', 'role_leads_most', 'silo']),
  message: z.string(),
  /** The actions the warning is about. */
  actionIds: z.array(z.int()),
})
export type PlanWarning = z.infer<typeof PlanWarningSchema>

/** How widely the leadership of the plan is spread; dropped actions do not count. */
export const PlanSummarySchema = z.object({
  /** Actions that count (not dropped). */
  actions: z.int(),
  /** Every role, with how many of those actions it leads. */
  byRole: z.array(z.object({ role: RoleIdSchema, label: z.string(), leads: z.int() })),
  /** Named leads, most actions first (actions whose lead has no name are not counted here). */
  byPerson: z.array(z.object({ name: z.string(), leads: z.int() })),
  /** One sentence: how many people and roles lead the plan. */
  spread: z.string(),
  warnings: z.array(PlanWarningSchema),
})
export type PlanSummary = z.infer<typeof PlanSummarySchema>

export const PlanSurveySchema = z.object({
  id: z.int(),
  title: z.string(),
  schoolId: z.int(),
  schoolName: z.string(),
  closesAt: z.iso.datetime({ offset: true }),
})

/** listActions: a survey cycle's plan. */
export const ActionPlanSchema = z.object({
  survey: PlanSurveySchema,
  /** Whether the caller may change the plan: the school's own leaders may, trust leaders read. */
  canEdit: z.boolean(),
  actions: z.array(ActionSchema),
  summary: PlanSummarySchema,
})
export type ActionPlan = z.infer<typeof ActionPlanSchema>

export const VERDICTS = ['improved', 'no_clear_change', 'declined'] as const
export const VerdictSchema = z.enum(VERDICTS)
export type Verdict = z.infer<typeof VerdictSchema>

const ScalePointSchema = z.object({ mean: z.number(), ciLow: z.number().nullable(), ciHigh: z.number().nullable(), n: z.int() })
export type ScalePoint = z.infer<typeof ScalePointSchema>

export const ScaleChangeSchema = z.object({
  id: ScaleIdSchema,
  name: z.string(),
  /** The scale on the plan's survey and on the next one, as their reports show it; null where a report withholds it. */
  before: ScalePointSchema.nullable(),
  after: ScalePointSchema.nullable(),
  /** After minus before, with its 95 % interval; null unless both are shown. */
  change: z.object({ difference: z.number(), ciLow: z.number(), ciHigh: z.number(), verdict: VerdictSchema }).nullable(),
  /** The change in plain words, or why there is none. */
  words: z.string(),
})
export type ScaleChange = z.infer<typeof ScaleChangeSchema>

/** getActionProgress: each action's target scales, re-measured by the school's next survey. */
export const ActionProgressSchema = z.object({
  survey: PlanSurveySchema,
  /** The school's next survey that has closed with the same questionnaire; null until there is one. */
  next: z.object({ id: z.int(), title: z.string(), closesAt: z.iso.datetime({ offset: true }) }).nullable(),
  /** What the comparison rests on, or why there is none yet. */
  note: z.string(),
  actions: z.array(z.object({ actionId: z.int(), title: z.string(), status: ActionStatusSchema, scales: z.array(ScaleChangeSchema) })),
})
export type ActionProgress = z.infer<typeof ActionProgressSchema>

/** listTrustActions: every school's plans in a trust (trust leaders read them). */
export const TrustActionsSchema = z.object({
  trust: z.object({ id: z.int(), name: z.string() }),
  schools: z.array(
    z.object({
      schoolId: z.int(),
      name: z.string(),
      plans: z.array(z.object({ survey: PlanSurveySchema, actions: z.array(ActionSchema), summary: PlanSummarySchema })),
    }),
  ),
})
export type TrustActions = z.infer<typeof TrustActionsSchema>

const GuideFigureSchema = z.object({ label: z.string(), value: z.string() })

/** getDiscussionGuide: a leadership team's meeting, built from the school's own report. */
export const DiscussionGuideSchema = z.object({
  survey: PlanSurveySchema,
  /** Why there is nothing to discuss yet (no released results); null when there is. */
  note: z.string().nullable(),
  opening: z.array(z.string()),
  sections: z.array(
    z.object({
      kind: z.enum(['priority', 'strength', 'risk']),
      scaleId: z.nullable(ScaleIdSchema),
      title: z.string(),
      evidence: z.string(),
      /** The figures to look at together, each as the report shows it. */
      figures: z.array(GuideFigureSchema),
      questions: z.array(z.string()),
      /** Prompts for each way of working on indirect influence. */
      prompts: z.object({ modelling: z.string(), monitoring: z.string(), dialogue: z.string(), partnership: z.string() }),
    }),
  ),
  /** The course's reflection questions, for the whole team. */
  reflection: z.array(z.string()),
  /** What the meeting should end with: the actions and who leads them. */
  closing: z.array(z.string()),
})
export type DiscussionGuide = z.infer<typeof DiscussionGuideSchema>

/**
 * createPulseCheck: a short survey of the plan's target scales between full cycles. Its k, access
 * mode, release mode and code custodian are the plan's survey's, never chosen here, so a pulse
 * check is never less protected than the survey it follows up.
 */
export const CreatePulseCheckBodySchema = z.strictObject({
  title: z.optional(textSchema({ what: 'the title', min: 3, max: 120 })),
  /** The action it checks; null or left out: the whole plan. */
  actionId: z.nullable(idParam('action')).default(null),
  /** The scales it asks; left out: every scale the action (or the plan) aims at. */
  scales: Scales.optional(),
  opensAt: SurveyDate,
  closesAt: SurveyDate,
  expectedStaff: z.int({ error: 'the expected staff count must be a whole number' }).min(1, { error: 'the expected staff count must be at least 1' }).max(20_000).nullable().default(null),
}, { error: unknownFieldsError })
export type CreatePulseCheckBody = z.input<typeof CreatePulseCheckBodySchema>
export type NewPulseCheck = z.output<typeof CreatePulseCheckBodySchema>

/** One pulse check of a plan: the survey (link, codes, progress as its page shows them) and, once released, its results. */
export const PulseCheckSchema = z.object({
  survey: SurveySchema,
  /** The action it checks (null: the whole plan), with its title. */
  action: z.object({ id: z.int(), title: z.string() }).nullable(),
  /** Whether its results are released (the same rules as any survey: k, release mode). */
  released: z.boolean(),
  /** What the results rest on, or why there are none yet. */
  note: z.string(),
  /** Each scale it asks: its figure beside the plan's survey's, and the change in plain words. */
  scales: z.array(ScaleChangeSchema),
})
export type PulseCheck = z.infer<typeof PulseCheckSchema>

/** listPulseChecks: a plan's pulse checks, and what a new one would ask. */
export const PulseChecksSchema = z.object({
  survey: PlanSurveySchema,
  canEdit: z.boolean(),
  /** The scales the plan's actions (not dropped) aim at: what a pulse check of the whole plan asks. */
  targetScales: z.array(z.object({ id: ScaleIdSchema, name: z.string() })),
  /** Whether a pulse check can be started now, and if not, why. */
  canStart: z.boolean(),
  startNote: z.string().nullable(),
  /** The settings a pulse check takes from the plan's survey. */
  settings: z.object({ k: z.int(), accessMode: z.enum(['link', 'codes']), releaseMode: z.enum(['at_close', 'live']), codeCustodian: CodeCustodianSchema.nullable() }),
  items: z.array(PulseCheckSchema),
})
export type PulseChecks = z.infer<typeof PulseChecksSchema>
