import { z } from 'zod'
import { unknownFieldsError } from './common.ts'
import { EmailSchema, LeaderRoleSchema, PasswordSchema } from './organisations.ts'

// Leaders' sign-in. The session lives in an httpOnly cookie; every request that changes
// something also carries the session's CSRF token in the `x-csrf-token` header.

export const CSRF_HEADER = 'x-csrf-token'

export const LoginBodySchema = z.strictObject({
  email: EmailSchema,
  password: z.string({ error: 'a password is required' }).min(1, { error: 'a password is required' }).max(200),
}, { error: unknownFieldsError })
export type LoginBody = z.input<typeof LoginBodySchema>

export const MembershipSchema = z.object({
  role: LeaderRoleSchema,
  /** The school (school leader) or trust (trust leader) the role covers. */
  scopeId: z.int(),
  scopeName: z.string(),
})

export const CurrentLeaderSchema = z.object({
  id: z.int(),
  email: z.string(),
  displayName: z.string(),
  memberships: z.array(MembershipSchema),
  /** Send back in the x-csrf-token header on every POST, PATCH or DELETE. */
  csrfToken: z.string(),
  sessionExpiresAt: z.iso.datetime({ offset: true }),
})
export type CurrentLeader = z.infer<typeof CurrentLeaderSchema>

export const ChangePasswordBodySchema = z.strictObject({
  currentPassword: z.string({ error: 'your current password is required' }).min(1, { error: 'your current password is required' }).max(200),
  newPassword: PasswordSchema,
}, { error: unknownFieldsError })
export type ChangePasswordBody = z.input<typeof ChangePasswordBodySchema>

/** Setting a password from a one-time invitation or reset link. */
export const SetPasswordBodySchema = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{22}$/, { error: 'this link is not complete: copy the whole link from the message you were sent' }),
  newPassword: PasswordSchema,
}, { error: unknownFieldsError })
export type SetPasswordBody = z.input<typeof SetPasswordBodySchema>

export const OkSchema = z.object({ ok: z.literal(true) })
