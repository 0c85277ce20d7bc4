import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { RoleId, ScaleId } from '../../shared/instrument/types.ts'
import type { ActionStatus, Influence, Supporter } from '../../shared/schemas/actions.ts'
import type { AccessMode } from '../../shared/schemas/forms.ts'
import type { Nation, SchoolPhase, StaffBand } from '../../shared/schemas/organisations.ts'
import type { ReleaseMode, SurveyStatus } from '../../shared/schemas/surveys.ts'

// Hand-written to match migrations/; the integration tests run every query against a migrated
// database, so a mismatch fails there. Keep the tables side by side so they change together.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface TrustsTable {
  id: Generated<number>
  name: string
  is_demo: Generated<boolean>
  created_at: Generated<Date>
  /** The trust's schools contribute nothing to norms (migration 202611291620); they still see them. */
  norms_opt_out: Generated<boolean>
}
export interface SchoolsTable {
  id: Generated<number>
  trust_id: number | null
  name: string
  /** IANA time zone name; the days a survey opens and closes are days here. */
  time_zone: Generated<string>
  created_at: Generated<Date>
  /** The school's context (migration 202611291610): closed lists, null until set. */
  phase: SchoolPhase | null
  staff_band: StaffBand | null
  nation: Nation | null
}
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
  status: Generated<SurveyStatus>
  opens_at: Timestamp
  closes_at: Timestamp
  closed_at: Date | null
  k: Generated<number>
  access_mode: Generated<AccessMode>
  release_mode: Generated<ReleaseMode>
  expected_staff: number | null
  created_at: Generated<Date>
  live_response_count: Generated<number>
  /** Live surveys only: the date (UTC) each batch of k was completed on, in batch order; a batch is released from the next day. */
  live_batches_completed_on: ColumnType<string[], string[] | undefined, string[]>
  /** Who holds the single-use codes, when not the leaders; both set or both null. */
  code_custodian_name: string | null
  code_custodian_email: string | null
  /** A pulse check (migration 202611291630): the survey whose plan it belongs to; null for a full survey. */
  pulse_of: ColumnType<number | null, number | null | undefined, never>
  /** A pulse check of one action (null: of the whole plan, or a full survey). */
  pulse_action_id: ColumnType<number | null, number | null | undefined, number | null>
  /** A pulse check: the scales its questionnaire asks; null for a full survey (every scale). */
  scales: ColumnType<ScaleId[] | null, ScaleId[] | null | undefined, never>
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
  /** Keyed: a reverse-keyed item's answer counts as 6 − answer (dl-v1 has none). */
  score_sums: number[]
  /** dl-v2 onwards (empty before): the paired statements 1..4 in the instrument's order, null unanswered (migration 202611291600). */
  pair_answers: ColumnType<(number | null)[], (number | null)[] | undefined, never>
  /** dl-v2 onwards: how people come to lead something, 1..4. */
  origin: number | null
  /** dl-v2 onwards (empty before): the leadership map, one bitmask per area (server/db/map-answers.ts); null unanswered. */
  map_answers: ColumnType<(number | null)[], (number | null)[] | undefined, never>
}
/** One row per survey: the hashes of its codes, unused and used, each array kept sorted (nothing follows slip or use order). */
export interface SurveyAccessCodesTable { survey_id: number; unused: string[]; used: string[] }
/** A pooled comment: its prompt, its text and its response's live release batch (null when released at close). */
export interface CommentEntry { prompt: 'helps' | 'hinders'; body: string; batch: number | null }
/** One row per survey: every comment, rewritten in a fresh random order by each submission that adds one. */
export interface SurveyCommentsTable { survey_id: number; entries: ColumnType<CommentEntry[], string, string> }
/** One-time links for a code custodian; `id` is the sha-256 of the link's token. */
export interface CustodianLinksTable { id: string; survey_id: number; code_count: number; created_at: Generated<Date>; expires_at: Timestamp; used_at: Date | null }

/** One action of a school's plan for a survey cycle (issue 14). */
export interface ActionsTable {
  id: Generated<number>
  survey_id: number
  title: string
  details: Generated<string>
  scales: ScaleId[]
  influence: Influence
  lead_role: RoleId
  lead_name: string | null
  /** Who supports the action: [{ role, name }] (name null when not typed). */
  supporters: ColumnType<Supporter[], string, string>
  /** The day the action is to be reviewed. */
  review_on: ColumnType<Date | null, string | null, string | null>
  status: Generated<ActionStatus>
  created_at: Timestamp
  updated_at: Timestamp
}
/** A dated note on an action: written with every status change, or on its own. */
export interface ActionNotesTable { id: Generated<number>; action_id: number; status: ActionStatus; body: string; created_at: Timestamp }
/** A closed survey's tally in one release state (migration 202611291510; server/modules/reports/tally-source.ts). */
export interface SurveyTalliesTable {
  survey_id: number
  released: number
  responses: number
  tally: ColumnType<unknown, string, string>
  detail: ColumnType<unknown, string, string>
  /** What the survey's own report discloses in that state (migration 202611291520); null until first read. */
  figures: ColumnType<unknown, string | null | undefined, string | null>
  /** dl-v2 surveys: the report's placement section in that state (migration 202611291600); null for dl-v1 and until first read. */
  placement: ColumnType<unknown, string | null | undefined, string | null>
  created_at: Generated<Date>
}

/** A norm group's percentiles of one measure (migration 202611291620; server/modules/norms/). */
export interface NormsTable {
  instrument_version_id: string
  kind: string
  group_key: string
  measure: string
  schools: number
  trusts: number
  /** At NORM_PERCENTILES (shared/domain/norms.ts). */
  percentiles: ColumnType<number[], string, string>
}
export interface NormRefreshesTable { instrument_version_id: string; computed_at: Timestamp; window_from: Timestamp }

export interface Database {
  norms: NormsTable
  norm_refreshes: NormRefreshesTable
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
  survey_access_codes: SurveyAccessCodesTable
  survey_comments: SurveyCommentsTable
  custodian_links: CustodianLinksTable
  actions: ActionsTable
  action_notes: ActionNotesTable
  survey_tallies: SurveyTalliesTable
}

export type SurveyRow = Selectable<SurveysTable>
export type NewSurveyRow = Insertable<SurveysTable>
export type SurveyUpdate = Updateable<SurveysTable>
export type LeaderRow = Selectable<LeadersTable>
export type NewResponseRow = Insertable<ResponsesTable>
