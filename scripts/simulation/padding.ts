import { seededRandom, type Random } from '../../shared/domain/random.ts'

// The padding leader, simulated over many surveys (issue 9, item 3). A leader who can answer their
// own survey adds k − 1 answers of known content so that a release holds one real person's answers
// beside their own. How often that works depends on what the leader can see (the progress count)
// and when results are released. `node scripts/simulation/padding.ts [surveys]` prints the table that
// docs/anonymity.md quotes; tests/unit/padding-model.test.ts checks its shape.
//
// The model:
// - a school of 15–80 staff, each answering with a probability of 50–90 %;
// - a survey open 10 working days; each respondent answers on day d with weight 0.7^d (most on the
//   first days, after the announcement), at a uniform time between 08:00 and 18:00; the survey opens
//   at 08:00 on day 0 (or at 17:30, the attacker's better choice for the day-based rules);
// - k = 5; the leader polls the progress every 15 seconds and acts at once.
//
// The attacker's strategy in each mode is the best we know:
// - exact count, live results released at once (the code before this change): wait for the count
//   to rise by one from a multiple of k, then add k − 1 answers: the next batch is one real response;
// - coarse count (steps of k), live results: add k − 1 answers at opening; the first real response
//   completes the first batch. With releases the day after a batch completes (the live release rule),
//   that batch is seen alone only if no second batch completes the same day;
// - coarse count to the moment, results at close (the first version of this mitigation): add k − 1
//   answers at opening, close the survey as soon as the count shows k;
// - coarse count to the end of the previous day, results at close (what Continuum does: the count
//   covers only earlier days): add k − 1 at opening, close at midnight after the day the count first
//   shows k;
// - codes held by the leader: as the link (the leader answers with k − 1 of the codes), at the cost of
//   k − 1 slips no member of staff then holds;
// - codes held by a custodian: the leader has nothing to answer with. Never isolated.

const K = 5
const DAYS = 10
const POLL_HOURS = 15 / 3600
const DAY_WEIGHT = 0.7

export interface PaddingSurvey {
  /** Arrival times of real responses, in hours from 00:00 of the opening day, sorted. */
  arrivals: number[]
  openHour: number
}

/** One simulated survey's real arrivals. */
export function simulateSurvey(random: Random, openHour: number): PaddingSurvey {
  const staff = 15 + random.int(66)
  const rate = 0.5 + 0.4 * random.next()
  const weights = Array.from({ length: DAYS }, (_, d) => [d, DAY_WEIGHT ** d] as const)
  const arrivals: number[] = []
  for (let i = 0; i < staff; i++) {
    if (random.next() >= rate) continue
    let day = random.weighted(weights)
    const hour = 8 + 10 * random.next()
    // Nobody can answer before the survey opens: they answer the next day instead.
    if (day === 0 && hour < openHour) day = 1
    arrivals.push(day * 24 + hour)
  }
  return { arrivals: arrivals.sort((a, b) => a - b), openHour }
}

export type PaddingMode =
  | 'exact count, live results at once'
  | 'coarse count, live results at once'
  | 'coarse count, live results the day after a batch completes'
  | 'coarse count to the moment, results at close'
  | 'coarse count to the end of the previous day, results at close (what Continuum does)'
  | 'codes held by a custodian'

export const PADDING_MODES: PaddingMode[] = [
  'exact count, live results at once',
  'coarse count, live results at once',
  'coarse count, live results the day after a batch completes',
  'coarse count to the moment, results at close',
  'coarse count to the end of the previous day, results at close (what Continuum does)',
  'codes held by a custodian',
]

/** Whether the attacker's best strategy in `mode` isolates one real response in this survey. */
export function isolates(mode: PaddingMode, { arrivals }: PaddingSurvey): boolean {
  if (arrivals.length === 0) return false
  const first = arrivals[0]!
  const second = arrivals[1] ?? Number.POSITIVE_INFINITY
  switch (mode) {
    case 'exact count, live results at once': {
      // Any real arrival that starts a batch, with no other arrival before the attacker's next poll.
      for (let i = 0; i < arrivals.length; i += K) {
        const next = arrivals[i + 1] ?? Number.POSITIVE_INFINITY
        if (next - arrivals[i]! > POLL_HOURS) return true
      }
      return false
    }
    case 'coarse count, live results at once':
      // Padded at opening: the first real response completes the first batch, released at once.
      return true
    case 'coarse count, live results the day after a batch completes': {
      // The first batch completes on the first real response's day and is released the next day
      // with every other batch completed that day: alone only if at most k real responses came then.
      const day = Math.floor(first / 24)
      const thatDay = arrivals.filter((t) => Math.floor(t / 24) === day).length
      return thatDay <= K
    }
    case 'coarse count to the moment, results at close':
      // The count shows k when the first real response lands; the leader closes at their next poll.
      return second - first > POLL_HOURS
    case 'coarse count to the end of the previous day, results at close (what Continuum does)': {
      // The count shows k the morning after the first real response; the leader closes at midnight.
      const day = Math.floor(first / 24)
      return arrivals.filter((t) => Math.floor(t / 24) === day).length === 1
    }
    case 'codes held by a custodian':
      return false
  }
}

export interface PaddingRow {
  mode: PaddingMode
  openHour: number
  surveys: number
  isolated: number
  rate: number
}

export function runPaddingModel(surveys: number, seed = 20261129): PaddingRow[] {
  const rows: PaddingRow[] = []
  for (const openHour of [8, 17.5]) {
    const random = seededRandom(seed)
    const sample = Array.from({ length: surveys }, () => simulateSurvey(random, openHour))
    for (const mode of PADDING_MODES) {
      const isolated = sample.filter((s) => isolates(mode, s)).length
      rows.push({ mode, openHour, surveys, isolated, rate: isolated / surveys })
    }
  }
  return rows
}

const percent = (rate: number) => `${(100 * rate).toFixed(1)} %`
const hour = (h: number) => `${String(Math.floor(h)).padStart(2, '0')}:${String(Math.round((h % 1) * 60)).padStart(2, '0')}`

export function paddingMarkdown(rows: readonly PaddingRow[]): string {
  const surveys = rows[0]?.surveys ?? 0
  const lines = [
    `Surveys in which the padding leader isolates one real response (k = ${K}, ${surveys.toLocaleString('en-GB')} simulated surveys per column):`,
    '',
    `| what the leader can see and when results are released | opens ${hour(8)} | opens ${hour(17.5)} |`,
    '|---|---|---|',
  ]
  for (const mode of PADDING_MODES) {
    const [early, late] = [8, 17.5].map((h) => rows.find((r) => r.mode === mode && r.openHour === h)!)
    lines.push(`| ${mode} | ${percent(early!.rate)} | ${percent(late!.rate)} |`)
  }
  return lines.join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const surveys = Number(process.argv[2] ?? 10_000)
  console.log(paddingMarkdown(runPaddingModel(surveys)))
}
