import type { Kysely } from 'kysely'
import { disclose, planRelease, releaseInput, type ReleasePlan } from '../../../shared/domain/anonymity.ts'
import { buildReport, itemCountsOf } from '../../../shared/domain/report.ts'
import { codebookCsv, reportCsv } from '../../../shared/domain/report-csv.ts'
import { surveyPhase } from '../../../shared/domain/survey-phase.ts'
import { closedOn, inSaneRange, SANE_YEARS, TERM_ID, termOf, type Term } from '../../../shared/domain/cycles.ts'
import { pooledDisclosed } from '../../../shared/domain/overview.ts'
import type { Language } from '../../../shared/instrument/languages.ts'
import { instrumentIn } from '../../../shared/instrument/translations.ts'
import { byScale, type Instrument } from '../../../shared/instrument/types.ts'
import { requireInstrument } from '../../../shared/instrument/versions.ts'
import type { SurveyReport } from '../../../shared/schemas/reports.ts'
import type { Database } from '../../db/schema.ts'
import { NotFoundError } from '../../errors.ts'
import { reportWordsIn } from '../../messages.ts'
import type { Principal } from '../auth/access.ts'
import * as repo from './reports.repository.ts'
import { findPreviousSurvey, findSurvey, latestWithFigures, listOtherSchoolsTermSurveys, reportMeta, type SurveyRecord } from '../surveys/surveys.service.ts'
import type { TallySource } from './tally-source.ts'
import type { NormService } from '../norms/norms.service.ts'
import { withNorms } from '../../../shared/domain/norms-report.ts'

/** A report compares with the rest of the trust only when at least this many other schools have figures in the term. */
export const MIN_OTHER_SCHOOLS = 3

export function createReportService({ db, tallySource, norms, now = () => new Date() }: { db: Kysely<Database>; tallySource: TallySource; /** Without it (tools that need no norms), reports carry none. */ norms?: NormService; now?: () => Date }) {
  const instrumentOf = (survey: SurveyRecord): Instrument => requireInstrument(survey.instrumentVersion)

  function planFor(survey: SurveyRecord): ReleasePlan {
    return planRelease(releaseInput(survey, surveyPhase(survey, now()), now()))
  }

  /** Scale means of one survey, as an overlay, if that survey's own rules release them: its stored figures, never its tally. */
  async function overlayOf(survey: SurveyRecord, label: string): Promise<SurveyReport['overlays']['previous']> {
    const instrument = instrumentOf(survey)
    const figures = (await tallySource.figures([survey], instrument)).get(survey.id)
    if (!figures) return null
    return { label, basis: `${figures.responseCount} responses`, responses: figures.responseCount, schools: null, scales: byScale(instrument, (_, i) => figures.scales[i]?.mean ?? null) }
  }

  type TrustComparison = Pick<SurveyReport['overlays'], 'trust' | 'trustNote' | 'trustWhy'>

  /**
   * The comparison with the rest of the trust on a school's report (DESIGN.md §4.7). Nothing a
   * school leader can do steers it: it is the term the survey closed in, fixed; it leaves out the
   * school's own respondents; it is shown only once that term has ended, so it cannot change while
   * anyone watches; and only when at least `MIN_OTHER_SCHOOLS` other schools have figures in that
   * term. Each of them counts with its latest survey of the term that has figures (so a survey
   * closed with no responses, or a new survey opened since, changes nothing), and only with what its
   * own report discloses, scale by scale.
   */
  async function trustComparison(survey: SurveyRecord): Promise<TrustComparison> {
    if (survey.trustId === null) return { trust: null, trustNote: null, trustWhy: null }
    const closed = closedOn(survey)
    const why = { term: null, appearsOn: null, otherSchools: null, responses: null, minSchools: MIN_OTHER_SCHOOLS }
    if (!inSaneRange(closed)) {
      return { trust: null, trustNote: `No comparison with the rest of the trust: this survey's dates fall outside the years ${SANE_YEARS}.`, trustWhy: { ...why, status: 'out_of_range' } }
    }
    const term = termOf(closed)
    const [, year, season] = TERM_ID.exec(term.id)! as unknown as [string, string, Term]
    const inTerm = { ...why, term: { year: Number(year), season } }
    if (now() < term.to) {
      const ends = term.to.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
      return {
        trust: null,
        trustNote: `The comparison with the rest of the trust in ${term.label} appears on ${ends}, once that term has ended, so that it cannot change while anyone watches.`,
        trustWhy: { ...inTerm, status: 'pending', appearsOn: term.to.toISOString().slice(0, 10) },
      }
    }
    const instrument = instrumentOf(survey)
    const surveys = await listOtherSchoolsTermSurveys(db, { trustId: survey.trustId, schoolId: survey.schoolId, instrumentVersion: survey.instrumentVersion, from: term.from, to: term.to })
    const others = [...latestWithFigures(surveys, now()).values()]
    if (others.length < MIN_OTHER_SCHOOLS) {
      return {
        trust: null,
        trustNote: `No comparison with the rest of the trust in ${term.label}: it needs at least ${MIN_OTHER_SCHOOLS} other schools with results in that term, so that no one school's figures can be worked out from it.`,
        trustWhy: { ...inTerm, status: 'too_few' },
      }
    }
    // Other schools only as the figures their own reports show, stored beside their tallies: never their tallies.
    const figures = await tallySource.figures(others, instrument)
    const scales = pooledDisclosed(instrument, others.map((s) => figures.get(s.id)!.scales))
    const responses = others.reduce((n, s) => n + planFor(s).includedResponses, 0)
    return {
      trust: { label: `Rest of the trust, ${term.label}`, basis: `${others.length} other schools, ${responses} responses`, responses, schools: others.length, scales },
      trustNote: `Compared with the rest of the trust in ${term.label} (${others.length} other schools, ${responses} responses): your own school is left out, and each school counts only with the figures its own report shows.`,
      trustWhy: { ...inTerm, status: 'compared', otherSchools: others.length, responses },
    }
  }

  return {
    /** The report, its instrument's words (scale names, statements, patterns) in `language`. */
    async getReport(surveyId: number, principal: Principal, language: Language = 'en'): Promise<SurveyReport> {
      const survey = await findSurvey(db, surveyId)
      if (!survey) throw new NotFoundError('There is no such survey.')
      const instrument = instrumentOf(survey)
      const plan = planFor(survey)
      // The survey's own figures, its comments, its two overlays and its norm groups need nothing of each
      // other: ask for them at once (comments only where the plan lets them out; shown only if enough people answered).
      const [tally, previous, { trust, trustNote, trustWhy }, comments, normGroups] = await Promise.all([
        plan.released ? tallySource.tallies([survey], instrument).then((t) => t.get(survey.id)!) : null,
        findPreviousSurvey(db, survey, now()).then((p) => (p ? overlayOf(p, p.title) : null)),
        plan.released ? trustComparison(survey) : { trust: null, trustNote: null, trustWhy: null },
        plan.released && plan.groupsAndComments ? repo.listCommentsShuffled(db, survey.id, now()) : [],
        plan.released && norms ? norms.reportGroups(survey.schoolId, survey.instrumentVersion) : null,
      ])
      const disclosed = tally ? disclose(tally, plan, survey.k, itemCountsOf(instrument)) : null
      // after the tally: a closed survey's stored row, which keeps its placement, exists by now
      const placement = tally && instrument.patternBlock ? (await tallySource.placements([survey], instrument)).get(survey.id)! : null
      const report = buildReport({
        placement,
        instrument: await instrumentIn(instrument, language),
        survey: reportMeta(survey, now()),
        plan,
        disclosed,
        comments: disclosed?.commentsVisible ? comments : [],
        overlays: { previous, trust, trustNote, trustWhy },
      })
      return normGroups ? withNorms(report, normGroups.groups, normGroups.contextComplete) : report
    },

    async exportReport(surveyId: number, principal: Principal, part: 'data' | 'codebook', language: Language = 'en'): Promise<string> {
      if (part === 'data') {
        const report = await this.getReport(surveyId, principal, language)
        // English keeps the report's own sentences, exactly; another language words them from its codes and figures
        if (language === 'en') return reportCsv(report)
        return reportCsv(report, { words: reportWordsIn(language), instrument: await instrumentIn(requireInstrument(report.survey.instrumentVersion), language) })
      }
      const survey = await findSurvey(db, surveyId)
      if (!survey) throw new NotFoundError('There is no such survey.')
      return codebookCsv(await instrumentIn(instrumentOf(survey), language), language)
    },
  }
}
export type ReportService = ReturnType<typeof createReportService>
