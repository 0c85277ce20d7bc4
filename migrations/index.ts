import type { Migration } from 'kysely/migration'
import * as m202611221600 from './202611221600_create_domain.ts'

export const migrations: Record<string, Migration> = {
  '202611221600_create_domain': m202611221600,
}
