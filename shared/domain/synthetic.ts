import { itemOrder, keyingOf, MAP_ROLE_IDS, type Instrument, type MapAreaId, type PatternDimensionId, type PatternValue, type RoleId, type ScaleId } from '../instrument/types.ts'
import type { SubmitResponseBody } from '../schemas/forms.ts'
import { fromIndex, PATTERN_CENTRES } from './continuum.ts'
import type { ModelPoint } from './placement.ts'
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
//
// dl-v2 (an instrument with a pattern block and a leadership map) adds, with the same simple model:
// the school sits at its pattern's point in the placement's space (PATTERN_POINTS: spread,
// coordination, initiative, contest); its parts (hallmarks, authority, map breadth, coordination
// scale, coherence) scatter around the dimension they feed. A reverse-keyed item is answered as the
// mirror of the respondent's view (so the keyed score carries the pattern), plus a small personal
// habit of agreeing that the balanced keying cancels. Paired statements and the "how leadership
// arises" choice are drawn around the respondent's view of their dimension; the map ticks each
// non-senior group with a chance that follows the school's breadth, "no one clearly leads it" more
// often where coordination is low, and "Don't know" more often for areas outside a role's work.
// dl-v1 generation draws exactly the same numbers as before dl-v2 existed.

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
  /** dl-v2: spread of respondents' habit of agreeing, in scale points (cancelled by balanced keying). */
  agreementSd?: number
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
  agreementSd: 0.25,
} as const

/**
 * dl-v2: where each pattern's schools sit in the placement's space (shared/domain/placement.ts),
 * inside the pattern's region: autocracy and the delegations by spread, with initiative from the
 * top and little contest; guided distribution wide spread with initiative from the top; emergent
 * with initiative from staff and little contest; assertive with initiative from staff and open
 * contest (and less coordination than guided or emergent); anarchy with low coordination and coherence.
 */
export const PATTERN_POINTS: Readonly<Record<PatternValue, ModelPoint>> = {
  1: { spread: 10, coordination: 55, initiative: 12, contest: 15 },
  2: { spread: 30, coordination: 62, initiative: 20, contest: 22 },
  3: { spread: 45, coordination: 64, initiative: 32, contest: 28 },
  4: { spread: 66, coordination: 70, initiative: 30, contest: 32 },
  5: { spread: 70, coordination: 66, initiative: 72, contest: 28 },
  6: { spread: 78, coordination: 60, initiative: 76, contest: 74 },
  7: { spread: 70, coordination: 24, initiative: 66, contest: 58 },
}

/** dl-v2: areas of the map some roles often cannot see into, and the extra chance of "Don't know" there. */
const MAP_DONT_KNOW: Partial<Record<RoleId, Partial<Record<MapAreaId, number>>>> = {
  support_staff: { curriculum: 0.25, teaching_learning: 0.15, staff_development: 0.1, partnership: 0.3 },
  teacher: { partnership: 0.2, families_community: 0.08 },
  other: { curriculum: 0.2, teaching_learning: 0.2, partnership: 0.3 },
}
/** dl-v2: how much more (or less) often each non-senior group is seen to lead than the school's breadth (the offsets cancel). */
const MAP_GROUP_OFFSET = { middle_leaders: 0.15, teachers: 0, support_staff: -0.15 } as const

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
    agreementSd = SYNTHETIC_DEFAULTS.agreementSd,
  } = options
  const random = seededRandom(seed)
  const profileRandom = profileSeed === undefined ? random : seededRandom(profileSeed)
  const v2 = isV2(instrument)
  const profile = v2 ? v2Profile(instrument, pattern, profileRandom, profileSd) : null
  const scaleMeans = profile?.scales ?? schoolProfile(instrument, pattern, profileRandom, profileSd)
  const out: SubmitResponseBody[] = []
  for (let r = 0; r < respondents; r++) {
    const role = random.weighted(ROLE_MIX)
    const spread = random.next() < dissenterRate ? respondentSd * 3 : respondentSd
    const personal = random.normal(0, spread) + (role === 'senior_leader' ? seniorGap : 0)
    const agreement = v2 ? random.normal(0, agreementSd) : 0
    const answers: Record<string, 1 | 2 | 3 | 4 | 5 | null> = {}
    for (const scale of instrument.scales) {
      const mean = scaleMeans.get(scale.id)!
      for (const item of scale.items) {
        const roll = random.next()
        if (roll < skipRate) continue
        if (roll < skipRate + dontKnowRate) answers[item.id] = null
        else {
          // the respondent's view of the practice; a reverse-keyed item is agreed with as the view is low
          const view = mean + personal + random.normal(0, itemSd)
          answers[item.id] = likert((keyingOf(item) === 'negative' ? 6 - view : view) + agreement)
        }
      }
    }
    const body: SubmitResponseBody = {
      instrumentVersion: instrument.id,
      answers,
      nowPattern: random.next() < 0.05 ? null : patternNear(random, pattern, 0.8),
      aimPattern: random.next() < 0.08 ? null : patternNear(random, Math.max(4, Math.min(6, pattern + 1)), 0.8),
      role,
    }
    if (profile) Object.assign(body, v2Parts(instrument, profile, role, personal * 25, random, { skipRate, dontKnowRate, itemSd }))
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

/** dl-v2: a school's profile, the scale means (1..5) and the pattern dimensions' values (0..100). */
interface V2Profile {
  point: ModelPoint
  scales: Map<ScaleId, number>
  dimensions: Record<PatternDimensionId | 'breadth', number>
}

function isV2(instrument: Instrument): boolean {
  return instrument.patternBlock !== undefined && instrument.leadershipMap !== undefined
}

/** Each part scatters around the dimension it feeds (profileSd index points), kept within 2..98. */
function v2Profile(instrument: Instrument, pattern: PatternValue, random: Random, profileSd: number): V2Profile {
  const point = PATTERN_POINTS[pattern]
  const near = (centre: number) => clamp(centre + random.normal(0, profileSd), 2, 98)
  const scales = new Map(instrument.scales.map((scale) => [scale.id, fromIndex(near(scale.id === 'coordination' ? point.coordination : point.spread))] as const))
  const dimensions = {
    authority: near(point.spread),
    breadth: near(point.spread),
    coherence: near(point.coordination),
    initiative: near(point.initiative),
    contest: near(point.contest),
  }
  return { point, scales, dimensions }
}

/**
 * dl-v2's pattern block, origin choice and leadership map for one respondent. `personal` is the
 * respondent's offset in index points: it colours authority, initiative and breadth (senior leaders
 * see more of each), not how coherent or contested the direction is.
 */
function v2Parts(
  instrument: Instrument,
  profile: V2Profile,
  role: RoleId | null,
  personal: number,
  random: Random,
  noise: { skipRate: number; dontKnowRate: number; itemSd: number },
): Pick<SubmitResponseBody, 'pairs' | 'origin' | 'map'> {
  const block = instrument.patternBlock!
  const map = instrument.leadershipMap!
  const coloured: Record<PatternDimensionId | 'breadth', boolean> = { authority: true, initiative: true, breadth: true, coherence: false, contest: false }
  const view = (dimension: PatternDimensionId | 'breadth') => profile.dimensions[dimension] + (coloured[dimension] ? personal : 0) + random.normal(0, 12)
  // a pair's or choice's four points span 0..100; item noise as for agree/disagree answers
  const fourPoint = (index: number) => clamp(Math.round(1 + (3 * index) / 100 + random.normal(0, noise.itemSd)), 1, 4) as 1 | 2 | 3 | 4
  const pairs: Record<string, 1 | 2 | 3 | 4 | null> = {}
  for (const pair of block.pairs) {
    const roll = random.next()
    if (roll < noise.skipRate) continue
    if (roll < noise.skipRate + noise.dontKnowRate * 2) pairs[pair.id] = null
    else {
      const towardsHigh = fourPoint(view(pair.dimension))
      pairs[pair.id] = pair.high === 'second' ? towardsHigh : ((5 - towardsHigh) as 1 | 2 | 3 | 4)
    }
  }
  const origin = random.next() < noise.dontKnowRate ? null : fourPoint(view('initiative'))
  // the top team is seen to lead less of the work as the school's spread grows; "no one clearly leads it" as coordination falls
  const seniorShare = clamp(0.98 - (0.4 * profile.point.spread) / 100, 0.4, 0.98)
  const noOneClear = clamp((50 - profile.point.coordination) / 100, 0.02, 0.4)
  const breadth = view('breadth') / 100
  const areas: NonNullable<SubmitResponseBody['map']> = {}
  for (const area of map.areas) {
    const unseen = (role && MAP_DONT_KNOW[role]?.[area.id]) ?? 0
    const roll = random.next()
    if (roll < noise.skipRate) continue
    if (roll < noise.skipRate + noise.dontKnowRate + unseen) areas[area.id] = ['dont_know']
    else if (random.next() < noOneClear) areas[area.id] = ['no_one_clear']
    else {
      const ticked = MAP_ROLE_IDS.filter((group) => random.next() < (group === 'senior_leaders' ? seniorShare : breadth + MAP_GROUP_OFFSET[group]))
      areas[area.id] = ticked.length > 0 ? ticked : ['senior_leaders']
    }
  }
  return { pairs, origin, map: areas }
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
