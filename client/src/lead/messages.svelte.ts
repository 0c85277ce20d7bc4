import { Messages } from '../common/i18n.svelte.ts'
import english from './messages/en.json' with { type: 'json' }

// The leaders' app's words: English bundled, Welsh fetched when first chosen.
export type LeadMessageKey = keyof typeof english

export function createLeadMessages(): Messages<LeadMessageKey> {
  return new Messages<LeadMessageKey>(english, { cy: () => import('./messages/cy.json', { with: { type: 'json' } }) })
}
