import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { RoleId } from '../../shared/instrument/types.ts'

// Hand-written to match migrations/; the integration tests run every query against a migrated
// database, so a mismatch fails there. Keep the tables side by side so they change together.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface TrustsTable { id: Generated<number>; name: string; is_demo: Generated<boolean>; created_at: Generated<Date> }
export interface SchoolsTable { id: Generated<number>; trust_id: number | null; name: string; created_at: Generated<Date> }
export interface LeadersTable {
  id: Generated<number>
  email: string
  display_name: string
  password_hash: string | null
  disabled_at: Date | null
  created_at: Generated<Date>
}
export interface MembershipsTable {
  id: Generated<number>
  leader_id: number
  role: 'school_leader' | 'trust_leader'
  school_id: number | null
  trust_id: number | null
}
export interface SessionsTable {
  id: string
  leader_id: number
  csrf_token: string
  created_at: Generated<Date>
  expires_at: Timestamp
  revoked_at: Date | null
}
export interface LeaderTokensTable {
  id: string
  leader_id: number
  purpose: 'invite' | 'reset'
  expires_at: Timestamp
  used_at: Date | null
}
/** Rate-limit and sign-in throttle counters, shared by every instance (UNLOGGED). */
export interface RateCountersTable { key: string; count: number; expires_at: Timestamp }
export interface InstrumentVersionsTable { id: string; item_ids: string[]; definition: unknown; created_at: Generated<Date> }
export interface SurveysTable {
  id: Generated<number>
  school_id: number
  instrument_version_id: string
  title: string
  token: string
  status: Generated<'draft' | 'open' | 'closed'>
  opens_at: Timestamp
  closes_at: Timestamp
  closed_at: Date | null
  k: Generated<number>
  access_mode: Generated<'link' | 'codes'>
  release_mode: Generated<'at_close' | 'live'>
  expected_staff: number | null
  created_at: Generated<Date>
  live_response_count: Generated<number>
}
export interface ResponsesTable {
  id: Generated<string>
  survey_id: number
  instrument_version_id: string
  answers: (number | null)[]
  now_pattern: number | null
  aim_pattern: number | null
  role: RoleId | null
  submitted_on: ColumnType<Date, string | undefined, never>
  /** Live surveys only: the batch of k this response belongs to (0, 1, …). */
  release_batch: number | null
  /** Per score (the scales, then the hallmark items pooled): items answered and their sum. Derived from answers. */
  score_answered: number[]
  score_sums: number[]
}
export interface AccessCodesTable { id: Generated<number>; survey_id: number; code_hash: string; redeemed: Generated<boolean> }
export interface CommentsTable { id: Generated<string>; survey_id: number; prompt: 'helps' | 'hinders'; body: string }

export interface Database {
  trusts: TrustsTable
  schools: SchoolsTable
  leaders: LeadersTable
  memberships: MembershipsTable
  sessions: SessionsTable
  leader_tokens: LeaderTokensTable
  rate_counters: RateCountersTable
  instrument_versions: InstrumentVersionsTable
  surveys: SurveysTable
  responses: ResponsesTable
  access_codes: AccessCodesTable
  comments: CommentsTable
}

export type SurveyRow = Selectable<SurveysTable>
export type NewSurveyRow = Insertable<SurveysTable>
export type SurveyUpdate = Updateable<SurveysTable>
export type LeaderRow = Selectable<LeadersTable>
export type NewResponseRow = Insertable<ResponsesTable>
