import { z } from 'zod'
import { DEFAULT_TIME_ZONE, isTimeZone } from '../domain/school-days.ts'
import { unknownFieldsError } from './common.ts'

export const NameSchema = z.string({ error: 'a name is required' }).trim().min(2, { error: 'the name needs at least 2 characters' }).max(120, { error: 'the name can be at most 120 characters' })
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
