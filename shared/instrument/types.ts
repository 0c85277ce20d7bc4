import { z } from 'zod/mini'

// The shape of a versioned questionnaire. An instrument is data: a new version is a new file,
// and a stored response names the version it answered, so old data never changes meaning.
// The schema doubles as the wire contract of the survey form. Written with zod/mini (as is
// everything the staff survey bundle loads) to keep that bundle small.

export const SCALE_IDS = [
  'shared_responsibility',
  'shared_power',
  'synergy',
  'leadership_capacity',
  'organisational_learning',
  'equitable_climate',
  'democratic_culture',
  'community_engagement',
  'coordination',
] as const
export const ScaleIdSchema = z.enum(SCALE_IDS)
export type ScaleId = z.infer<typeof ScaleIdSchema>

/** The eight hallmarks (Dean 2007); coordination is the ninth scale, kept apart in the continuum. */
export const HALLMARK_IDS = SCALE_IDS.filter((id) => id !== 'coordination')

export const ROLE_IDS = ['senior_leader', 'middle_leader', 'teacher', 'support_staff', 'other'] as const
export const RoleIdSchema = z.enum(ROLE_IDS, { error: 'role must be one of: senior_leader, middle_leader, teacher, support_staff, other' })
export type RoleId = z.infer<typeof RoleIdSchema>

export const PROMPT_IDS = ['helps', 'hinders'] as const
export const PromptIdSchema = z.enum(PROMPT_IDS)
export type PromptId = z.infer<typeof PromptIdSchema>

/** The seven patterns of Hargreaves and Fink's continuum, least to most distributed. */
export const PATTERN_VALUES = [1, 2, 3, 4, 5, 6, 7] as const
export type PatternValue = (typeof PATTERN_VALUES)[number]

const ItemIdSchema = z.string().check(z.regex(/^[a-z]{2}[0-9]{1,2}$/))

/**
 * Which way an agree/disagree item points: agreeing with a `positive` item describes more of its
 * scale's practice, agreeing with a `negative` (reverse-keyed) one less. Absent means positive:
 * every dl-v1 item is positive, so dl-v1 keeps its meaning.
 */
export const KEYINGS = ['positive', 'negative'] as const
export type Keying = (typeof KEYINGS)[number]

/** The pattern dimensions (dl-v2 onwards): what separates Hargreaves and Fink's patterns beyond how widely leadership is spread. */
export const PATTERN_DIMENSION_IDS = ['authority', 'initiative', 'coherence', 'contest'] as const
export type PatternDimensionId = (typeof PATTERN_DIMENSION_IDS)[number]

/** Areas of a school's work on the leadership map, and the answers for each (roles only, never names). */
export const MAP_AREA_IDS = ['curriculum', 'teaching_learning', 'behaviour_wellbeing', 'staff_development', 'families_community', 'partnership'] as const
export type MapAreaId = (typeof MAP_AREA_IDS)[number]
/** The roles that can lead an area; "no_one_clear" and "dont_know" stand alone (never ticked with a role). */
export const MAP_ROLE_IDS = ['senior_leaders', 'middle_leaders', 'teachers', 'support_staff'] as const
export type MapRoleId = (typeof MAP_ROLE_IDS)[number]
export const MAP_EXCLUSIVE_ANSWERS = ['no_one_clear', 'dont_know'] as const
export type MapExclusiveAnswer = (typeof MAP_EXCLUSIVE_ANSWERS)[number]

export const InstrumentSchema = z.object({
  id: z.string(),
  language: z.string(),
  title: z.string(),
  estimatedMinutes: z.int().check(z.positive()),
  /** Labels of the agreement scale 1..5; "Don't know" travels and is stored as null. */
  answerLabels: z.object({ 1: z.string(), 2: z.string(), 3: z.string(), 4: z.string(), 5: z.string() }),
  dontKnowLabel: z.string(),
  scales: z.array(
    z.object({
      id: ScaleIdSchema,
      /** The name leaders see in reports (Dean's hallmark, or "Coordination"). */
      name: z.string(),
      /** A plain-language heading staff see above the section; never the academic name. */
      sectionTitle: z.string(),
      /** One sentence for reports: what a high score on this scale means in practice. */
      description: z.string(),
      items: z.array(z.object({ id: ItemIdSchema, text: z.string(), keying: z.optional(z.enum(KEYINGS)) })),
    }),
  ),
  /**
   * dl-v2 onwards: pairs of statements about the same thing; staff say which is closer to their
   * school (1 = much closer to the first … 4 = much closer to the second; "Don't know" is null).
   * `high` names the statement at the dimension's high end (more authority with staff, more
   * initiative from staff, more coherent direction, more open contest); it alternates within each
   * dimension, so a habit of picking the first (or second) statement cancels.
   */
  patternBlock: z.optional(
    z.object({
      sectionTitle: z.string(),
      intro: z.string(),
      choiceLabels: z.object({ 1: z.string(), 2: z.string(), 3: z.string(), 4: z.string() }),
      pairs: z.array(
        z.object({ id: ItemIdSchema, dimension: z.enum(PATTERN_DIMENSION_IDS), first: z.string(), second: z.string(), high: z.enum(['first', 'second']) }),
      ),
      /** How leadership roles usually arise: one choice, ordered from allocated (1) to claimed (4). */
      origin: z.object({
        id: ItemIdSchema,
        question: z.string(),
        options: z.array(z.object({ value: z.literal([1, 2, 3, 4]), label: z.string() })),
      }),
    }),
  ),
  /** dl-v2 onwards: for each area of the school's work, which roles lead it in practice. */
  leadershipMap: z.optional(
    z.object({
      sectionTitle: z.string(),
      question: z.string(),
      areas: z.array(z.object({ id: z.enum(MAP_AREA_IDS), label: z.string() })),
      roles: z.array(z.object({ id: z.enum(MAP_ROLE_IDS), label: z.string() })),
      exclusive: z.array(z.object({ id: z.enum(MAP_EXCLUSIVE_ANSWERS), label: z.string() })),
    }),
  ),
  continuum: z.object({
    nowQuestion: z.string(),
    aimQuestion: z.string(),
    patterns: z.array(
      z.object({
        value: z.literal(PATTERN_VALUES),
        /** The academic label, shown only in reports. */
        label: z.string(),
        /** The plain-language vignette staff choose from. */
        vignette: z.string(),
        /** For reports: what the pattern looks like, its strengths and its risks. */
        description: z.string(),
      }),
    ),
  }),
  roleQuestion: z.string(),
  roles: z.array(z.object({ id: RoleIdSchema, label: z.string() })),
  prompts: z.array(z.object({ id: PromptIdSchema, text: z.string() })),
})
export type Instrument = z.infer<typeof InstrumentSchema>
export type InstrumentScale = Instrument['scales'][number]
export type ContinuumPattern = Instrument['continuum']['patterns'][number]
export type InstrumentItem = InstrumentScale['items'][number]
export type PatternPair = NonNullable<Instrument['patternBlock']>['pairs'][number]

/** An item's keying; items without one (all of dl-v1) are positive. */
export function keyingOf(item: InstrumentItem): Keying {
  return item.keying ?? 'positive'
}

/** Item ids in storage order: the order of the scales, then of the items within each scale. */
export function itemOrder(instrument: Instrument): string[] {
  return instrument.scales.flatMap((scale) => scale.items.map((item) => item.id))
}

/** A record of every scale of the instrument, keyed by scale id, in the instrument's order. */
export function byScale<T>(instrument: Instrument, value: (scaleId: ScaleId, index: number) => T): Record<ScaleId, T> {
  return Object.fromEntries(instrument.scales.map((s, i) => [s.id, value(s.id, i)])) as Record<ScaleId, T>
}
