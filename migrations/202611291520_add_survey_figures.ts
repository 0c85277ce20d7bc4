import type { Kysely } from 'kysely'

// Beside each stored tally, the figures that survey's own report discloses in that release state
// (shared/domain/overview.ts `surveyFigures`: per scale the disclosed mean and n, the continuum's
// perceived votes and evidence, the response count; withheld cells null). The trust overview and a
// report's comparison with the rest of the trust read only these for other schools, a few hundred
// bytes each instead of the tally. Nullable: rows stored before this column are filled by the
// first request that reads them (server/modules/reports/tally-source.ts). Nothing here that the
// school's own report does not already show.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('survey_tallies').addColumn('figures', 'jsonb').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('survey_tallies').dropColumn('figures').execute()
}
