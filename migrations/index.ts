import type { Migration } from 'kysely/migration'
import * as m202611221600 from './202611221600_create_domain.ts'
import * as m202611221700 from './202611221700_add_release_batches.ts'
import * as m202611221800 from './202611221800_add_response_scores.ts'
import * as m202611291000 from './202611291000_pool_comments_and_codes.ts'
import * as m202611291100 from './202611291100_add_code_custodian.ts'
import * as m202611291200 from './202611291200_add_rate_counters.ts'
import * as m202611291300 from './202611291300_add_school_time_zone.ts'
import * as m202611291500 from './202611291500_create_action_plans.ts'
import * as m202611291510 from './202611291510_add_survey_tallies.ts'
import * as m202611291520 from './202611291520_add_survey_figures.ts'
import * as m202611291600 from './202611291600_add_v2_answers.ts'
import * as m202611291610 from './202611291610_add_school_context.ts'
import * as m202611291620 from './202611291620_add_norms.ts'
import * as m202611291630 from './202611291630_add_pulse_checks.ts'
import * as m202611291640 from './202611291640_perf.ts'
import * as m202611291730 from './202611291730_surveys_by_end_date.ts'
import * as m202611292110 from './202611292110_add_submit_function.ts'

export const migrations: Record<string, Migration> = {
  '202611221600_create_domain': m202611221600,
  '202611221700_add_release_batches': m202611221700,
  '202611221800_add_response_scores': m202611221800,
  '202611291000_pool_comments_and_codes': m202611291000,
  '202611291100_add_code_custodian': m202611291100,
  '202611291200_add_rate_counters': m202611291200,
  '202611291300_add_school_time_zone': m202611291300,
  '202611291500_create_action_plans': m202611291500,
  '202611291510_add_survey_tallies': m202611291510,
  '202611291520_add_survey_figures': m202611291520,
  '202611291600_add_v2_answers': m202611291600,
  '202611291610_add_school_context': m202611291610,
  '202611291620_add_norms': m202611291620,
  '202611291630_add_pulse_checks': m202611291630,
  '202611291640_perf': m202611291640,
  '202611291730_surveys_by_end_date': m202611291730,
  '202611292110_add_submit_function': m202611292110,
}
