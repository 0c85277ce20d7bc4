import { z } from 'zod'
import { ScaleIdSchema } from '../instrument/types.ts'

// The norm tables a school's leaders may see (getNorms): per group the school is in, each scale's
// percentiles (10, 25, 50, 75, 90) of the means other schools' own reports disclose. A group or a
// scale that may not be shown (too few schools or trusts, or it would let a smaller group be worked
// out) has null figures. docs/scoring.md "Norms".

export const NormGroupKindSchema = z.enum(['all', 'similar', 'similar_nation'])

const NormTableSchema = z.object({
  schools: z.int().nullable(),
  trusts: z.int().nullable(),
  /** At the 10th, 25th, 50th, 75th and 90th percentiles; null where the group may not be shown. */
  percentiles: z.array(z.number()).length(5).nullable(),
})

export const SchoolNormsSchema = z.object({
  schoolId: z.int(),
  instrumentVersion: z.string(),
  /** When the norms were computed, and the start of the 12 months they cover. */
  computedAt: z.iso.datetime({ offset: true }),
  windowFrom: z.iso.datetime({ offset: true }),
  /** False until the school's phase and staff band are set: then only the all-schools group applies. */
  contextComplete: z.boolean(),
  groups: z.array(
    z.object({
      kind: NormGroupKindSchema,
      label: z.string(),
      scales: z.array(z.object({ id: ScaleIdSchema, ...NormTableSchema.shape })),
      /** dl-v2: each placement dimension's percentiles (of its mean, 0..100); empty for dl-v1. */
      dimensions: z.array(z.object({ id: z.enum(['spread', 'coordination', 'initiative', 'contest']), ...NormTableSchema.shape })),
      /** dl-v2: the share of the group's schools whose most likely pattern is each of 1..7 (null where it may not be shown); null for dl-v1. */
      placement: z.object({ schools: z.int().nullable(), trusts: z.int().nullable(), shares: z.array(z.number()).length(7).nullable() }).nullable(),
    }),
  ),
})
export type SchoolNorms = z.infer<typeof SchoolNormsSchema>
