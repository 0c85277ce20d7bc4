import type { SurveyReport } from '../schemas/reports.ts'
import type { TrustOverview } from '../schemas/trusts.ts'

// The 30-second summary: one or two short sentences in plain words at the top of the school report
// and of the trust overview, for a head or a trust leader who reads nothing else. Built only from
// what the API disclosed (a withheld figure is never guessed at), and never surer than the figures:
// where the evidence could be more than one pattern it says "about", where two scales' intervals
// overlap it says they are close, and a top scale below the scale's midpoint is called "relatively
// strongest, though still low".

/** Below the answer scale's midpoint ("neither agree nor disagree"): staff lean towards disagreeing. */
export const LOW_MEAN = 3

const ANARCHY = 7

type Label = (pattern: number) => string

const mean2 = (x: number) => x.toFixed(2)

/** "Shared power and authority" inside a sentence: its first letter lower case ("synergy"). */
const lower = (name: string) => name.charAt(0).toLowerCase() + name.slice(1)

/** The words a school report's summary is made of, kept per language in the leaders' catalogues (client/src/lead/messages). */
export type SummaryKey =
  | 'report.summary.aim'
  | 'report.summary.placement'
  | 'report.summary.uncoordinated'
  | 'report.summary.certain'
  | 'report.summary.band'
  | 'report.summary.perceived'
  | 'report.summary.none'
  | 'report.summary.strongest'
  | 'report.summary.strongestLow'
  | 'report.summary.overlap'
  | 'report.summary.withScales'
/** A catalogue's message function (the leaders' app's `t`), in the reader's language. */
export type Say = (key: SummaryKey, values?: Record<string, string | number>) => string

/**
 * The summary of a released school report, in the language of `say`; null when the report shows
 * nothing yet. `placement` is a dl-v2 placement in words, in the same language.
 */
export function reportSummary(report: SurveyReport, label: Label, say: Say, placement: string | null): string | null {
  if (!report.released) return null
  const school = report.survey.schoolName
  const { evidence, perceived } = report.continuum
  const aim = perceived.aim ? say('report.summary.aim', { pattern: label(perceived.aim.median) }) : ''
  let where: string
  if (report.placement && placement !== null) {
    // dl-v2: the placement's own words, which already say how sure it is
    where = say('report.summary.placement', { school, words: placement, aim })
  } else if (evidence?.uncoordinated) {
    where = say('report.summary.uncoordinated', { school, pattern: label(evidence.pattern), aim })
  } else if (evidence) {
    where =
      evidence.bandLow === evidence.bandHigh
        ? say('report.summary.certain', { school, pattern: label(evidence.pattern), aim })
        : say('report.summary.band', { school, pattern: label(evidence.pattern), low: label(evidence.bandLow), high: label(evidence.bandHigh), aim })
  } else if (perceived.now) {
    where = say('report.summary.perceived', { school, pattern: label(perceived.now.median), aim })
  } else {
    where = say('report.summary.none', { school })
  }

  const scaleOf = (id: string | undefined) => report.scales.find((s) => s.id === id && s.mean !== null)
  const strength = scaleOf(report.strengths[0]?.id)
  const priority = scaleOf(report.priorities[0]?.id)
  if (!strength || !priority || strength.id === priority.id) return where
  const strongest = say(strength.mean! < LOW_MEAN ? 'report.summary.strongestLow' : 'report.summary.strongest', { scale: strength.name, mean: mean2(strength.mean!) })
  const overlap = strength.ciLow !== null && priority.ciHigh !== null && strength.ciLow <= priority.ciHigh ? say('report.summary.overlap') : ''
  return say('report.summary.withScales', { where, strongest, priority: lower(priority.name), mean: mean2(priority.mean!), overlap })
}

/** The headline across a trust's schools for the overview's cycle; null when there is no cycle. */
export function overviewSummary(overview: TrustOverview, label: Label, scaleNames: Readonly<Record<string, string>>): string | null {
  if (!overview.cycle) return null
  const total = overview.schools.length
  const placed = overview.schools.filter((s) => s.status === 'reportable' && s.continuum?.evidencePattern != null)
  const withFigures = overview.totals.schoolsReportable
  const of = `${withFigures} of ${total} ${total === 1 ? 'school has' : 'schools have'} figures for ${overview.cycle.label}`
  if (withFigures === 0) return `${of}: none had enough responses to show, so there is nothing to compare yet.`

  const ordered = placed.filter((s) => s.continuum!.evidencePattern !== ANARCHY).sort((a, b) => a.continuum!.evidencePattern! - b.continuum!.evidencePattern!)
  const anarchic = placed.filter((s) => s.continuum!.evidencePattern === ANARCHY)
  const at = (s: (typeof placed)[number]) => `${s.name} at ${label(s.continuum!.evidencePattern!)}`
  let spread = ''
  if (ordered.length === 1) spread = `: staff's answers place ${at(ordered[0]!)}`
  else if (ordered.length > 1) {
    const low = ordered[0]!
    const high = ordered.at(-1)!
    spread =
      low.continuum!.evidencePattern === high.continuum!.evidencePattern
        ? `: staff's answers place all ${ordered.length} at ${label(low.continuum!.evidencePattern!)}`
        : `: staff's answers place them from ${at(low)} to ${at(high)}`
  }
  const alert = anarchic.length
    ? `${spread ? ', and' : ':'} ${anarchic.map((s) => s.name).join(' and ')} ${anarchic.length === 1 ? 'is' : 'are'} at ${label(ANARCHY)} (widely shared but little coordinated)`
    : ''
  const first = `${of}${spread}${alert}.`

  const means = Object.entries(overview.totals.weighted).map(([id, mean]) => ({ id, mean })).filter((m) => m.mean !== null && scaleNames[m.id]).sort((a, b) => b.mean! - a.mean!)
  if (means.length < 2) return first
  const top = means[0]!
  const bottom = means.at(-1)!
  const topWords =
    top.mean! < LOW_MEAN
      ? `${scaleNames[top.id]} is relatively the strongest, though still low (${mean2(top.mean!)} of 5)`
      : `${scaleNames[top.id]} is the strongest (${mean2(top.mean!)} of 5)`
  return `${first} Across the trust ${lower(topWords)} and ${lower(scaleNames[bottom.id]!)} the lowest (${mean2(bottom.mean!)}).`
}
