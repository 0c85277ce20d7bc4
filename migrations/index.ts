import type { Migration } from 'kysely/migration'
import * as m202611221600 from './202611221600_create_domain.ts'
import * as m202611221700 from './202611221700_add_release_batches.ts'
import * as m202611221800 from './202611221800_add_response_scores.ts'
import * as m202611291200 from './202611291200_add_rate_counters.ts'

export const migrations: Record<string, Migration> = {
  '202611221600_create_domain': m202611221600,
  '202611221700_add_release_batches': m202611221700,
  '202611221800_add_response_scores': m202611221800,
  '202611291200_add_rate_counters': m202611291200,
}
