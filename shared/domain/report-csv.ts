import type { Language } from '../instrument/languages.ts'
import { keyingOf, type Instrument } from '../instrument/types.ts'
import type { SurveyReport } from '../schemas/reports.ts'
import { findingEvidence, hiddenWhyWords, normsNote, withheldWords } from './advice-words.ts'
import { MODEL_DIMENSIONS } from './placement.ts'
import { perceivedWords, placementWords } from './placement-words.ts'
import { patternLabeller, type Words } from './report-words.ts'
import { toCsv } from './csv.ts'

// The report as CSV (written by ./csv.ts, which every export shares). It is
// written from the disclosed report object and nothing else, so it withholds exactly what the
// screen withholds. One row per figure, in long form; the codebook explains every column and measure,
// and lists every statement of the survey's questionnaire with its scale and keying.

export const CSV_COLUMNS = ['section', 'scale_id', 'scale', 'item_id', 'item', 'group', 'measure', 'value'] as const

type Codebook = readonly (readonly [string, string])[]

const CODEBOOK_EN: Codebook = [
  ['section', 'survey: about the survey; scale: a scale score; item: one statement; continuum: positions on the continuum; group: a role group; gap: senior leaders minus other staff; flag, strength, priority: the report\'s findings; suppressed: something withheld and why'],
  ['scale_id, scale', 'The scale (one of Dean\'s eight hallmarks, or coordination)'],
  ['item_id, item', 'The statement staff answered'],
  ['group', 'A role group (all = the whole school)'],
  ['measure', 'What the value is; see the measures below'],
  ['value', 'The figure. Empty where it is withheld because fewer than k people would be described'],
  ['measure: n', 'Respondents whose scale score counts (they answered at least 60 % of its statements)'],
  ['measure: mean', 'Mean of respondents\' scale scores, 1 (strongly disagree) to 5 (strongly agree)'],
  ['measure: sd', 'Standard deviation of respondents\' scale scores'],
  ['measure: ci_low, ci_high', '95 % confidence interval of the mean (Student\'s t)'],
  ['measure: favourable, neutral, unfavourable', 'Share of all answers on the scale\'s statements that were 4–5, 3, 1–2 (0 to 1); a statement whose answers are withheld is left out, and a suppressed note says so'],
  ['measure: alpha', 'Cronbach\'s alpha, from respondents who answered every statement of the scale (at least 10, and never fewer than k)'],
  ['measure: count_1 … count_5', 'Number of answers 1 … 5 to a statement'],
  ['measure: dont_know_rate', 'Share of respondents who answered "Don\'t know" or left the statement out'],
  ['measure: votes_now_1 … votes_now_7, votes_aim_1 … votes_aim_7', 'Votes for each pattern of the continuum (1 autocracy … 7 anarchy), now and as an aim'],
  ['measure: median_now, q1_now, q3_now (and _aim)', 'Median and interquartile band of the votes (pattern numbers)'],
  ['measure: distribution_index, coordination_index', 'Indices 0 to 100 from the hallmark and coordination scores; see docs/scoring.md'],
  ['measure: evidence_pattern', 'The pattern (1 to 7) the indices place the school in'],
  ['section: norm', 'Where a scale (or, dl-v2, a placement dimension: scale_id dimension:spread and so on, 0 to 100) stands among other schools (group all = all schools, similar = same phase and staff band); only where that group may be shown (docs/scoring.md, "Norms")'],
  ['measure: percentile, percentile_low, percentile_high', 'The percentile of the school\'s mean in the group, and of either end of its 95 % interval (rounded to 5; 10 means at or below the 10th, 90 at or above the 90th)'],
  ['measure: group_median, group_schools', 'The group\'s median of the scale, and how many schools it rests on'],
  ['measure: share_most_likely_1 … share_most_likely_7', 'dl-v2: the share (0 to 1) of the group\'s schools whose placement\'s most likely pattern is 1 … 7'],
  ['measure: responses, response_rate, k, provisional', 'Responses the report rests on; their share of the expected staff; the minimum group size; 1 when the rate is below 50 %'],
]

// The same codebook in Welsh (a first translation, like the instrument's: docs/instrument.md).
// Column names and measure codes stay as they are in every language, so a file's analysis does not
// depend on the language its codebook was read in.
const CODEBOOK_CY: Codebook = [
  ['section', 'survey: am yr arolwg; scale: sgôr graddfa; item: un datganiad; continuum: safleoedd ar y continwwm; group: grŵp rôl; gap: uwch arweinwyr llai staff eraill; flag, strength, priority: canfyddiadau’r adroddiad; suppressed: rhywbeth a ataliwyd, a pham'],
  ['scale_id, scale', 'Y raddfa (un o wyth nodwedd Dean, neu gydlynu)'],
  ['item_id, item', 'Y datganiad a atebodd y staff'],
  ['group', 'Grŵp rôl (all = yr ysgol gyfan)'],
  ['measure', 'Beth yw’r gwerth; gweler y mesurau isod'],
  ['value', 'Y ffigur. Yn wag lle mae wedi’i atal am y byddai llai na k o bobl yn cael eu disgrifio'],
  ['measure: n', 'Ymatebwyr y mae eu sgôr ar y raddfa’n cyfrif (fe atebon nhw o leiaf 60 % o’i datganiadau)'],
  ['measure: mean', 'Cymedr sgoriau’r ymatebwyr ar y raddfa, 1 (anghytuno’n gryf) i 5 (cytuno’n gryf)'],
  ['measure: sd', 'Gwyriad safonol sgoriau’r ymatebwyr ar y raddfa'],
  ['measure: ci_low, ci_high', 'Cyfwng hyder 95 % y cymedr (t Student)'],
  ['measure: favourable, neutral, unfavourable', 'Cyfran yr holl atebion i ddatganiadau’r raddfa a oedd yn 4–5, 3, 1–2 (0 i 1); mae datganiad y mae ei atebion wedi’u hatal yn cael ei adael allan, ac mae nodyn suppressed yn dweud hynny'],
  ['measure: alpha', 'Alffa Cronbach, o’r ymatebwyr a atebodd bob datganiad ar y raddfa (o leiaf 10, a byth llai na k)'],
  ['measure: count_1 … count_5', 'Nifer yr atebion 1 … 5 i ddatganiad'],
  ['measure: dont_know_rate', 'Cyfran yr ymatebwyr a atebodd “Ddim yn gwybod” neu a adawodd y datganiad allan'],
  ['measure: votes_now_1 … votes_now_7, votes_aim_1 … votes_aim_7', 'Pleidleisiau dros bob patrwm ar y continwwm (1 awtocratiaeth … 7 anarchiaeth), nawr ac fel nod'],
  ['measure: median_now, q1_now, q3_now (and _aim)', 'Canolrif a band rhyngchwartel y pleidleisiau (rhifau patrwm)'],
  ['measure: distribution_index, coordination_index', 'Mynegeion 0 i 100 o sgoriau’r nodweddion a’r cydlynu; gweler docs/scoring.md'],
  ['measure: evidence_pattern', 'Y patrwm (1 i 7) y mae’r mynegeion yn gosod yr ysgol ynddo'],
  ['section: norm', 'Ble mae graddfa (neu, dl-v2, un o ddimensiynau’r lleoliad: scale_id dimension:spread ac ati, 0 i 100) yn sefyll ymhlith ysgolion eraill (grŵp all = pob ysgol, similar = yr un cyfnod a band staff); dim ond lle gellir dangos y grŵp hwnnw (docs/scoring.md, "Norms")'],
  ['measure: percentile, percentile_low, percentile_high', 'Canradd cymedr yr ysgol yn y grŵp, a chanradd dau ben ei chyfwng 95 % (wedi’u talgrynnu i 5; mae 10 yn golygu ar y 10fed neu oddi tano, 90 ar y 90fed neu uwch ei ben)'],
  ['measure: group_median, group_schools', 'Canolrif y grŵp ar y raddfa, a sawl ysgol y mae’n seiliedig arnyn nhw'],
  ['measure: share_most_likely_1 … share_most_likely_7', 'dl-v2: cyfran (0 i 1) ysgolion y grŵp y mae patrwm 1 … 7 fwyaf tebygol ar eu cyfer yn eu lleoliad'],
  ['measure: responses, response_rate, k, provisional', 'Yr ymatebion y mae’r adroddiad yn seiliedig arnyn nhw; eu cyfran o’r staff a ddisgwylid; maint lleiaf grŵp; 1 pan fydd y gyfradd o dan 50 %'],
]

/** The measures dl-v2 adds (docs/scoring.md, "The dl-v2 placement"). */
const CODEBOOK_V2_EN: Codebook = [
  ['section (dl-v2)', 'placement: the probabilistic placement; dimension: a model dimension; map: the leadership map, one row per area and measure; quality: quality of the answers (counts only); reliability: alpha per scale with its interval; gap_v2: senior leaders minus other staff with its interval'],
  ['measure: keying (item)', 'positive: agreeing means more of the scale; negative: reverse-keyed, agreeing means less. count_1 … count_5 and mean are the raw answers; every scale score and mean counts a negative statement\'s answer as 6 − answer'],
  ['measure: probability_1 … probability_7', 'The placement\'s probability (0 to 1) that the school is in each pattern (1 autocracy … 7 anarchy)'],
  ['measure: most_likely, runner_up, words', 'The most likely pattern and the next, and the sentence the report shows'],
  ['measure: mean, low, high, n (dimension)', 'A model dimension (spread, coordination, initiative, contest), 0 to 100, with its 95 % interval and the respondents behind it; empty where fewer than k answered it'],
  ['measure: share_senior_leaders … share_support_staff (map)', 'Of those who named who leads the area, the share who ticked each group; empty where fewer than k named any'],
  ['measure: named, no_one_clear, dont_know (map)', 'How many named leaders for the area, ticked "no one clearly leads it", or "don\'t know"; empty where fewer than k answered for the area'],
  ['measure: perceived_words, perceived_split_low, perceived_split_high, match_with_evidence', 'The staff\'s own choice of vignette in words; the two camps when staff are split; the chance that one staff member\'s choice is a pattern the evidence supports'],
  ['measure: respondents, straight_lining, inconsistent, acquiescent (quality)', 'Respondents, and how many of them show each response-style sign (counts only, never who)'],
  ['measure: alpha, alpha_low, alpha_high, alpha_n (reliability)', 'Cronbach\'s alpha on keyed answers from pairwise-available answers, with Feldt\'s 95 % interval; empty below max(k, 10) respondents'],
  ['measure: difference, low, high (gap_v2)', 'Senior leaders\' mean scale score minus everyone else\'s (scale points), with a 95 % Welch interval; only where both number k'],
]

const CODEBOOK_V2_CY: Codebook = [
  ['section (dl-v2)', 'placement: y lleoliad fel tebygolrwyddau; dimension: un o ddimensiynau’r model; map: map yr arweinyddiaeth, un rhes i bob maes a mesur; quality: ansawdd yr atebion (cyfrifon yn unig); reliability: alffa pob graddfa gyda’i chyfwng; gap_v2: uwch arweinwyr llai staff eraill, gyda’i gyfwng'],
  ['measure: keying (item)', 'positive: mae cytuno’n golygu mwy o’r raddfa; negative: wedi’i wrthdroi, mae cytuno’n golygu llai. Yr atebion crai yw count_1 … count_5 a mean; mae pob sgôr a chymedr graddfa’n cyfrif ateb datganiad negative fel 6 − ateb'],
  ['measure: probability_1 … probability_7', 'Tebygolrwydd y lleoliad (0 i 1) fod yr ysgol ym mhob patrwm (1 awtocratiaeth … 7 anarchiaeth)'],
  ['measure: most_likely, runner_up, words', 'Y patrwm mwyaf tebygol a’r nesaf, a’r frawddeg y mae’r adroddiad yn ei dangos'],
  ['measure: mean, low, high, n (dimension)', 'Un o ddimensiynau’r model (spread, coordination, initiative, contest), 0 i 100, gyda’i gyfwng 95 % a’r ymatebwyr y tu ôl iddo; yn wag lle atebodd llai na k'],
  ['measure: share_senior_leaders … share_support_staff (map)', 'O’r rhai a enwodd pwy sy’n arwain y maes, y gyfran a diciodd bob grŵp; yn wag lle enwodd llai na k unrhyw un'],
  ['measure: named, no_one_clear, dont_know (map)', 'Faint a enwodd arweinwyr i’r maes, faint a diciodd “does neb yn ei arwain yn glir”, a faint “ddim yn gwybod”; yn wag lle atebodd llai na k am y maes'],
  ['measure: perceived_words, perceived_split_low, perceived_split_high, match_with_evidence', 'Dewis y staff eu hunain o ddisgrifiad, mewn geiriau; y ddau wersyll pan fydd y staff wedi’u rhannu; y siawns fod dewis un aelod o staff yn batrwm y mae’r dystiolaeth yn ei gefnogi'],
  ['measure: respondents, straight_lining, inconsistent, acquiescent (quality)', 'Ymatebwyr, a faint ohonyn nhw sy’n dangos pob arwydd o arddull ateb (cyfrifon yn unig, byth pwy)'],
  ['measure: alpha, alpha_low, alpha_high, alpha_n (reliability)', 'Alffa Cronbach ar yr atebion wedi’u bysellu, o’r atebion sydd ar gael fesul pâr, gyda chyfwng 95 % Feldt; yn wag o dan max(k, 10) o ymatebwyr'],
  ['measure: difference, low, high (gap_v2)', 'Cymedr sgôr graddfa uwch arweinwyr llai un pawb arall (pwyntiau’r raddfa), gyda chyfwng Welch 95 %; dim ond lle mae’r ddwy ochr yn k o leiaf'],
]

/** Each language's codebook: its rows, the rows dl-v2 adds, and how a paired statement's high end is said. */
const CODEBOOKS: Readonly<Record<Language, { header: readonly [string, string]; rows: Codebook; v2: Codebook; highEnd: (high: 'first' | 'second') => string }>> = {
  en: { header: ['column or measure', 'meaning'], rows: CODEBOOK_EN, v2: CODEBOOK_V2_EN, highEnd: (high) => `high end: the ${high} statement` },
  cy: { header: ['colofn neu fesur', 'ystyr'], rows: CODEBOOK_CY, v2: CODEBOOK_V2_CY, highEnd: (high) => `pen uchel: y datganiad ${high === 'first' ? 'cyntaf' : 'ail'}` },
}

/** The codebook's rows in one language, dl-v2's after (every language has the same columns and measures, in order). */
export function codebookRows(language: Language): Codebook {
  return [...CODEBOOKS[language].rows, ...CODEBOOKS[language].v2]
}

/**
 * How the CSV says its sentences in another language than English: the report's words
 * (shared/messages/report, as the report page says them) and the questionnaire in that language.
 * Without it the sentences are the report's own English ones.
 */
export interface CsvLanguage { words: Words; instrument: Instrument }

/**
 * The report as CSV. Only the human-readable cells change with `language` (names, statements,
 * sentences): column names, sections, measures and codes stay, so an analysis reads either file.
 */
export function reportCsv(report: SurveyReport, language: CsvLanguage | null = null): string {
  const t = language?.words.t
  const rows: (string | number | null)[][] = [[...CSV_COLUMNS]]
  const add = (section: string, measure: string, value: string | number | null, at: { scaleId?: string; scale?: string; itemId?: string; item?: string; group?: string } = {}) =>
    rows.push([section, at.scaleId ?? '', at.scale ?? '', at.itemId ?? '', at.item ?? '', at.group ?? 'all', measure, value])

  add('survey', 'school', report.survey.schoolName)
  add('survey', 'title', report.survey.title)
  add('survey', 'k', report.survey.k)
  add('survey', 'released', report.released ? 1 : 0)
  add('survey', 'responses', report.released ? report.responseCount : null)
  add('survey', 'response_rate', report.responseRate)
  add('survey', 'provisional', report.provisional ? 1 : 0)

  for (const s of report.scales) {
    const at = { scaleId: s.id, scale: s.name }
    for (const [measure, value] of [['n', s.n], ['mean', s.mean], ['sd', s.sd], ['ci_low', s.ciLow], ['ci_high', s.ciHigh], ['favourable', s.favourable],
      ['neutral', s.neutral], ['unfavourable', s.unfavourable], ['alpha', s.alpha]] as const) add('scale', measure, value, at)
    for (const item of s.items) {
      const itemAt = { ...at, itemId: item.id, item: item.text }
      if (item.keying) add('item', 'keying', item.keying, itemAt)
      for (let i = 0; i < 5; i++) add('item', `count_${i + 1}`, item.counts?.[i] ?? null, itemAt)
      add('item', 'mean', item.mean, itemAt)
      add('item', 'dont_know_rate', item.dontKnowRate, itemAt)
    }
  }
  for (const which of ['now', 'aim'] as const) {
    const votes = report.continuum.perceived[which]
    for (let p = 0; p < 7; p++) add('continuum', `votes_${which}_${p + 1}`, votes?.votes[p] ?? null)
    add('continuum', `median_${which}`, votes?.median ?? null)
    add('continuum', `q1_${which}`, votes?.q1 ?? null)
    add('continuum', `q3_${which}`, votes?.q3 ?? null)
  }
  const evidence = report.continuum.evidence
  add('continuum', 'distribution_index', evidence?.distribution.index ?? null)
  add('continuum', 'coordination_index', evidence?.coordination.index ?? null)
  add('continuum', 'evidence_pattern', evidence?.pattern ?? null)
  for (const g of report.groups) {
    add('group', 'n', g.n, { group: g.group })
    for (const s of report.scales) add('group', 'mean', g.scales[s.id].mean, { group: g.group, scaleId: s.id, scale: s.name })
  }
  for (const h of report.hiddenGroups) {
    add('suppressed', 'withheld', language ? hiddenWhyWords(h.why, report.survey.k, language.words) : h.reason, { group: h.group })
  }
  for (const gap of report.perceptionGap ?? []) add('gap', 'senior_minus_others', gap.gap, { scaleId: gap.id, scale: gap.name })
  for (const [section, list] of [['strength', report.strengths], ['priority', report.priorities], ['flag', report.flags]] as const) {
    for (const a of list) add(section, a.id, language ? findingEvidence(a, section, report, language.instrument, language.words) : a.evidence)
  }
  // Norms only where a group may be shown, so a report with none is as it was.
  const norms = report.norms?.groups.length ? report.norms : null
  const measures = [
    ...(norms?.scales ?? []).map((n) => ({ ...n, scaleId: n.id, scale: report.scales.find((s) => s.id === n.id)?.name ?? n.id })),
    ...(norms?.dimensions ?? []).map((n) => ({ ...n, scaleId: `dimension:${n.id}`, scale: t ? t(`report.dimension.${n.id}.name`) : n.id })),
  ]
  for (const n of measures) {
    for (const [group, standing, median, schools] of [['all', n.all, n.allMedian, n.allSchools], ['similar', n.similar, n.similarMedian, n.similarSchools]] as const) {
      if (!standing) continue
      const at = { scaleId: n.scaleId, scale: n.scale, group }
      add('norm', 'percentile', standing.percentile, at)
      add('norm', 'percentile_low', standing.low, at)
      add('norm', 'percentile_high', standing.high, at)
      add('norm', 'group_median', median, at)
      add('norm', 'group_schools', schools, at)
    }
  }
  for (const group of ['all', 'similar'] as const) {
    const shares = norms?.placement?.[group]
    if (shares) shares.forEach((share, i) => add('norm', `share_most_likely_${i + 1}`, share, { group }))
  }
  if (norms) add('norm', 'note', language ? normsNote(norms, language.words) : norms.note)
  addPlacement(report, add, language)
  report.suppression.forEach((note, i) => add('suppressed', 'note', language ? withheldWords(report.withheld[i]!, report, language.instrument, language.words) : note))
  return toCsv(rows)
}

type Add = (section: string, measure: string, value: string | number | null, at?: { scaleId?: string; scale?: string; itemId?: string; item?: string; group?: string }) => void

/** dl-v2: the placement section's figures (nothing for dl-v1, or before results). */
function addPlacement(report: SurveyReport, add: Add, language: CsvLanguage | null): void {
  const p = report.placement
  if (!p) return
  const label = patternLabeller(language?.instrument.continuum.patterns ?? [])
  const areas = language?.instrument.leadershipMap?.areas ?? []
  p.probabilities.forEach((value, i) => add('placement', `probability_${i + 1}`, value))
  add('placement', 'most_likely', p.mostLikely)
  add('placement', 'runner_up', p.runnerUp)
  add('placement', 'words', language ? placementWords(p, label, language.words) : p.words)
  for (const dim of MODEL_DIMENSIONS) {
    const d = p.dimensions[dim]
    for (const measure of ['mean', 'low', 'high', 'n'] as const) add('dimension', measure, d?.[measure] ?? null, { itemId: dim })
  }
  for (const area of p.map) {
    const at = { itemId: area.area, item: areas.find((a) => a.id === area.area)?.label ?? area.label }
    for (const role of ['senior_leaders', 'middle_leaders', 'teachers', 'support_staff'] as const) add('map', `share_${role}`, area.shares?.[role] ?? null, at)
    add('map', 'named', area.named, at)
    add('map', 'no_one_clear', area.noOneClear, at)
    add('map', 'dont_know', area.dontKnow, at)
  }
  const perceived = p.perceived && (language ? perceivedWords(p.perceived, label, language.words) : p.perceived.words)
  add('placement', 'perceived_words', perceived ?? null)
  add('placement', 'perceived_split_low', p.perceived?.split?.low ?? null)
  add('placement', 'perceived_split_high', p.perceived?.split?.high ?? null)
  add('placement', 'match_with_evidence', p.perceived?.matchWithEvidence ?? null)
  for (const [measure, value] of Object.entries(p.quality)) add('quality', measure.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), value)
  const name = (id: string) => report.scales.find((s) => s.id === id)?.name ?? id
  for (const r of p.reliability) {
    const at = { scaleId: r.scale, scale: name(r.scale) }
    add('reliability', 'alpha', r.alpha, at)
    add('reliability', 'alpha_low', r.alpha === null ? null : r.low, at)
    add('reliability', 'alpha_high', r.alpha === null ? null : r.high, at)
    add('reliability', 'alpha_n', r.alpha === null ? null : r.n, at)
  }
  for (const g of p.perceptionGap ?? []) {
    const at = { scaleId: g.scale, scale: name(g.scale) }
    add('gap_v2', 'difference', g.difference.difference, at)
    add('gap_v2', 'low', g.difference.low, at)
    add('gap_v2', 'high', g.difference.high, at)
  }
}

/**
 * What every column and measure means for a survey on `instrument`, and every statement it asked:
 * its scale and keying (every dl-v1 statement is positive), and for dl-v2 the paired statements.
 */
export function codebookCsv(instrument: Instrument, language: Language = 'en'): string {
  const { header, rows, v2: rowsV2, highEnd } = CODEBOOKS[language]
  const v2 = instrument.patternBlock
  const items = instrument.scales.flatMap((scale) =>
    scale.items.map((item) => [`item ${item.id}`, `${scale.name} (${scale.id}); keying ${keyingOf(item)}; "${item.text}"`] as const),
  )
  const pairs = (v2?.pairs ?? []).map((pair) => [`pair ${pair.id}`, `${pair.dimension}; 1 = "${pair.first}", 4 = "${pair.second}"; ${highEnd(pair.high)}`] as const)
  return toCsv([header, ['questionnaire', instrument.id], ...rows, ...(v2 ? rowsV2 : []), ...items, ...pairs])
}
