import { byScale, type Instrument, type ScaleId } from '../instrument/types.ts'
import type { PlacementSectionResult, ScaleMeans, SurveyReport } from '../schemas/reports.ts'
import type { OverviewSchool, TrustOverview } from '../schemas/trusts.ts'
import { NORM_MIN_SCHOOLS, NORM_MIN_TRUSTS, placeAmong, type NormRow } from './norms.ts'
import { disclose, type ReleasePlan } from './anonymity.ts'
import type { Cycle } from './cycles.ts'
import { SCALE_GUIDANCE } from './guidance.ts'
import { responseRate } from './progress.ts'
import { continuumEvidence, itemCountsOf, perceivedVotes, rankScales, scoreSummary } from './report.ts'
import type { SurveyTally } from './tally.ts'

// The trust overview, built from each school's own report figures: every number on it is a number
// that school's report shows, so a school below k, or a withheld cell, stays withheld here too. Trust
// totals and trends pool only the figures those reports disclose (`pooledDisclosed`), scale by
// scale, so removing any school reveals nothing that its own report does not already show.

export interface SchoolCycle {
  schoolId: number
  name: string
  /** The school's latest survey that closed in the cycle, if any. */
  survey: SurveyReport['survey'] | null
  plan: ReleasePlan | null
  /** What that survey's own report discloses (`surveyFigures`); null when it discloses nothing. */
  figures: SurveyFigures | null
}

export interface OverviewInput {
  instrument: Instrument
  /** The questionnaires the trust's closed surveys used, newest first (the overview shows `instrument`'s). */
  instrumentVersions: string[]
  trust: TrustOverview['trust']
  cycle: Cycle | null
  cycles: Cycle[]
  current: SchoolCycle[]
  history: { cycle: Cycle; schools: SchoolCycle[] }[]
  /** The all-schools norm group's stored rows (those that may be shown), for each school's percentiles; null without norms. */
  norms: { label: string; rows: readonly NormRow[] } | null
}

/** How far above a school a partner must be on its priority to be suggested (scale points). */
export const PAIRING_MIN_LEAD = 0.25
export const PAIRING_PARTNERS = 2

const PARTNERSHIP_PROMPTS = [
  'How could you use distributed leadership through partnership working to impact positively on outcomes for pupils?',
  'Would modelling, monitoring and dialogue work equally well with partners external to the school, particularly without regular face-to-face contact? How would you manage each?',
]

const isoCycle = (c: Cycle) => ({ id: c.id, label: c.label, from: c.from.toISOString(), to: c.to.toISOString() })

/**
 * What a released survey's own report discloses of it that the trust overview and the trust
 * comparison use, and nothing more: built from the disclosed tally by the same functions as the
 * report (shared/domain/report.ts), so each figure equals the one on the school's own report,
 * without building the rest of it (items, groups, advice, texts). Small and fixed once the survey
 * has closed, so it is stored beside the stored tally (server/modules/reports/tally-source.ts) and
 * other schools are read as these figures, never as tallies.
 */
export interface SurveyFigures {
  responseCount: number
  scales: DisclosedScales
  perceivedNow: SurveyReport['continuum']['perceived']['now']
  evidence: SurveyReport['continuum']['evidence']
  /** dl-v2 onwards (absent for dl-v1): the placement's most likely pattern and its probability, as the report shows them. */
  placement?: { mostLikely: number; probability: number } | null
}

/** The figures of a survey whose plan releases it (withheld cells stay null, as on its report). */
export function surveyFigures(instrument: Instrument, tally: SurveyTally, plan: ReleasePlan, k: number, placement: PlacementSectionResult | null = null): SurveyFigures {
  const counts = itemCountsOf(instrument)
  const disclosed = disclose(tally, plan, k, counts)
  const figures: SurveyFigures = {
    responseCount: plan.includedResponses,
    scales: scalesOf(instrument, disclosed),
    perceivedNow: perceivedVotes(disclosed.now),
    // dl-v2: the placement is the evidence position; the old index is not shown beside it (docs/scoring.md)
    evidence: instrument.patternBlock ? null : continuumEvidence(disclosed, counts),
  }
  if (instrument.patternBlock) figures.placement = placement && { mostLikely: placement.mostLikely, probability: placement.probabilities[placement.mostLikely - 1]! }
  return figures
}

/** The overview's view of a school's figures: they, its response rate and its priorities (ranked as its report ranks them). */
interface Figures extends SurveyFigures {
  responseRate: number | null
  priorities: ScaleId[]
}

interface SchoolResult {
  school: SchoolCycle
  status: OverviewSchool['status']
  report: Figures | null
}

function resultOf(school: SchoolCycle): SchoolResult {
  if (!school.survey || !school.plan) return { school, status: 'no_survey', report: null }
  if (!school.plan.released || !school.figures) return { school, status: 'below_k', report: null }
  const figures = school.figures
  const { ranked, count } = rankScales(figures.scales)
  const rate = responseRate(figures.responseCount, school.survey.expectedStaff)
  return {
    school,
    status: 'reportable',
    report: {
      ...figures,
      responseRate: rate === null ? null : Math.round(rate * 10_000) / 10_000,
      priorities: ranked.slice(-count).reverse().map((s) => s.id),
    },
  }
}

function meansOf(instrument: Instrument, report: Figures | null): ScaleMeans {
  return byScale(instrument, (_, i) => report?.scales[i]?.mean ?? null) // the figures' scales follow the instrument's order
}

/** A school's scale figures exactly as its own report discloses them: mean and n, null where withheld. */
export type DisclosedScales = readonly { id: ScaleId; mean: number | null; n: number | null }[]

function scalesOf(instrument: Instrument, disclosed: ReturnType<typeof disclose>): DisclosedScales {
  return instrument.scales.map((s) => {
    const bins = disclosed.overall[s.id]
    const summary = bins ? scoreSummary(bins, s.items.length) : null
    return { id: s.id, mean: summary?.mean ?? null, n: summary?.n ?? null }
  })
}

/**
 * Trust-level scale means pooled from what each school's own report discloses (DESIGN.md §4.7):
 * a scale's mean is the mean of the schools' disclosed means for it, weighted by their disclosed n.
 * A scale a school's report withholds, or a school with no report, adds nothing, so no trust figure
 * rests on anything fewer than k people said.
 */
export function pooledDisclosed(instrument: Instrument, schools: readonly DisclosedScales[]): ScaleMeans {
  const sums = new Map<ScaleId, { weighted: number; n: number }>()
  for (const scales of schools) {
    for (const { id, mean, n } of scales) {
      if (mean === null || n === null || n <= 0) continue
      const sum = sums.get(id) ?? { weighted: 0, n: 0 }
      sums.set(id, { weighted: sum.weighted + mean * n, n: sum.n + n })
    }
  }
  return byScale(instrument, (id) => {
    const sum = sums.get(id)
    return sum ? sum.weighted / sum.n : null
  })
}

/** Trust means over reportable schools, from their disclosed figures: weighted by respondents, and the mean of school means. */
function trustMeans(instrument: Instrument, results: readonly SchoolResult[]) {
  const reports = results.flatMap((r) => (r.status === 'reportable' && r.report ? [r.report] : []))
  const weighted = pooledDisclosed(instrument, reports.map((r) => r.scales))
  const unweighted = byScale(instrument, (_, i) => {
    const means = reports.map((r) => r.scales[i]?.mean ?? null).filter((m): m is number => m !== null)
    return means.length ? means.reduce((a, b) => a + b, 0) / means.length : null
  })
  return { weighted, unweighted }
}

/**
 * Each scale's percentile among all schools, from what the school's report discloses: none where
 * its mean is withheld (or it is below k) or the group's row may not be shown, as on its report.
 */
function percentilesOf(instrument: Instrument, means: ScaleMeans, rows: readonly NormRow[]): OverviewSchool['percentiles'] {
  return byScale(instrument, (id) => {
    const mean = means[id]
    const row = rows.find((r) => r.measure === id)
    return mean === null || mean === undefined || !row ? null : placeAmong(mean, row.percentiles)
  })
}

function normsNote(norms: OverviewInput['norms']): TrustOverview['norms'] {
  const label = norms?.label ?? 'All schools'
  if (!norms || norms.rows.length === 0) {
    return { label, note: `No percentiles yet: they place each school among all schools once at least ${NORM_MIN_SCHOOLS} schools from at least ${NORM_MIN_TRUSTS} trusts have results in the last 12 months.` }
  }
  const schools = Math.max(...norms.rows.map((r) => r.schools))
  return { label, note: `Percentiles place each school's mean among all schools with results in the last 12 months (up to ${schools} schools): the 50th is the middle school, the 90th higher than nine in ten.` }
}

export function buildOverview({ instrument, instrumentVersions, trust, cycle, cycles, current, history, norms }: OverviewInput): TrustOverview {
  const results = current.map((school) => resultOf(school))
  const reportable = results.filter((r) => r.status === 'reportable')
  const suppression: string[] = []

  const schools: OverviewSchool[] = results.map(({ school, status, report }) => {
    const means = meansOf(instrument, report)
    if (status === 'below_k') suppression.push(`${school.name}: fewer than ${school.survey!.k} responses, so no figures are shown.`)
    if (status === 'no_survey') suppression.push(`${school.name}: no survey closed in this cycle.`)
    const evidence = report?.evidence ?? null
    const now = report?.perceivedNow ?? null
    return {
      schoolId: school.schoolId,
      name: school.name,
      status,
      k: school.survey?.k ?? null,
      surveyId: school.survey?.id ?? null,
      surveyTitle: school.survey?.title ?? null,
      responseCount: report ? report.responseCount : null,
      expectedStaff: report ? school.survey!.expectedStaff : null,
      responseRate: report ? report.responseRate : null,
      scales: means,
      percentiles: percentilesOf(instrument, means, norms?.rows ?? []),
      continuum: report
        ? {
            perceivedMedian: now?.median ?? null,
            perceivedQ1: now?.q1 ?? null,
            perceivedQ3: now?.q3 ?? null,
            evidencePattern: report.placement?.mostLikely ?? evidence?.pattern ?? null,
            evidenceProbability: report.placement?.probability ?? null,
            distributionIndex: evidence?.distribution.index ?? null,
            coordinationIndex: evidence?.coordination.index ?? null,
          }
        : null,
      priorities: report ? report.priorities : [],
    }
  })

  const { weighted, unweighted } = trustMeans(instrument, results)
  const withStaff = reportable.filter((r) => r.school.survey!.expectedStaff)
  const staff = withStaff.reduce((n, r) => n + r.school.survey!.expectedStaff!, 0)

  const reportableSchools = schools.filter((other) => other.status === 'reportable')
  const pairings = schools.flatMap((school) =>
    school.priorities.flatMap((scaleId) => {
      const mean = school.scales[scaleId]
      if (mean === null) return []
      const partners = reportableSchools
        .filter((other) => other.schoolId !== school.schoolId)
        .map((other) => ({ schoolId: other.schoolId, name: other.name, mean: other.scales[scaleId] }))
        .filter((p): p is { schoolId: number; name: string; mean: number } => p.mean !== null && p.mean - mean >= PAIRING_MIN_LEAD)
        .sort((a, b) => b.mean - a.mean)
        .slice(0, PAIRING_PARTNERS)
      if (partners.length === 0) return []
      const scale = instrument.scales.find((s) => s.id === scaleId)!
      return [{ schoolId: school.schoolId, scaleId, scaleName: scale.name, mean, partners, prompts: [SCALE_GUIDANCE[scaleId].share, ...PARTNERSHIP_PROMPTS] }]
    }),
  )

  const trends = history.map(({ cycle: c, schools: inputs }) => {
    const cycleResults = inputs.map((school) => resultOf(school))
    return {
      cycle: isoCycle(c),
      schools: cycleResults.map((r) => ({
        schoolId: r.school.schoolId,
        status: r.status,
        scales: meansOf(instrument, r.report),
        evidencePattern: r.report?.placement?.mostLikely ?? r.report?.evidence?.pattern ?? null,
      })),
      trust: trustMeans(instrument, cycleResults).weighted,
    }
  })

  return {
    trust,
    instrumentVersion: instrument.id,
    instrumentVersions,
    cycle: cycle ? isoCycle(cycle) : null,
    cycles: cycles.map(isoCycle),
    schools,
    totals: {
      schoolsReportable: reportable.length,
      responseCount: reportable.reduce((n, r) => n + r.report!.responseCount, 0),
      responseRate: staff > 0 ? withStaff.reduce((n, r) => n + r.report!.responseCount, 0) / staff : null,
      weighted,
      unweighted,
    },
    pairings,
    trends,
    suppression,
    norms: normsNote(norms),
  }
}
