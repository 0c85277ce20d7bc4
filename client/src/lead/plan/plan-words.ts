import type { RoleId } from '../../../../shared/instrument/types.ts'
import type { ActionStatus, Influence, Person, Verdict } from '../../../../shared/schemas/actions.ts'

// The plan's words on the page: one role, influence and status label each, the same everywhere.

export const ROLE_NAMES: Record<RoleId, string> = {
  senior_leader: 'Senior leader',
  middle_leader: 'Middle leader',
  teacher: 'Teacher',
  support_staff: 'Support staff',
  other: 'Other role',
}

export const INFLUENCE_OPTIONS: { value: Influence; label: string; hint: string }[] = [
  { value: 'modelling', label: 'Modelling', hint: 'Leaders show the practice themselves, visibly and consistently.' },
  { value: 'monitoring', label: 'Monitoring', hint: 'Looking at what happens (classrooms, data, conversations) and acting on it.' },
  { value: 'dialogue', label: 'Dialogue', hint: 'Time for colleagues to talk about the practice together.' },
  { value: 'partnership', label: 'Partnership', hint: 'Working on it with another school or partner.' },
]

export const STATUS_NAMES: Record<ActionStatus, string> = { planned: 'Planned', under_way: 'Under way', done: 'Done', dropped: 'Dropped' }

export const VERDICT_NAMES: Record<Verdict, string> = { improved: 'Improved', no_clear_change: 'No clear change', declined: 'Declined' }

/** "Priya Shah (Teacher)", or the role alone when no name was typed. */
export function personLabel(person: Person): string {
  return person.name === null ? ROLE_NAMES[person.role] : `${person.name} (${ROLE_NAMES[person.role]})`
}
