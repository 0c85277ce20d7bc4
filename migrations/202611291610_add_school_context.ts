import { sql, type Kysely } from 'kysely'

// A school's context, for comparing it with similar schools (norm groups, docs/scoring.md "Norms"):
// its phase, its number of staff as a band, and its nation. Each is a closed list (the values of
// shared/schemas/organisations.ts, repeated here because migrations are frozen in time); null
// until the operator or the school's leaders set it. Whether it is in a trust is its trust_id.

const PHASES = ['nursery', 'primary', 'secondary', 'all_through', 'special', 'alternative_provision', 'further_education']
const STAFF_BANDS = ['under_20', '20_to_49', '50_to_99', '100_plus']
const NATIONS = ['england', 'scotland', 'wales', 'northern_ireland', 'elsewhere']

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ')

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('schools')
    .addColumn('phase', 'text', (col) => col.check(sqlIn('phase', PHASES)))
    .addColumn('staff_band', 'text', (col) => col.check(sqlIn('staff_band', STAFF_BANDS)))
    .addColumn('nation', 'text', (col) => col.check(sqlIn('nation', NATIONS)))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('schools').dropColumn('phase').dropColumn('staff_band').dropColumn('nation').execute()
}

const sqlIn = (column: string, values: string[]) => sql.raw(`${column} in (${list(values)})`)
