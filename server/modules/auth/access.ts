// Who may do what: the one place authorisation is decided. Routes declare what they touch
// (config.access); the auth plugin resolves the signed-in leader and asks these functions.

export interface Principal {
  leaderId: number
  sessionId: string
  sessionExpiresAt: Date
  csrfToken: string
  /** Schools the leader leads directly (school leader). */
  schoolIds: ReadonlySet<number>
  /** Trusts the leader leads (trust leader): every school of each. */
  trustIds: ReadonlySet<number>
}

/**
 * What a route touches. `public`: staff and system routes, no sign-in. `signedIn`: any leader,
 * acting on their own account. `school`/`survey`/`trust`: the named path parameter must be a
 * school, survey or trust the leader may see.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'signedIn' }
  | { kind: 'school'; param: 'schoolId' }
  | { kind: 'survey'; param: 'surveyId' }
  /** The survey's school's own leaders only: trust leaders read what such a route changes (a school's action plan). */
  | { kind: 'surveyOwnSchool'; param: 'surveyId' }
  | { kind: 'trust'; param: 'trustId' }

/** A route that touches one school, survey or trust, named by a path parameter. */
export type ScopedAccess = Extract<Access, { param: string }>

export const PUBLIC: Access = { kind: 'public' }
export const SIGNED_IN: Access = { kind: 'signedIn' }
export const SCHOOL: Access = { kind: 'school', param: 'schoolId' }
export const SURVEY: Access = { kind: 'survey', param: 'surveyId' }
export const SURVEY_OWN_SCHOOL: Access = { kind: 'surveyOwnSchool', param: 'surveyId' }
export const TRUST: Access = { kind: 'trust', param: 'trustId' }

/** A school leader sees their own schools; a trust leader every school of their trusts. */
export function canAccessSchool(principal: Principal, school: { schoolId: number; trustId: number | null }): boolean {
  return principal.schoolIds.has(school.schoolId) || (school.trustId !== null && principal.trustIds.has(school.trustId))
}

/** Only the school's own leaders change what belongs to it (its action plan); trust leaders read it. */
export function canEditSchool(principal: Principal, school: { schoolId: number }): boolean {
  return principal.schoolIds.has(school.schoolId)
}

/** Only a trust leader of the trust sees the trust as a whole. */
export function canAccessTrust(principal: Principal, trustId: number): boolean {
  return principal.trustIds.has(trustId)
}
