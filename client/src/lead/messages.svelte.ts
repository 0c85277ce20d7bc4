import { Messages } from '../common/i18n.svelte.ts'
import english from './messages/en.json' with { type: 'json' }

// The leaders' app's words: English bundled, Welsh fetched when first chosen.
export type LeadMessageKey = keyof typeof english

export function createLeadMessages(): Messages<LeadMessageKey> {
  return new Messages<LeadMessageKey>(english, { cy: () => import('./messages/cy.json', { with: { type: 'json' } }) })
}

/** A survey's response count as a leader may see it: exact, or coarse (in steps of k) while it is open. */
export function shownCount(t: Messages<LeadMessageKey>['t'], { responseCount, responseCountPrecision, k }: { responseCount: number; responseCountPrecision: 'exact' | 'coarse'; k: number }): string {
  return responseCountPrecision === 'exact' ? t('home.responses', { count: responseCount }) : responseCount === 0 ? t('home.fewerThan', { count: k }) : t('home.atLeast', { count: responseCount })
}
