import type { Messages } from '../../common/i18n.svelte.ts'
import type { ActionStatus, Influence, Person } from '../../../../shared/schemas/actions.ts'
import type { LeadMessageKey } from '../messages.svelte.ts'

// The plan's words on the page: one role, influence and status label each, the same everywhere,
// in the leader's language (catalogue keys plan.role.*, plan.influence.*, plan.status.*, plan.verdict.*).

type Translate = Messages<LeadMessageKey>['t']

const INFLUENCES: readonly Influence[] = ['modelling', 'monitoring', 'dialogue', 'partnership']

export const influenceOptions = (t: Translate): { value: Influence; label: string; hint: string }[] =>
  INFLUENCES.map((value) => ({ value, label: t(`plan.influence.${value}`), hint: t(`plan.influence.${value}.hint`) }))

/** "Priya Shah (Teacher)", or the role alone when no name was typed. */
export function personLabel(t: Translate, person: Person): string {
  const role = t(`plan.role.${person.role}`)
  return person.name === null ? role : `${person.name} (${role})`
}

export const statusName = (t: Translate, status: ActionStatus) => t(`plan.status.${status}`)
