import type { Language } from '../instrument/languages.ts'
import type { ScaleId } from '../instrument/types.ts'

// What to do next, drawn from the source texts (docs/DESIGN.md §3, docs/instrument.md):
// Leithwood and Riehl's (2003) three strategies through which leaders work on their indirect
// influence (modelling, monitoring, dialogue), the reflection questions of the
// senior-leadership course text, and partnership working across schools. Kept as data so it can be revised without touching code.

export interface ScaleGuidance {
  /** For a priority (a low scale): concrete first steps. */
  improve: string[]
  /** For a strength: how to keep it and share it. */
  share: string
}

export const SCALE_GUIDANCE: Record<ScaleId, ScaleGuidance> = {
  shared_responsibility: {
    improve: [
      'Modelling: name the pieces of work led by staff without a leadership title, in staff meetings and newsletters, so leading is seen as something many people do.',
      'Dialogue: ask each team which school-wide problem it would like to own this year, and agree who leads it.',
      'Reflection: "Where would your current experience of distributed leadership fit on the continuum?" Ask it of every team, not only the senior team.',
    ],
    share: 'Invite a partner school to see how responsibility is shared here: staff learning from one another by sharing effective practice.',
  },
  shared_power: {
    improve: [
      'Modelling: before deciding, show which decisions are open to staff and change one because of what staff said; say so when you do.',
      'Monitoring: keep a simple log of decisions and who was involved in making them; review it each term with the staff.',
      'Dialogue: bring decisions to the people who will carry them out while they can still change, not after.',
    ],
    share: 'Describe to partner schools how decisions are made here; a clear account of the practice is what lets others try it.',
  },
  synergy: {
    improve: [
      'Dialogue: create regular time for staff in different roles (teachers, support staff, middle leaders) to plan a piece of work together.',
      'Monitoring: when a problem comes up, note who solved it and whether the person who knew most was involved, whatever their role.',
      'Build cross-functional working groups around the school priorities rather than around job titles.',
    ],
    share: 'Offer mixed-role teams from this school to work alongside a partner school on a shared project.',
  },
  leadership_capacity: {
    improve: [
      'Monitoring: build a picture of staff strengths from time in classrooms and conversations, and match pieces of leadership to them.',
      'Pair people taking on leadership for the first time with an experienced colleague as a coach.',
      'Plan succession: for each area, ask who could carry it on tomorrow, and give that person a real part in it now.',
    ],
    share: 'Open coaching and leadership opportunities to staff of partner schools: pools of talent grow across a partnership.',
  },
  organisational_learning: {
    improve: [
      'Dialogue: create opportunities for teachers to talk with colleagues about learning and teaching; describing what you did makes tacit knowledge explicit.',
      'Modelling: let senior leaders show how they reflect on their own practice, including what did not work.',
      'Monitoring: use pupil progress data, surveys and classroom visits with staff, posing questions rather than verdicts.',
    ],
    share: 'Run a joint enquiry with a partner school: the same question, both staffs, shared findings.',
  },
  equitable_climate: {
    improve: [
      'Involve a wider range of people in decisions that affect them; a wider range of stakeholders makes ill-considered or unfair decisions less likely.',
      'Monitoring: check who gets leadership opportunities and recognition across roles; act on any group that is left out.',
      'Dialogue: explain the reasons for decisions openly, including to those who disagreed.',
    ],
    share: 'Share with partner schools how fairness in decisions is checked here.',
  },
  democratic_culture: {
    improve: [
      'Modelling: welcome challenge to your own ideas in public, and thank the person who raised it.',
      'Ask for the evidence behind a proposed change, whoever proposes it, and share what it shows.',
      'Dialogue: set aside time to question one established routine each term and decide together whether to keep it.',
    ],
    share: 'Invite partner schools into a shared evidence review: questioning how things are done is easier with outside eyes.',
  },
  community_engagement: {
    improve: [
      'Create opportunities for staff to work with colleagues in other schools of the partnership on a shared aspect of practice.',
      'Give pupils and families a real say in one decision that affects them, and report back what changed.',
      'Monitoring: include parental opinion surveys and pupil voice alongside attainment data.',
    ],
    share: 'Lead an aspect of work across the partnership: distributed leadership can be used across schools as well as within them.',
  },
  coordination: {
    improve: [
      'Make roles clear: publish who leads what, and update it when it changes (Leithwood et al.: clarity about roles is critical).',
      'Set up structures of communication between teams: a short regular round-up of what each team is working on.',
      'Tie every led piece of work to one of the school priorities so that distributed efforts pull in the same direction.',
    ],
    share: 'Show partner schools the structures that keep shared leadership coordinated here.',
  },
}

export const FLAG_GUIDANCE = {
  silos: {
    title: 'Risk: silos',
    nextSteps: [
      'Set up structures of communication between groups: a regular, short exchange of what each team is doing and needs.',
      'Bring the groups whose views differ most together to discuss the findings: "What are the negative aspects of this way of working, for you and for others?"',
      'Form one or two cross-team groups around a shared priority.',
    ],
  },
  strategic_direction: {
    title: 'Risk: a lack of overall strategic direction',
    nextSteps: [
      'Agree a small number of school priorities with staff and link each piece of led work to one of them.',
      'Make clear who leads what, and how the pieces fit: leadership needs to be coordinated as well as distributed.',
      'Watch for teams that see themselves in competition; give them shared goals.',
    ],
  },
  slow_decisions: {
    title: 'Risk: slow decision-making',
    nextSteps: [
      'For each decision, say who decides, by when, and who is consulted: taking views into account need not mean waiting for everyone.',
      'Delegate decisions to the people leading the work, within clear limits.',
      'Review which decisions stalled this year and why.',
    ],
  },
} as const

export type FlagId = keyof typeof FLAG_GUIDANCE

/** The next steps in one language: per scale, and per risk flag. */
export interface Guidance {
  scales: Record<ScaleId, ScaleGuidance>
  flags: Record<FlagId, readonly string[]>
}

/** The next steps in English: the texts above. */
export const GUIDANCE: Guidance = {
  scales: SCALE_GUIDANCE,
  flags: { silos: FLAG_GUIDANCE.silos.nextSteps, strategic_direction: FLAG_GUIDANCE.strategic_direction.nextSteps, slow_decisions: FLAG_GUIDANCE.slow_decisions.nextSteps },
}

/** The next steps in `language` (a translation is loaded when first asked for), as the report page shows them. */
export async function guidanceIn(language: Language): Promise<Guidance> {
  return language === 'cy' ? (await import('./guidance.cy.ts')).guidanceCy : GUIDANCE
}
