import type { Language } from '../instrument/languages.ts'
import type { SurveyReport } from '../schemas/reports.ts'
import { toCsv } from './csv.ts'

// The report as CSV (written by ./csv.ts, which every export shares). It is
// written from the disclosed report object and nothing else, so it withholds exactly what the
// screen withholds. One row per figure, in long form; the codebook explains every column and measure.

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
  ['measure: responses, response_rate, k, provisional', 'Yr ymatebion y mae’r adroddiad yn seiliedig arnyn nhw; eu cyfran o’r staff a ddisgwylid; maint lleiaf grŵp; 1 pan fydd y gyfradd o dan 50 %'],
]

const CODEBOOKS: Readonly<Record<Language, { header: readonly [string, string]; rows: Codebook }>> = {
  en: { header: ['column or measure', 'meaning'], rows: CODEBOOK_EN },
  cy: { header: ['colofn neu fesur', 'ystyr'], rows: CODEBOOK_CY },
}

/** The codebook's rows in one language (every language has the same columns and measures, in order). */
export function codebookRows(language: Language): Codebook {
  return CODEBOOKS[language].rows
}

export function reportCsv(report: SurveyReport): string {
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
  for (const h of report.hiddenGroups) add('suppressed', 'withheld', h.reason, { group: h.group })
  for (const gap of report.perceptionGap ?? []) add('gap', 'senior_minus_others', gap.gap, { scaleId: gap.id, scale: gap.name })
  for (const [section, list] of [['strength', report.strengths], ['priority', report.priorities], ['flag', report.flags]] as const) {
    for (const a of list) add(section, a.id, a.evidence)
  }
  for (const note of report.suppression) add('suppressed', 'note', note)
  return toCsv(rows)
}

export function codebookCsv(language: Language = 'en'): string {
  const { header, rows } = CODEBOOKS[language]
  return toCsv([header, ...rows])
}
