import type { Kysely } from 'kysely'

// A school's time zone (an IANA name such as "Europe/London"): a survey chosen to close on a day
// stays open until the end of that day where the school is, and its dates are shown in that zone.
// Every school there has been is in England, so existing rows take the default.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('schools').addColumn('time_zone', 'text', (col) => col.notNull().defaultTo('Europe/London')).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('schools').dropColumn('time_zone').execute()
}
