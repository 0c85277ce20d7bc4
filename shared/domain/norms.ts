// Norms: where a school's figures stand among other schools' (docs/scoring.md "Norms",
// docs/anonymity.md "Norms"). Each school counts once, with the figures its own latest released
// report of the last 12 months discloses (never its responses); a group's norms are the
// percentiles of those figures. The server computes them in SQL (server/modules/norms/); this file
// holds the rules and the same computation in plain TypeScript, which the tests compare with SQL.

/** The percentiles a norm table holds. */
export const NORM_PERCENTILES = [10, 25, 50, 75, 90] as const
/** A group is shown only with at least this many schools… */
export const NORM_MIN_SCHOOLS = 10
/** …from at least this many trusts (a school in no trust counts as a trust of its own)… */
export const NORM_MIN_TRUSTS = 3
/** …and no one trust holding more than this share of them. */
export const NORM_MAX_TRUST_SHARE = 0.5
/**
 * The measures besides the scales (dl-v2 on): each placement dimension's mean (0..100) as
 * `dimension:<id>`, and the placement itself, whose value is the most likely pattern (1..7) and
 * whose norm is the share of schools most likely in each pattern instead of percentiles.
 */
export const DIMENSION_MEASURE_PREFIX = 'dimension:'
export const PLACEMENT_MEASURE = 'placement'
export const PATTERN_VALUES = [1, 2, 3, 4, 5, 6, 7] as const

/** How far back a survey may have closed to count. */
export const NORM_WINDOW_DAYS = 365

/**
 * The groups: every school; schools of the same phase and staff band ("similar"); and those of the
 * same nation too. Each narrower group lies inside the one before it (its parent).
 */
export const NORM_GROUP_KINDS = ['all', 'similar', 'similar_nation'] as const
export type NormGroupKind = (typeof NORM_GROUP_KINDS)[number]
export const PARENT_KIND: Record<Exclude<NormGroupKind, 'all'>, NormGroupKind> = { similar: 'all', similar_nation: 'similar' }

export interface SchoolContextKeys { phase: string | null; staffBand: string | null; nation: string | null }

/** The key of each group a school of this context belongs to (null where its context does not say). */
export function groupKeys(context: SchoolContextKeys): Record<NormGroupKind, string | null> {
  const similar = context.phase && context.staffBand ? `${context.phase}/${context.staffBand}` : null
  return { all: 'all', similar, similar_nation: similar && context.nation ? `${similar}/${context.nation}` : null }
}

/** One school's contribution: its trust (or itself, when in none) and the figures its report discloses, by measure. */
export interface NormContributor extends SchoolContextKeys {
  schoolId: number
  trustId: number | null
  values: Readonly<Record<string, number | null>>
}

/** How many schools and trusts a set of contributions holds, and the most any one trust holds. */
export interface Membership { schools: number; trusts: number; largestTrust: number }

/** The counts a group needs before its percentiles may be shown, before the complement rule. */
export function meetsMinimum(m: Membership): boolean {
  return m.schools >= NORM_MIN_SCHOOLS && m.trusts >= NORM_MIN_TRUSTS && m.largestTrust <= NORM_MAX_TRUST_SHARE * m.schools
}

/**
 * Whether a group's norms are shown: it meets the minimum, and so does what its parent holds
 * outside it (unless nothing), and its parent is shown. Otherwise switching between the two would
 * let a reader work out norms of the schools in one and not the other: a group below its minimum.
 */
export function normShown(group: Membership, parent: { shown: boolean; schools: number } | null, complement: Membership | null): boolean {
  if (!meetsMinimum(group)) return false
  if (!parent) return true
  if (!parent.shown) return false
  return parent.schools === group.schools || (complement !== null && complement.schools >= NORM_MIN_SCHOOLS && complement.trusts >= NORM_MIN_TRUSTS)
}

/** Postgres's percentile_cont: linear interpolation between the sorted values around p·(n−1). */
export function percentileCont(sorted: readonly number[], p: number): number {
  const at = p * (sorted.length - 1)
  const below = Math.floor(at)
  const above = Math.ceil(at)
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below)
}

/** One norm table row: a group's percentiles of one measure (a scale), over the schools that disclose it. */
export interface NormRow {
  kind: NormGroupKind
  key: string
  measure: string
  schools: number
  trusts: number
  /** At NORM_PERCENTILES, rounded to 2 decimals as stored; for PLACEMENT_MEASURE, the share of schools most likely in each pattern 1..7. */
  percentiles: number[]
}

export const roundNorm = (x: number): number => Math.round(x * 100) / 100

const trustOf = (c: NormContributor) => (c.trustId === null ? `school:${c.schoolId}` : `trust:${c.trustId}`)

function membership(members: readonly NormContributor[]): Membership {
  const byTrust = new Map<string, number>()
  for (const m of members) byTrust.set(trustOf(m), (byTrust.get(trustOf(m)) ?? 0) + 1)
  return { schools: members.length, trusts: byTrust.size, largestTrust: Math.max(0, ...byTrust.values()) }
}

/** The norm tables from contributions, in plain TypeScript: the rows that may be shown, as the SQL gives them. */
export function computeNorms(contributors: readonly NormContributor[], measures: readonly string[]): NormRow[] {
  const rows: NormRow[] = []
  for (const measure of measures) {
    const withValue = contributors.filter((c) => c.values[measure] !== null && c.values[measure] !== undefined)
    const shown = new Map<string, { shown: boolean; schools: number }>()
    for (const kind of NORM_GROUP_KINDS) {
      const groups = new Map<string, NormContributor[]>()
      for (const c of withValue) {
        const key = groupKeys(c)[kind]
        if (key !== null) groups.set(key, [...(groups.get(key) ?? []), c])
      }
      for (const [key, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const parentKind = kind === 'all' ? null : PARENT_KIND[kind]
        const parentKey = parentKind ? groupKeys(members[0]!)[parentKind]! : null
        const parent = parentKind ? (shown.get(`${parentKind}:${parentKey}`) ?? { shown: false, schools: 0 }) : null
        const complement = parentKind ? membership(withValue.filter((c) => groupKeys(c)[parentKind] === parentKey && groupKeys(c)[kind] !== key)) : null
        const group = membership(members)
        const isShown = normShown(group, parent, complement)
        shown.set(`${kind}:${key}`, { shown: isShown, schools: group.schools })
        if (!isShown) continue
        const values = members.map((m) => m.values[measure]!)
        const sorted = [...values].sort((a, b) => a - b)
        const figures =
          measure === PLACEMENT_MEASURE
            ? PATTERN_VALUES.map((p) => values.filter((v) => v === p).length / values.length)
            : NORM_PERCENTILES.map((p) => percentileCont(sorted, p / 100))
        rows.push({ kind, key, measure, schools: group.schools, trusts: group.trusts, percentiles: figures.map(roundNorm) })
      }
    }
  }
  return rows
}

/**
 * Where a value stands among a group: the percentile it falls at, read off the group's percentiles
 * by straight lines between them. Below the 10th or above the 90th it is given as 10 or 90 and
 * `beyond` says which way (the table holds nothing further out).
 */
export function percentileOf(value: number, percentiles: readonly number[]): { percentile: number; beyond: 'below' | 'above' | null } {
  const knots = NORM_PERCENTILES.map((p, i) => [percentiles[i]!, p] as const)
  if (value < knots[0]![0]) return { percentile: knots[0]![1], beyond: 'below' }
  if (value > knots[knots.length - 1]![0]) return { percentile: knots[knots.length - 1]![1], beyond: 'above' }
  // Among equal knots (many schools with the same figure), the middle of the run.
  const equal = knots.filter(([v]) => v === value)
  if (equal.length > 0) return { percentile: (equal[0]![1] + equal[equal.length - 1]![1]) / 2, beyond: null }
  for (let i = 1; i < knots.length; i++) {
    const [v0, p0] = knots[i - 1]!
    const [v1, p1] = knots[i]!
    if (value <= v1) return { percentile: p0 + ((p1 - p0) * (value - v0)) / (v1 - v0), beyond: null }
  }
  return { percentile: 90, beyond: 'above' }
}

const round5 = (p: number) => Math.round(p / 5) * 5

/** Where a value stands among a group, as an overview shows it: the percentile rounded to 5, and which end it lies beyond, if any. */
export function placeAmong(value: number, percentiles: readonly number[]): { percentile: number; beyond: 'below' | 'above' | null } {
  const at = percentileOf(value, percentiles)
  return { percentile: round5(at.percentile), beyond: at.beyond }
}

/** A school's standing on one scale: the percentile of its mean, and of either end of the mean's interval. */
export interface Standing {
  percentile: number
  low: number
  high: number
  /** "around the 30th percentile; between the 15th and 45th" */
  wording: string
  /** Whether the mean, and each end of its interval, lies beyond the group's outer percentiles (10th, 90th). */
  beyond: 'below' | 'above' | null
  lowBeyond: 'below' | 'above' | null
  highBeyond: 'below' | 'above' | null
}

export const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th'}`

/**
 * The standing of a mean with its interval among a group's percentiles, in words that are never
 * surer than the interval: the ends are the percentiles of the interval's ends, rounded to 5.
 */
export function standingOf(mean: number, ciLow: number | null, ciHigh: number | null, percentiles: readonly number[]): Standing {
  const at = percentileOf(mean, percentiles)
  const low = percentileOf(ciLow ?? mean, percentiles)
  const high = percentileOf(ciHigh ?? mean, percentiles)
  const [p, l, h] = [round5(at.percentile), round5(low.percentile), round5(high.percentile)]
  const point = at.beyond === 'below' ? 'below the 10th percentile' : at.beyond === 'above' ? 'above the 90th percentile' : `around the ${ordinal(p)} percentile`
  const lowWords = low.beyond === 'below' ? 'below the 10th' : `the ${ordinal(l)}`
  const highWords = high.beyond === 'above' ? 'above the 90th' : `the ${ordinal(h)}`
  const wording = l === h && low.beyond === high.beyond ? point : `${point}; between ${lowWords} and ${highWords}`
  return { percentile: p, low: l, high: h, wording, beyond: at.beyond, lowBeyond: low.beyond, highBeyond: high.beyond }
}
