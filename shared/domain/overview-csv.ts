import type { Language } from '../instrument/languages.ts'
import type { TrustOverview } from '../schemas/trusts.ts'
import { cycleWords } from './advice-words.ts'
import { toCsv } from './csv.ts'
import type { Words } from './report-words.ts'

// The trust overview as CSV, long form, written from the overview object alone: a school below k
// has a status row and no figures, exactly as on screen. With `words` (another language than English)
// its sentences are worded from the overview's codes; columns, statuses and measures stay.

export const OVERVIEW_COLUMNS = ['section', 'school_id', 'school', 'status', 'scale_id', 'measure', 'value'] as const

export function overviewCsv(overview: TrustOverview, words: Words | null = null): string {
  const rows: (string | number | null)[][] = [[...OVERVIEW_COLUMNS]]
  const add = (section: string, school: { schoolId: number | null; name: string; status: string }, scaleId: string, measure: string, value: string | number | null) =>
    rows.push([section, school.schoolId ?? '', school.name, school.status, scaleId, measure, value])
  const trust = { schoolId: null, name: overview.trust.name, status: 'trust' }

  add('cycle', trust, '', 'cycle', overview.cycle && words ? cycleWords(overview.cycle.id, words) : overview.cycle?.label ?? null)
  for (const school of overview.schools) {
    add('school', school, '', 'responses', school.responseCount)
    add('school', school, '', 'response_rate', school.responseRate)
    for (const [id, mean] of Object.entries(school.scales)) add('school', school, id, 'mean', mean)
    for (const [id, at] of Object.entries(school.percentiles)) if (at) add('school', school, id, 'percentile_all', at.beyond ? `${at.beyond} ${at.percentile}` : at.percentile)
    if (school.continuum) {
      for (const [measure, value] of Object.entries(school.continuum)) add('continuum', school, '', measure.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), value)
    }
  }
  add('trust', trust, '', 'schools_reportable', overview.totals.schoolsReportable)
  add('trust', trust, '', 'responses', overview.totals.responseCount)
  add('trust', trust, '', 'response_rate', overview.totals.responseRate)
  for (const [id, mean] of Object.entries(overview.totals.weighted)) add('trust', trust, id, 'mean_weighted', mean)
  for (const [id, mean] of Object.entries(overview.totals.unweighted)) add('trust', trust, id, 'mean_unweighted', mean)
  for (const p of overview.pairings) {
    const school = overview.schools.find((s) => s.schoolId === p.schoolId)!
    for (const partner of p.partners) add('pairing', school, p.scaleId, 'learn_from', `${partner.name} (${partner.mean.toFixed(2)})`)
  }
  const notes = !words
    ? overview.suppression
    : overview.schools.flatMap(({ name: school, status, k }) =>
        status === 'below_k' ? [words.t('overview.withheld.belowK', { school, k: k ?? '' })] : status === 'no_survey' ? [words.t('overview.withheld.noSurvey', { school })] : [],
      )
  for (const note of notes) add('suppressed', trust, '', 'note', note)
  return toCsv(rows)
}

const CODEBOOKS: Readonly<Record<Language, readonly (readonly [string, string])[]>> = {
  en: [
    ['column or measure', 'meaning'],
    ['section', 'cycle; school: a school\'s figures; continuum: its position; trust: the trust\'s totals; pairing: a suggested partner; suppressed: what is withheld and why'],
    ['status', 'reportable: figures shown; below_k: the school\'s survey closed with fewer than k responses, so nothing is shown; no_survey: no survey closed in this cycle; trust: a trust row'],
    ['scale_id', 'One of the nine scales (Dean\'s eight hallmarks, and coordination)'],
    ['measure: responses, response_rate', 'Responses the school\'s report rests on, and their share of its expected staff'],
    ['measure: mean', 'Mean of respondents\' scale scores, 1 to 5; empty where withheld'],
    ['measure: percentile_all', 'Where that mean stands among all schools with results in the last 12 months (docs/scoring.md "Norms"), rounded to 5; "below 10" or "above 90" beyond the table\'s ends; no row where the mean is withheld or too few schools take part'],
    ['measure: perceived_median, perceived_q1, perceived_q3', 'Staff\'s own placing of the school now: median and quartiles of the votes (pattern 1 autocracy … 7 anarchy)'],
    ['measure: evidence_pattern, distribution_index, coordination_index', 'Where the answers place the school; indices 0 to 100 (docs/scoring.md). dl-v2: the placement\'s most likely pattern, and no indices'],
    ['measure: evidence_probability', 'dl-v2: the placement\'s probability (0 to 1) of that most likely pattern; empty for dl-v1'],
    ['measure: mean_weighted', 'Trust mean pooled from the means each school\'s own report shows, weighted by the respondents behind each; a scale a school\'s report withholds, or a school below k, adds nothing'],
    ['measure: mean_unweighted', 'Trust mean with every school counted once (the mean of the school means their reports show)'],
    ['measure: learn_from', 'A school of the trust strongest on this school\'s priority scale, with its mean'],
  ],
  // a first translation, like the instrument's (docs/instrument.md); codes and measure names stay
  cy: [
    ['colofn neu fesur', 'ystyr'],
    ['section', 'cycle; school: ffigurau ysgol; continuum: ei safle; trust: cyfansymiau’r ymddiriedolaeth; pairing: partner a awgrymir; suppressed: beth a ataliwyd, a pham'],
    ['status', 'reportable: dangosir ffigurau; below_k: caeodd arolwg yr ysgol gyda llai na k ymateb, felly ni ddangosir dim; no_survey: ni chaeodd unrhyw arolwg yn y cylch hwn; trust: rhes yr ymddiriedolaeth'],
    ['scale_id', 'Un o’r naw graddfa (wyth nodwedd Dean, a chydlynu)'],
    ['measure: responses, response_rate', 'Yr ymatebion y mae adroddiad yr ysgol yn seiliedig arnyn nhw, a’u cyfran o’r staff a ddisgwylid'],
    ['measure: mean', 'Cymedr sgoriau’r ymatebwyr ar y raddfa, 1 i 5; yn wag lle mae wedi’i atal'],
    ['measure: percentile_all', 'Ble mae’r cymedr hwnnw’n sefyll ymhlith pob ysgol â chanlyniadau yn y 12 mis diwethaf (docs/scoring.md "Norms"), wedi’i dalgrynnu i 5; "below 10" neu "above 90" y tu hwnt i bennau’r tabl; dim rhes lle mae’r cymedr wedi’i atal neu lle mae rhy ychydig o ysgolion yn cymryd rhan'],
    ['measure: perceived_median, perceived_q1, perceived_q3', 'Safle’r ysgol nawr ym marn y staff eu hunain: canolrif a chwartelau’r pleidleisiau (patrwm 1 awtocratiaeth … 7 anarchiaeth)'],
    ['measure: evidence_pattern, distribution_index, coordination_index', 'Ble mae’r atebion yn gosod yr ysgol; mynegeion 0 i 100 (docs/scoring.md). dl-v2: patrwm mwyaf tebygol y lleoliad, a dim mynegeion'],
    ['measure: evidence_probability', 'dl-v2: tebygolrwydd y lleoliad (0 i 1) o’r patrwm mwyaf tebygol hwnnw; yn wag i dl-v1'],
    ['measure: mean_weighted', 'Cymedr yr ymddiriedolaeth o’r cymedrau y mae adroddiad pob ysgol ei hun yn eu dangos, wedi’u pwysoli yn ôl yr ymatebwyr y tu ôl i bob un; nid yw graddfa y mae adroddiad ysgol yn ei hatal, nac ysgol o dan k, yn ychwanegu dim'],
    ['measure: mean_unweighted', 'Cymedr yr ymddiriedolaeth gyda phob ysgol yn cyfrif unwaith (cymedr y cymedrau ysgol y mae eu hadroddiadau’n eu dangos)'],
    ['measure: learn_from', 'Ysgol yn yr ymddiriedolaeth sydd gryfaf ar raddfa flaenoriaeth yr ysgol hon, gyda’i chymedr'],
  ],
}

/** What every column, status and measure of the overview's CSV means, in `language`. */
export function overviewCodebookCsv(language: Language = 'en'): string {
  return toCsv(CODEBOOKS[language])
}
