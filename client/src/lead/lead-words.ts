import type { Messages } from '../common/i18n.svelte.ts'
import { formatDay } from '../../../shared/domain/school-days.ts'
import type { LeadMessageKey } from './messages.svelte.ts'

// Words more than one page of the leaders' app says, in the leader's language.

type Translate = Messages<LeadMessageKey>['t']

/**
 * A response count as a leader may see it: exact once the survey has closed; while it is open, in
 * steps of k, counting earlier days only ("At least 10 responses", "Fewer than 5 responses"), so no one can be seen answering.
 */
export function shownCount(t: Translate, { responseCount, responseCountPrecision, k }: { responseCount: number; responseCountPrecision: 'exact' | 'coarse'; k: number }): string {
  if (responseCountPrecision === 'exact') return t('home.responses', { count: responseCount })
  return responseCount === 0 ? t('home.fewerThan', { count: k }) : t('home.atLeast', { count: responseCount })
}

/** A day without its weekday ("7 December 2026"): survey dates in lists. */
export const SHORT_DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' }

/**
 * A survey's day with its weekday: in English as the staff survey and the e-mails say it
 * ("Monday 7 December 2026", shared formatDay), in another language by Intl.
 */
export const longDay = (messages: Messages<LeadMessageKey>, day: string): string => (messages.language === 'en' ? formatDay(day) : messages.day(day))
