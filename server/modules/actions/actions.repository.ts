import { sql, type Kysely } from 'kysely'
import type { ScaleId } from '../../../shared/instrument/types.ts'
import type { ActionChange, ActionStatus, Influence, NewAction, Person } from '../../../shared/schemas/actions.ts'
import type { Database } from '../../db/schema.ts'

/** An action as stored, with its notes (oldest first); the service turns instants into the school's days. */
export interface ActionRecord {
  id: number
  surveyId: number
  title: string
  details: string
  scales: ScaleId[]
  influence: Influence
  lead: Person
  supporters: Person[]
  reviewOn: string | null
  status: ActionStatus
  notes: { id: number; status: ActionStatus; body: string; at: Date }[]
  createdAt: Date
  updatedAt: Date
}

/** The survey a plan belongs to, as a trust's list of plans needs it. */
export interface PlanSurveyRecord { id: number; title: string; schoolId: number; schoolName: string; timeZone: string; closesAt: Date; instrumentVersion: string }

function actionsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('actions')
    .select((eb) => [
      'actions.id',
      'actions.survey_id',
      'actions.title',
      'actions.details',
      'actions.scales',
      'actions.influence',
      'actions.lead_role',
      'actions.lead_name',
      'actions.supporters',
      sql<string | null>`to_char(actions.review_on, 'YYYY-MM-DD')`.as('review_on'),
      'actions.status',
      'actions.created_at',
      'actions.updated_at',
      eb
        .selectFrom('action_notes')
        .select(sql<{ id: number; status: ActionStatus; body: string; at: string }[]>`coalesce(json_agg(json_build_object('id', action_notes.id, 'status', action_notes.status, 'body', action_notes.body, 'at', action_notes.created_at) order by action_notes.created_at, action_notes.id), '[]'::json)`.as('notes'))
        .whereRef('action_notes.action_id', '=', 'actions.id')
        .as('notes'),
    ])
    .orderBy('actions.id')
}

type ActionRow = Awaited<ReturnType<ReturnType<typeof actionsQuery>['executeTakeFirstOrThrow']>>

function toRecord(row: ActionRow): ActionRecord {
  return {
    id: row.id,
    surveyId: row.survey_id,
    title: row.title,
    details: row.details,
    scales: row.scales,
    influence: row.influence,
    lead: { role: row.lead_role, name: row.lead_name },
    supporters: row.supporters,
    reviewOn: row.review_on,
    status: row.status,
    notes: (row.notes ?? []).map((n) => ({ id: n.id, status: n.status, body: n.body, at: new Date(n.at) })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** The actions of one or more surveys' plans, in the order they were made. */
export async function listActions(db: Kysely<Database>, surveyIds: readonly number[]): Promise<ActionRecord[]> {
  if (surveyIds.length === 0) return []
  return (await actionsQuery(db).where('actions.survey_id', 'in', [...surveyIds]).execute()).map(toRecord)
}

export async function findAction(db: Kysely<Database>, actionId: number): Promise<ActionRecord | undefined> {
  const row = await actionsQuery(db).where('actions.id', '=', actionId).executeTakeFirst()
  return row && toRecord(row)
}

/** Locks a survey's plan against other changes until the transaction ends (counting and adding actions stay in step). */
export async function lockPlan(db: Kysely<Database>, surveyId: number): Promise<void> {
  await db.selectFrom('surveys').select('id').where('id', '=', surveyId).forUpdate().execute()
}

export async function countActions(db: Kysely<Database>, surveyId: number): Promise<number> {
  const row = await db.selectFrom('actions').select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')).where('survey_id', '=', surveyId).executeTakeFirstOrThrow()
  return row.n
}

export async function insertAction(db: Kysely<Database>, surveyId: number, action: NewAction, at: Date): Promise<number> {
  const row = await db
    .insertInto('actions')
    .values({
      survey_id: surveyId,
      title: action.title,
      details: action.details,
      scales: action.scales,
      influence: action.influence,
      lead_role: action.lead.role,
      lead_name: action.lead.name,
      supporters: JSON.stringify(action.supporters),
      review_on: action.reviewOn,
      status: action.status,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Applies a change to an action's fields (the note is the caller's: `insertNote`). */
export async function updateAction(db: Kysely<Database>, actionId: number, change: Omit<ActionChange, 'note'>, at: Date): Promise<void> {
  await db
    .updateTable('actions')
    .set({
      ...(change.title !== undefined ? { title: change.title } : {}),
      ...(change.details !== undefined ? { details: change.details } : {}),
      ...(change.scales !== undefined ? { scales: change.scales } : {}),
      ...(change.influence !== undefined ? { influence: change.influence } : {}),
      ...(change.lead !== undefined ? { lead_role: change.lead.role, lead_name: change.lead.name } : {}),
      ...(change.supporters !== undefined ? { supporters: JSON.stringify(change.supporters) } : {}),
      ...(change.reviewOn !== undefined ? { review_on: change.reviewOn } : {}),
      ...(change.status !== undefined ? { status: change.status } : {}),
      updated_at: at,
    })
    .where('id', '=', actionId)
    .execute()
}

export async function insertNote(db: Kysely<Database>, actionId: number, note: { status: ActionStatus; body: string }, at: Date): Promise<void> {
  await db.insertInto('action_notes').values({ action_id: actionId, status: note.status, body: note.body, created_at: at }).execute()
}

/** A trust's schools (name order), and the surveys of them that have a plan (newest closing first). */
export async function listTrustPlans(db: Kysely<Database>, trustId: number): Promise<{ schools: { id: number; name: string }[]; surveys: PlanSurveyRecord[] }> {
  const [schools, surveys] = await Promise.all([
    db.selectFrom('schools').select(['id', 'name']).where('trust_id', '=', trustId).orderBy('name').orderBy('id').execute(),
    db
      .selectFrom('surveys')
      .innerJoin('schools', 'schools.id', 'surveys.school_id')
      .select(['surveys.id', 'surveys.title', 'surveys.school_id', 'schools.name as school_name', 'schools.time_zone', 'surveys.closes_at', 'surveys.instrument_version_id'])
      .where('schools.trust_id', '=', trustId)
      .where((eb) => eb.exists(eb.selectFrom('actions').select('actions.id').whereRef('actions.survey_id', '=', 'surveys.id')))
      .orderBy('surveys.closes_at', 'desc')
      .orderBy('surveys.id', 'desc')
      .execute(),
  ])
  return {
    schools,
    surveys: surveys.map((s) => ({ id: s.id, title: s.title, schoolId: s.school_id, schoolName: s.school_name, timeZone: s.time_zone, closesAt: s.closes_at, instrumentVersion: s.instrument_version_id })),
  }
}

export async function findTrustName(db: Kysely<Database>, trustId: number): Promise<string | undefined> {
  return (await db.selectFrom('trusts').select('name').where('id', '=', trustId).executeTakeFirst())?.name
}
