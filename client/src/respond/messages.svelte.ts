import { Messages } from '../common/i18n.svelte.ts'
import english from './messages/en.json' with { type: 'json' }

// The staff survey's words: English bundled, Welsh fetched when first chosen (with the Welsh
// questionnaire texts, shared/instrument/translations.ts), so the bundle carries one language.
export type RespondMessageKey = keyof typeof english
export type RespondMessages = Messages<RespondMessageKey>

export function createRespondMessages(): RespondMessages {
  return new Messages<RespondMessageKey>(english, { cy: () => import('./messages/cy.json', { with: { type: 'json' } }) })
}
