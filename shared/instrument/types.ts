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
      items: z.array(z.object({ id: ItemIdSchema, text: z.string() })),
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

/** Item ids in storage order: the order of the scales, then of the items within each scale. */
export function itemOrder(instrument: Instrument): string[] {
  return instrument.scales.flatMap((scale) => scale.items.map((item) => item.id))
}

/** A record of every scale of the instrument, keyed by scale id, in the instrument's order. */
export function byScale<T>(instrument: Instrument, value: (scaleId: ScaleId, index: number) => T): Record<ScaleId, T> {
  return Object.fromEntries(instrument.scales.map((s, i) => [s.id, value(s.id, i)])) as Record<ScaleId, T>
}
