import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Surveys not closed by a leader, by questionnaire and end date. Every report and trust overview
// asks whether a survey has passed its end date since the norms were computed (norms.repository.ts
// `findNormState`): without this index that question read every survey ever run (11,600 on the
// benchmark data set: 1.4 ms on a quiet machine, and growing with every cycle); with it, only those
// whose end date falls in the asked span. Partial: surveys a leader closed are never asked for.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists surveys_unclosed_by_end on surveys (instrument_version_id, closes_at) where closed_at is null`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists surveys_unclosed_by_end`.execute(db)
}
