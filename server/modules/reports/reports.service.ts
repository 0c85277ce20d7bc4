import type { Kysely } from 'kysely'
import { disclose, planRelease, type ReleasePlan } from '../../../shared/domain/anonymity.ts'
import { buildReport, itemCountsOf, scoreSummary } from '../../../shared/domain/report.ts'
import { codebookCsv, reportCsv } from '../../../shared/domain/report-csv.ts'
import { surveyPhase } from '../../../shared/domain/survey-phase.ts'
import { pooledMeans } from '../../../shared/domain/overview.ts'
import type { Instrument } from '../../../shared/instrument/types.ts'
import { findInstrument } from '../../../shared/instrument/versions.ts'
import type { SurveyReport } from '../../../shared/schemas/reports.ts'
import type { Database } from '../../db/schema.ts'
import { NotFoundError } from '../../errors.ts'
import { canAccessTrust, type Principal } from '../auth/access.ts'
import * as repo from './reports.repository.ts'
import { findSurvey, type SurveyRecord } from '../surveys/surveys.repository.ts'
import type { TallySource } from './tally-source.ts'

/** A trust average on a school's report: schools whose surveys closed within this many days of it. */
const CYCLE_DAYS = 120
/** A school leader sees the trust average only when it pools at least this many schools. */
export const MIN_SCHOOLS_FOR_SCHOOL_LEADERS = 3

/** What a report says about its survey. */
export function reportMeta(survey: SurveyRecord, at: Date): SurveyReport['survey'] {
  return {
    id: survey.id,
    title: survey.title,
    schoolId: survey.schoolId,
    schoolName: survey.schoolName,
    phase: surveyPhase(survey, at),
    opensAt: survey.opensAt.toISOString(),
    closesAt: survey.closesAt.toISOString(),
    k: survey.k,
    releaseMode: survey.releaseMode,
    expectedStaff: survey.expectedStaff,
    instrumentVersion: survey.instrumentVersion,
    accessMode: survey.accessMode,
    codeCustodianName: survey.accessMode === 'codes' ? (survey.codeCustodian?.name ?? null) : null,
  }
}

export function createReportService({ db, tallySource, now = () => new Date() }: { db: Kysely<Database>; tallySource: TallySource; now?: () => Date }) {
  function instrumentOf(survey: SurveyRecord): Instrument {
    const instrument = findInstrument(survey.instrumentVersion)
    if (!instrument) throw new Error(`survey ${survey.id} names unknown instrument ${survey.instrumentVersion}`)
    return instrument
  }

  function planFor(survey: SurveyRecord): ReleasePlan {
    return planRelease({ phase: surveyPhase(survey, now()), releaseMode: survey.releaseMode, k: survey.k, responseCount: survey.responseCount })
  }

  /** Scale means of one survey, as an overlay, if that survey's own rules release them. */
  async function overlayOf(survey: SurveyRecord, label: string): Promise<SurveyReport['overlays']['previous']> {
    const plan = planFor(survey)
    if (!plan.released) return null
    const instrument = instrumentOf(survey)
    const tally = (await tallySource.tallies([survey], instrument, { detail: false })).get(survey.id)!
    const disclosed = disclose(tally, plan, survey.k, itemCountsOf(instrument))
    return {
      label,
      basis: `${plan.includedResponses} responses`,
      scales: instrument.scales.map((s) => ({ id: s.id, mean: disclosed.overall[s.id] ? scoreSummary(disclosed.overall[s.id]!, s.items.length).mean : null })),
    }
  }

  /**
   * The trust average for a school's report: every released survey of the trust's schools in the
   * same cycle, pooled (weighted by respondents). Each school counts only where it meets its own k.
   */
  async function trustOverlay(survey: SurveyRecord, principal: Principal): Promise<SurveyReport['overlays']['trust']> {
    if (survey.trustId === null) return null
    const instrument = instrumentOf(survey)
    const margin = CYCLE_DAYS * 86_400_000
    const cycle = await repo.findTrustCycleSurveys(db, survey.trustId, survey.instrumentVersion, new Date(survey.closesAt.getTime() - margin), new Date(survey.closesAt.getTime() + margin))
    const included = cycle.filter((s) => planFor(s).released)
    const maySee = canAccessTrust(principal, survey.trustId) || included.length >= MIN_SCHOOLS_FOR_SCHOOL_LEADERS
    if (included.length < 2 || !maySee) return null
    const tallies = [...(await tallySource.tallies(included, instrument, { detail: false })).values()]
    return {
      label: 'Trust average',
      basis: `${included.length} schools, ${tallies.reduce((n, t) => n + t.respondents, 0)} responses`,
      scales: pooledMeans(instrument, tallies),
    }
  }

  return {
    async getReport(surveyId: number, principal: Principal): Promise<SurveyReport> {
      const survey = await findSurvey(db, surveyId)
      if (!survey) throw new NotFoundError('There is no such survey.')
      const instrument = instrumentOf(survey)
      const plan = planFor(survey)
      // The survey's own figures and its two overlays need nothing of each other: ask for them at once.
      const [tally, previous, trust] = await Promise.all([
        plan.released ? tallySource.tallies([survey], instrument).then((t) => t.get(survey.id)!) : null,
        repo.findPreviousSurvey(db, survey).then((p) => (p ? overlayOf(p, p.title) : null)),
        plan.released ? trustOverlay(survey, principal) : null,
      ])
      const disclosed = tally ? disclose(tally, plan, survey.k, itemCountsOf(instrument)) : null
      return buildReport({
        instrument,
        survey: reportMeta(survey, now()),
        plan,
        disclosed,
        comments: disclosed?.commentsVisible ? await repo.listCommentsShuffled(db, survey.id) : [],
        overlays: { previous, trust },
      })
    },

    async exportReport(surveyId: number, principal: Principal, part: 'data' | 'codebook'): Promise<string> {
      return part === 'codebook' ? codebookCsv() : reportCsv(await this.getReport(surveyId, principal))
    },
  }
}
export type ReportService = ReturnType<typeof createReportService>
