import type { Kysely } from 'kysely'

// Norms (docs/scoring.md "Norms"): per instrument, norm group and measure, the percentiles of the
// figures schools' own reports disclose, computed in SQL from survey_tallies.figures and stored
// here whole at each refresh (server/modules/norms/). Only groups that may be shown are stored.
// A trust may opt out of contributing (operator setting); its schools still see norms.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('trusts').addColumn('norms_opt_out', 'boolean', (col) => col.notNull().defaultTo(false)).execute()
  await db.schema
    .createTable('norms')
    .addColumn('instrument_version_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('group_key', 'text', (col) => col.notNull())
    .addColumn('measure', 'text', (col) => col.notNull())
    .addColumn('schools', 'integer', (col) => col.notNull())
    .addColumn('trusts', 'integer', (col) => col.notNull())
    .addColumn('percentiles', 'jsonb', (col) => col.notNull())
    .addPrimaryKeyConstraint('norms_pkey', ['instrument_version_id', 'kind', 'group_key', 'measure'])
    .execute()
  // One row per instrument: when its norms were last computed, and over which window.
  await db.schema
    .createTable('norm_refreshes')
    .addColumn('instrument_version_id', 'text', (col) => col.primaryKey())
    .addColumn('computed_at', 'timestamptz', (col) => col.notNull())
    .addColumn('window_from', 'timestamptz', (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('norm_refreshes').execute()
  await db.schema.dropTable('norms').execute()
  await db.schema.alterTable('trusts').dropColumn('norms_opt_out').execute()
}
