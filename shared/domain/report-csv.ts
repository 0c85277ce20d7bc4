import type { SurveyReport } from '../schemas/reports.ts'
import { toCsv } from './csv.ts'

// The report as CSV (written by ./csv.ts, which every export shares). It is
// written from the disclosed report object and nothing else, so it withholds exactly what the
// screen withholds. One row per figure, in long form; the codebook explains every column and measure.

export const CSV_COLUMNS = ['section', 'scale_id', 'scale', 'item_id', 'item', 'group', 'measure', 'value'] as const

export const CODEBOOK: readonly (readonly [string, string])[] = [
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
  ['section: norm', 'Where a scale stands among other schools (group all = all schools, similar = same phase and staff band); only where that group may be shown (docs/scoring.md, "Norms")'],
  ['measure: percentile, percentile_low, percentile_high', 'The percentile of the school\'s mean in the group, and of either end of its 95 % interval (rounded to 5; 10 means at or below the 10th, 90 at or above the 90th)'],
  ['measure: group_median, group_schools', 'The group\'s median of the scale, and how many schools it rests on'],
  ['measure: responses, response_rate, k, provisional', 'Responses the report rests on; their share of the expected staff; the minimum group size; 1 when the rate is below 50 %'],
]

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
  // Norms only where a group may be shown, so a report with none is as it was.
  for (const n of report.norms?.groups.length ? report.norms.scales : []) {
    const scale = report.scales.find((s) => s.id === n.id)
    for (const [group, standing, median, schools] of [['all', n.all, n.allMedian, n.allSchools], ['similar', n.similar, n.similarMedian, n.similarSchools]] as const) {
      if (!standing) continue
      const at = { scaleId: n.id, scale: scale?.name ?? n.id, group }
      add('norm', 'percentile', standing.percentile, at)
      add('norm', 'percentile_low', standing.low, at)
      add('norm', 'percentile_high', standing.high, at)
      add('norm', 'group_median', median, at)
      add('norm', 'group_schools', schools, at)
    }
  }
  if (report.norms?.groups.length) add('norm', 'note', report.norms.note)
  for (const note of report.suppression) add('suppressed', 'note', note)
  return toCsv(rows)
}

export function codebookCsv(): string {
  return toCsv([['column or measure', 'meaning'], ...CODEBOOK])
}
