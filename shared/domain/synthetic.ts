import { itemOrder, type Instrument, type PatternValue, type RoleId, type ScaleId } from '../instrument/types.ts'
import type { SubmitResponseBody } from '../schemas/forms.ts'
import { fromIndex, PATTERN_CENTRES } from './continuum.ts'
import { seededRandom, type Random } from './random.ts'

// The one synthetic-respondent generator: a school's target pattern and size in, responses out.
// The demo data, the scoring simulation and the benchmarks all draw from it, so what the
// simulation proves about recovery is proved about the same kind of data the demo shows.
//
// Model: the pattern's centre on the evidence map fixes the school's mean distribution and
// coordination. Each hallmark gets its own school-level offset (schools have profiles, not flat
// lines); each respondent a personal offset (some staff see things more darkly or brightly than
// colleagues, a few disagree strongly with everyone); each answer item-level noise, rounded and
// clamped to 1..5. Some answers are "Don't know", some items are skipped, some staff skip the
// optional questions. Senior leaders tend to see leadership as more shared than others do.

export interface SyntheticOptions {
  instrument: Instrument
  pattern: PatternValue
  respondents: number
  seed: number
  /**
   * Seed of the school's profile alone (its per-hallmark means); `seed` then drives only the
   * respondents, so one school can be surveyed many times. Without it, `seed` drives both.
   */
  profileSeed?: number
  /** Chance that an answer is "Don't know" (null). */
  dontKnowRate?: number
  /** Chance that an item is left unanswered (omitted from the body). */
  skipRate?: number
  /** Spread of respondents around the school mean, in scale points. */
  respondentSd?: number
  /** Spread of answers around a respondent's own view, in scale points. */
  itemSd?: number
  /** Share of respondents whose view is far from colleagues' (three times the usual spread). */
  dissenterRate?: number
  /** How much higher senior leaders rate shared leadership, in scale points. */
  seniorGap?: number
  /** Spread of the school's per-hallmark profile around its centre, in index points. */
  profileSd?: number
  /** Chance that a respondent leaves a comment on each prompt. */
  commentRate?: number
}

/** The noise model's defaults (the options above left out). */
export const SYNTHETIC_DEFAULTS = {
  dontKnowRate: 0.04,
  skipRate: 0.02,
  respondentSd: 0.45,
  itemSd: 0.65,
  dissenterRate: 0.08,
  seniorGap: 0.35,
  profileSd: 6,
  commentRate: 0.12,
} as const

/** Roles, and how many in a hundred respondents hold each (null: role not given). */
export const ROLE_MIX: readonly (readonly [RoleId | null, number])[] = [
  ['senior_leader', 8],
  ['middle_leader', 17],
  ['teacher', 42],
  ['support_staff', 25],
  ['other', 3],
  [null, 5],
]

const COMMENTS = {
  helps: [
    'Teams are trusted to plan their own projects.',
    'Working parties that anyone can join.',
    'Time in staff meetings to share what is working.',
    'Colleagues who are happy to take the lead on something new.',
    'Clear priorities, so we know where our efforts fit.',
  ],
  hinders: [
    'Decisions often arrive already made.',
    'Not enough time to meet across departments.',
    'It is not always clear who is responsible for what.',
    'Initiatives start and then fade without follow-up.',
    'Workload leaves little room to take on leadership.',
  ],
} as const

export function generateResponses(options: SyntheticOptions): SubmitResponseBody[] {
  const {
    instrument,
    pattern,
    respondents,
    seed,
    profileSeed,
    dontKnowRate = SYNTHETIC_DEFAULTS.dontKnowRate,
    skipRate = SYNTHETIC_DEFAULTS.skipRate,
    respondentSd = SYNTHETIC_DEFAULTS.respondentSd,
    itemSd = SYNTHETIC_DEFAULTS.itemSd,
    dissenterRate = SYNTHETIC_DEFAULTS.dissenterRate,
    seniorGap = SYNTHETIC_DEFAULTS.seniorGap,
    profileSd = SYNTHETIC_DEFAULTS.profileSd,
    commentRate = SYNTHETIC_DEFAULTS.commentRate,
  } = options
  const random = seededRandom(seed)
  const scaleMeans = schoolProfile(instrument, pattern, profileSeed === undefined ? random : seededRandom(profileSeed), profileSd)
  const out: SubmitResponseBody[] = []
  for (let r = 0; r < respondents; r++) {
    const role = random.weighted(ROLE_MIX)
    const spread = random.next() < dissenterRate ? respondentSd * 3 : respondentSd
    const personal = random.normal(0, spread) + (role === 'senior_leader' ? seniorGap : 0)
    const answers: Record<string, 1 | 2 | 3 | 4 | 5 | null> = {}
    for (const scale of instrument.scales) {
      const mean = scaleMeans.get(scale.id)!
      for (const item of scale.items) {
        const roll = random.next()
        if (roll < skipRate) continue
        answers[item.id] = roll < skipRate + dontKnowRate ? null : likert(mean + personal + random.normal(0, itemSd))
      }
    }
    const body: SubmitResponseBody = {
      instrumentVersion: instrument.id,
      answers,
      nowPattern: random.next() < 0.05 ? null : patternNear(random, pattern, 0.8),
      aimPattern: random.next() < 0.08 ? null : patternNear(random, Math.max(4, Math.min(6, pattern + 1)), 0.8),
      role,
    }
    const comments: { helps?: string; hinders?: string } = {}
    if (random.next() < commentRate) comments.helps = COMMENTS.helps[random.int(COMMENTS.helps.length)]!
    if (random.next() < commentRate) comments.hinders = COMMENTS.hinders[random.int(COMMENTS.hinders.length)]!
    if (comments.helps || comments.hinders) body.comments = comments
    out.push(body)
  }
  return out
}

/**
 * A school's profile: the mean (1..5) of each scale that its respondents are drawn around. The
 * hallmarks scatter around the pattern's distribution centre; coordination sits on its centre.
 */
export function schoolProfile(instrument: Instrument, pattern: PatternValue, random: Random, profileSd: number = SYNTHETIC_DEFAULTS.profileSd): Map<ScaleId, number> {
  const centre = PATTERN_CENTRES[pattern]
  return new Map(
    instrument.scales.map((scale) => {
      const index = scale.id === 'coordination' ? centre.coordination : centre.distribution + random.normal(0, profileSd)
      return [scale.id, fromIndex(clamp(index, 0, 100))] as const
    }),
  )
}

/** Answers in storage order, as the database holds them (skipped and "Don't know" both null). */
export function answersInOrder(instrument: Instrument, body: SubmitResponseBody): (number | null)[] {
  return itemOrder(instrument).map((id) => body.answers[id] ?? null)
}

function likert(value: number): 1 | 2 | 3 | 4 | 5 {
  return clamp(Math.round(value), 1, 5) as 1 | 2 | 3 | 4 | 5
}

function patternNear(random: Random, centre: number, sd: number): PatternValue {
  return clamp(Math.round(random.normal(centre, sd)), 1, 7) as PatternValue
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}
