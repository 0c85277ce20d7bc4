import type { Kysely } from 'kysely'
import { planRelease, releaseInput } from '../../../shared/domain/anonymity.ts'
import { closedOn, parseTermId, rangeCycle, termsOf, type Cycle } from '../../../shared/domain/cycles.ts'
import { buildOverview, type SchoolCycle } from '../../../shared/domain/overview.ts'
import { overviewCodebookCsv, overviewCsv } from '../../../shared/domain/overview-csv.ts'
import { CURRENT_INSTRUMENT_ID, requireInstrument } from '../../../shared/instrument/versions.ts'
import type { TrustOverview, TrustOverviewQuery } from '../../../shared/schemas/trusts.ts'
import type { Database } from '../../db/schema.ts'
import { NotFoundError } from '../../errors.ts'
import type { NormService } from '../norms/norms.service.ts'
import type { TallySource } from '../reports/tally-source.ts'
import { latestWithFigures, listClosedTrustSurveys, reportMeta, type SurveyRecord } from '../surveys/surveys.service.ts'
import * as repo from './trusts.repository.ts'
import { reportWordsIn } from '../../messages.ts'

/** How many terms of history the trends cover. */
export const TREND_TERMS = 6

export function createTrustService({ db, tallySource, norms, now = () => new Date() }: { db: Kysely<Database>; tallySource: TallySource; /** Without it, no percentiles. */ norms?: NormService; now?: () => Date }) {
  return {
    async getOverview(trustId: number, query: TrustOverviewQuery): Promise<TrustOverview> {
      const at = now()
      // at once: a trust that does not exist has no schools and no surveys either
      const [trust, schools, closed] = await Promise.all([repo.findTrust(db, trustId), repo.listTrustSchools(db, trustId), listClosedTrustSurveys(db, trustId, at)])
      if (!trust) throw new NotFoundError('There is no such trust.')
      const asked: Cycle | null = query.cycle ? parseTermId(query.cycle)! : query.from && query.to ? rangeCycle(query.from, query.to) : null
      // One questionnaire at a time (a new version's figures are not comparable with an old one's):
      // the one asked for, else that of the trust's latest closed survey (in the cycle asked for, if
      // any), so a trust whose history is on an earlier version still sees it, and a link to an
      // earlier term finds that term's questionnaire.
      const versions = [...new Set(closed.map((s) => s.instrumentVersion))]
      const inAsked = asked ? closed.find((s) => closedOn(s) >= asked.from && closedOn(s) < asked.to) : undefined
      const instrument = requireInstrument(query.instrument ?? inAsked?.instrumentVersion ?? versions[0] ?? CURRENT_INSTRUMENT_ID)
      const surveys = closed.filter((s) => s.instrumentVersion === instrument.id)

      const cycles = termsOf(surveys.map(closedOn))
      // A survey's plan and its meta are asked for in the cycle and again in its trends: work each out once.
      const once = <T,>(f: (s: SurveyRecord) => T) => {
        const known = new Map<number, T>()
        return (s: SurveyRecord): T => (known.has(s.id) ? known.get(s.id)! : known.set(s.id, f(s)).get(s.id)!)
      }
      const planOf = once((s) => planRelease(releaseInput(s, 'closed', at)))
      const metaOf = once((s) => reportMeta(s, at))

      /**
       * Each school's latest survey with figures that closed within the cycle, or failing that its
       * latest survey that closed there (shown as below k). Surveys come newest first.
       */
      const closedDay = new Map(surveys.map((s) => [s.id, closedOn(s)]))
      const pick = (c: Cycle) => {
        const closedIn = surveys.filter((s) => closedDay.get(s.id)! >= c.from && closedDay.get(s.id)! < c.to)
        const withFigures = latestWithFigures(closedIn, at)
        const latest = new Map<number, SurveyRecord>()
        for (const s of closedIn) if (!latest.has(s.schoolId)) latest.set(s.schoolId, s)
        return new Map(schools.map((school) => [school.id, withFigures.get(school.id) ?? latest.get(school.id)] as const))
      }
      const reportableIn = (c: Cycle) => [...pick(c).values()].some((s) => s !== undefined && planOf(s).released)
      // By default the latest term in which some school has figures: a survey closed with no
      // responses must not leave the trust looking at an empty term.
      const cycle: Cycle | null = asked ?? cycles.find(reportableIn) ?? cycles[0] ?? null
      const trendCycles = cycles.slice(0, TREND_TERMS).reverse()
      const picks = [cycle, ...trendCycles].map((c) => (c ? pick(c) : new Map<number, SurveyRecord | undefined>()))
      const chosen = [...new Map(picks.flatMap((m) => [...m.values()].flatMap((s) => (s ? [[s.id, s] as const] : [])))).values()]
      // Each school only as the figures its own report shows, stored beside its tally (never the tally).
      const [figures, allSchools] = await Promise.all([tallySource.figures(chosen, instrument), norms ? norms.allSchools(instrument.id) : null])

      const inputs = (chosen: Map<number, SurveyRecord | undefined>): SchoolCycle[] =>
        schools.map((school) => {
          const survey = chosen.get(school.id)
          return {
            schoolId: school.id,
            name: school.name,
            survey: survey ? metaOf(survey) : null,
            plan: survey ? planOf(survey) : null,
            figures: survey ? (figures.get(survey.id) ?? null) : null,
          }
        })

      return buildOverview({
        instrument,
        instrumentVersions: versions,
        trust,
        cycle,
        cycles,
        current: inputs(picks[0]!),
        history: trendCycles.map((c, i) => ({ cycle: c, schools: inputs(picks[i + 1]!) })),
        norms: allSchools,
      })
    },

    async exportOverview(trustId: number, query: TrustOverviewQuery): Promise<string> {
      const language = query.lang ?? 'en'
      if (query.part === 'codebook') return overviewCodebookCsv(language)
      // English keeps the overview's own sentences, exactly; another language words them from its codes
      return overviewCsv(await this.getOverview(trustId, query), language === 'en' ? null : reportWordsIn(language))
    },
  }
}
export type TrustService = ReturnType<typeof createTrustService>
