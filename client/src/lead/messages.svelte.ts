import { Messages } from '../common/i18n.svelte.ts'
import reportEnglish from '../../../shared/messages/report/en.json' with { type: 'json' }
import english from './messages/en.json' with { type: 'json' }

// The leaders' app's words: English bundled, Welsh fetched when first chosen. The report's words
// live in shared/ (the server's CSV says the same sentences) and join the app's own.
export type LeadMessageKey = keyof typeof english | keyof typeof reportEnglish

export function createLeadMessages(): Messages<LeadMessageKey> {
  return new Messages<LeadMessageKey>({ ...english, ...reportEnglish }, {
    cy: async () => {
      const [app, report] = await Promise.all([import('./messages/cy.json', { with: { type: 'json' } }), import('../../../shared/messages/report/cy.json', { with: { type: 'json' } })])
      return { default: { ...app.default, ...report.default } }
    },
  })
}
