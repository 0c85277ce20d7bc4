import type { Advice, ReportNorms, ScaleResult, SurveyReport } from '../schemas/reports.ts'
import { SCALE_GUIDANCE } from './guidance.ts'
import { DIMENSION_MEASURE_PREFIX, NORM_MIN_SCHOOLS, NORM_MIN_TRUSTS, percentileOf, PLACEMENT_MEASURE, standingOf, type NormRow } from './norms.ts'
import { MODEL_DIMENSIONS } from './placement.ts'
import { rankScales } from './report.ts'
import type { SchoolPhase, StaffBand } from '../schemas/organisations.ts'

// The report's norms section, and strengths and priorities chosen by where each scale stands among
// similar schools rather than by the raw means (docs/scoring.md "Norms"): a raw mean follows how
// hard a scale's statements are to agree with, the same in every school; a percentile says how the
// school compares with schools that answered the same statements.

/** A norm group as the report uses it: its name and its stored rows (one per scale it may show). */
export interface ReportNormGroup { kind: 'all' | 'similar'; label: string; phase: SchoolPhase | null; staffBand: StaffBand | null; rows: readonly NormRow[] }

const fmt = (x: number) => x.toFixed(2)

/**
 * The report with its norms: each scale's standing in each group, and strengths and priorities
 * relative to the similar schools (else all schools) where that group covers every scale with a
 * mean; else by the means, with a note saying so.
 */
export function withNorms(report: SurveyReport, groups: readonly ReportNormGroup[], contextComplete: boolean): SurveyReport {
  if (!report.released) return report
  const rowOf = (kind: 'all' | 'similar', measure: string) => groups.find((g) => g.kind === kind)?.rows.find((r) => r.measure === measure) ?? null
  /** A measure's standing in both groups, from the school's figure with its interval (null: withheld). */
  const standings = (measure: string, figure: { mean: number; low: number | null; high: number | null } | null) => {
    const standing = (kind: 'all' | 'similar') => {
      const row = rowOf(kind, measure)
      return row && figure ? standingOf(figure.mean, figure.low, figure.high, row.percentiles) : null
    }
    return {
      all: standing('all'),
      similar: standing('similar'),
      allMedian: rowOf('all', measure)?.percentiles[2] ?? null,
      similarMedian: rowOf('similar', measure)?.percentiles[2] ?? null,
      allSchools: rowOf('all', measure)?.schools ?? null,
      similarSchools: rowOf('similar', measure)?.schools ?? null,
    }
  }
  const scales: ReportNorms['scales'] = report.scales.map((s) => ({ id: s.id, ...standings(s.id, s.mean === null ? null : { mean: s.mean, low: s.ciLow, high: s.ciHigh }) }))
  const placement = report.placement
  const dimensions: ReportNorms['dimensions'] = placement
    ? MODEL_DIMENSIONS.map((id) => {
        const d = placement.dimensions[id]
        return { id, ...standings(`${DIMENSION_MEASURE_PREFIX}${id}`, d && { mean: d.mean, low: d.low, high: d.high }) }
      })
    : []
  const shares = (kind: 'all' | 'similar') => rowOf(kind, PLACEMENT_MEASURE)?.percentiles ?? null
  const withMean = report.scales.filter((s) => s.mean !== null)
  const covers = (kind: 'all' | 'similar') => withMean.length > 0 && withMean.every((s) => rowOf(kind, s.id) !== null)
  const basis = covers('similar') ? 'similar' : covers('all') ? 'all' : null
  const shownGroups = groups.filter((g) => g.rows.length > 0).map((g) => ({ kind: g.kind, label: g.label, phase: g.phase, staffBand: g.staffBand }))
  const basisLabel = groups.find((g) => g.kind === basis)?.label.toLowerCase()
  const minimum = `at least ${NORM_MIN_SCHOOLS} schools from at least ${NORM_MIN_TRUSTS} trusts with results in the last 12 months`
  const note =
    basis !== null
      ? `Strengths and priorities are chosen by where each scale stands among ${basisLabel}, not by the raw means: some statements are harder to agree with in every school.`
      : `Strengths and priorities are the highest and lowest means: no comparison group covers every scale yet (a group needs ${minimum})${contextComplete ? '' : "; setting the school's phase and number of staff on the school page compares it with similar schools"}.`
  const advice = basis ? relativeAdvice(report.scales, (s) => rowOf(basis, s.id)!, basisLabel!) : { strengths: report.strengths, priorities: report.priorities }
  return { ...report, ...advice, norms: { groups: shownGroups, scales, dimensions, placement: placement ? { all: shares('all'), similar: shares('similar') } : null, basis, note, contextComplete } }
}

/** The scales standing highest and lowest in the group, each with the same next steps as the raw ranking gives. */
function relativeAdvice(scales: readonly ScaleResult[], rowOf: (s: ScaleResult) => NormRow, groupLabel: string): Pick<SurveyReport, 'strengths' | 'priorities'> {
  const placed = scales.map((s) => ({ scale: s, mean: s.mean === null ? null : percentileOf(s.mean, rowOf(s).percentiles).percentile }))
  const { ranked, count } = rankScales(placed)
  const evidence = ({ scale }: (typeof placed)[number]) => {
    const row = rowOf(scale)
    const at = standingOf(scale.mean!, scale.ciLow, scale.ciHigh, row.percentiles)
    return `Relative to ${groupLabel}: ${at.wording} (mean ${fmt(scale.mean!)} of 5; their median ${fmt(row.percentiles[2]!)}).`
  }
  const strengths: Advice[] = ranked.slice(0, count).map((p) => ({ id: p.scale.id, title: p.scale.name, evidence: evidence(p), nextSteps: [SCALE_GUIDANCE[p.scale.id].share] }))
  const priorities: Advice[] = ranked.slice(-count).reverse().map((p) => ({ id: p.scale.id, title: p.scale.name, evidence: evidence(p), nextSteps: [...SCALE_GUIDANCE[p.scale.id].improve] }))
  return { strengths, priorities }
}
