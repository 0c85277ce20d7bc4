import { z } from 'zod'
import { DEFAULT_TIME_ZONE, isTimeZone } from '../domain/school-days.ts'
import { textSchema, unknownFieldsError } from './common.ts'

/** Trust, school and leader names. */
export const NameSchema = textSchema({ what: 'the name', min: 2, max: 120 })
export const EmailSchema = z.email({ error: 'that is not an email address' }).max(254).transform((e) => e.toLowerCase())
export const MIN_PASSWORD_LENGTH = 12
export const PasswordSchema = z
  .string({ error: 'a password is required' })
  .min(MIN_PASSWORD_LENGTH, { error: `the password needs at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(200, { error: 'the password can be at most 200 characters' })

export const LeaderRoleSchema = z.enum(['school_leader', 'trust_leader'])
export type LeaderRole = z.infer<typeof LeaderRoleSchema>

export const CreateTrustInputSchema = z.strictObject({ name: NameSchema, isDemo: z.boolean().default(false) }, { error: unknownFieldsError })
/** A school's time zone: an IANA name the runtime knows, e.g. "Europe/London". Survey days are days there. */
export const TimeZoneSchema = z
  .string({ error: 'the time zone must be text, e.g. Europe/London' })
  .trim()
  .refine(isTimeZone, { error: 'the time zone must be an IANA time zone name, e.g. Europe/London or America/New_York' })
export const CreateSchoolInputSchema = z.strictObject(
  { name: NameSchema, trustId: z.int().positive().nullable().default(null), timeZone: TimeZoneSchema.default(DEFAULT_TIME_ZONE) },
  { error: unknownFieldsError },
)
export const CreateLeaderInputSchema = z.strictObject({
  email: EmailSchema,
  displayName: NameSchema,
  password: PasswordSchema.optional(),
}, { error: unknownFieldsError })

// A school's context: what makes schools similar enough to compare (norm groups, docs/scoring.md
// "Norms"). Each is a closed list; null until someone sets it. Whether the school is in a trust is
// not set here: it follows from the trust it belongs to.

export const SCHOOL_PHASE_LABELS = {
  nursery: 'Nursery',
  primary: 'Primary',
  secondary: 'Secondary',
  all_through: 'All-through',
  special: 'Special',
  alternative_provision: 'Alternative provision',
  further_education: 'Further education',
} as const
export const STAFF_BAND_LABELS = { under_20: 'Fewer than 20 staff', '20_to_49': '20 to 49 staff', '50_to_99': '50 to 99 staff', '100_plus': '100 staff or more' } as const
export const NATION_LABELS = { england: 'England', scotland: 'Scotland', wales: 'Wales', northern_ireland: 'Northern Ireland', elsewhere: 'Elsewhere' } as const

const closedList = <T extends Record<string, string>>(labels: T, what: string) => {
  const values = Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]]
  return z.enum(values, { error: `${what} must be one of: ${values.join(', ')}` })
}
export const SchoolPhaseSchema = closedList(SCHOOL_PHASE_LABELS, 'the phase')
export type SchoolPhase = z.infer<typeof SchoolPhaseSchema>
export const StaffBandSchema = closedList(STAFF_BAND_LABELS, 'the staff band')
export type StaffBand = z.infer<typeof StaffBandSchema>
export const NationSchema = closedList(NATION_LABELS, 'the nation')
export type Nation = z.infer<typeof NationSchema>

/** The staff band a number of staff falls in. */
export function staffBandOf(staff: number): StaffBand {
  return staff < 20 ? 'under_20' : staff < 50 ? '20_to_49' : staff < 100 ? '50_to_99' : '100_plus'
}

export const SchoolContextSchema = z.object({
  schoolId: z.int(),
  phase: SchoolPhaseSchema.nullable(),
  staffBand: StaffBandSchema.nullable(),
  nation: NationSchema.nullable(),
  /** From the school's trust membership; not set here. */
  inTrust: z.boolean(),
})
export type SchoolContext = z.infer<typeof SchoolContextSchema>

/** A change of context: the fields given are set (null clears one); at least one is needed. */
export const UpdateSchoolContextBodySchema = z
  .strictObject(
    { phase: SchoolPhaseSchema.nullable().optional(), staffBand: StaffBandSchema.nullable().optional(), nation: NationSchema.nullable().optional() },
    { error: unknownFieldsError },
  )
  .refine((body) => Object.keys(body).length > 0, { error: 'give at least one of phase, staffBand or nation' })
export type UpdateSchoolContextBody = z.infer<typeof UpdateSchoolContextBodySchema>
