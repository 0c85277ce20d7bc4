import { estimatedMinutes } from '../instrument/length.ts'
import type { Instrument, ScaleId } from '../instrument/types.ts'
import type { ScaleChange } from '../schemas/actions.ts'
import type { SurveyReport } from '../schemas/reports.ts'
import { remeasureScale } from './action-plan.ts'

// A pulse check (docs/scoring.md, "Pulse checks"): a short survey between full cycles of only the
// scales a plan's actions aim at. Its questionnaire is the survey's instrument cut down to those
// scales' statements, with their keying as it is (dl-v2's reverse-keyed items stay reverse-keyed,
// so scores stay comparable with the full survey). It asks nothing else:
// - no continuum vignettes and no dl-v2 paired statements, origin or leadership map: none of them
//   is a target of an action, and each lengthens a survey meant to take two or three minutes;
// - no role question: a pulse check is answered by fewer people than a full survey, so its role
//   groups would almost all be withheld (below k, or hidden with them), and a role kept with a
//   response in a small survey is a re-identification risk with nothing shown in return;
// - no comments: their threshold (max(k, 10) responses) is rarely met by a pulse check, and
//   comments written between cycles are easier to attribute.

/** The questionnaire a pulse check asks: the instrument restricted to `scales`, in the instrument's order. */
export function pulseInstrument(instrument: Instrument, scales: readonly ScaleId[]): Instrument {
  const wanted = new Set(scales)
  const { patternBlock: _pairs, leadershipMap: _map, ...rest } = instrument
  const asked: Instrument = {
    ...rest,
    scales: instrument.scales.filter((s) => wanted.has(s.id)),
    continuum: { ...instrument.continuum, patterns: [] },
    roles: [],
    prompts: [],
  }
  return { ...asked, estimatedMinutes: Math.max(1, Math.ceil(estimatedMinutes(asked))) }
}

/** Whether an instrument asks the questions beyond the statements (a full survey does; a pulse check does not). */
export function asksBeyondStatements(instrument: Instrument): boolean {
  return instrument.continuum.patterns.length > 0 || instrument.roles.length > 0 || instrument.prompts.length > 0
}

/**
 * A pulse check's result for each scale it asks: its figure beside the plan's survey's, both as
 * their reports show them, and the change in the plan's re-measurement words (`remeasureScale`).
 * Nothing is shown until the pulse check's own report is released; a scale either report
 * withholds has no comparison.
 */
export function pulseResults(
  scales: readonly { id: ScaleId; name: string }[],
  plan: Pick<SurveyReport, 'scales'> & { title: string },
  pulse: Pick<SurveyReport, 'scales' | 'released' | 'releaseNote'> & { title: string },
): ScaleChange[] {
  if (!pulse.released) {
    const words = pulse.releaseNote ?? 'No results yet.'
    return scales.map((s) => ({ id: s.id, name: s.name, before: null, after: null, change: null, words }))
  }
  const labels = { before: `"${plan.title}"`, after: `"${pulse.title}"` }
  return scales.map((s) => remeasureScale(s, plan.scales.find((x) => x.id === s.id), pulse.scales.find((x) => x.id === s.id), labels))
}
