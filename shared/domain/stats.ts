// Small, exact statistics for the report: no I/O, no clock, the same answer on server and client.

/** ln Γ(x), Lanczos approximation (g = 7, n = 9): ample precision for t quantiles. */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  x -= 1
  let a = c[0]!
  const t = x + 7.5
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i)
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a)
}

/** Continued fraction for the regularised incomplete beta function (Numerical Recipes' betacf). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  if (Math.abs(d) < tiny) d = tiny
  d = 1 / d
  let h = d
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < 1e-15) break
  }
  return h
}

/** I_x(a, b), the regularised incomplete beta function. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x))
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5)
  return t >= 0 ? 1 - tail : tail
}

const quantiles = new Map<string, number>()

/**
 * The t value with P(T ≤ t) = p, by bisection on the CDF (monotone; 100 steps is exact to double
 * precision). Remembered per (p, df): a trust overview asks for the same few thousand times, and
 * each costs about 0.1 ms.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError(`studentTQuantile needs 0 < p < 1 and df > 0, got p=${p}, df=${df}`)
  const key = `${p}:${df}`
  const known = quantiles.get(key)
  if (known !== undefined) return known
  const t = bisectQuantile(p, df)
  if (quantiles.size < 10_000) quantiles.set(key, t)
  return t
}

function bisectQuantile(p: number, df: number): number {
  let lo = -1e3
  let hi = 1e3
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2
    if (studentTCdf(mid, df) < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

export interface Summary {
  n: number
  mean: number | null
  /** Sample standard deviation (n − 1); null below two values. */
  sd: number | null
  /** 95 % confidence interval of the mean (Student's t); null below two values. */
  ciLow: number | null
  ciHigh: number | null
}

/** Mean, SD and 95 % CI of values given as (value, count) pairs. */
export function summarise(weighted: readonly (readonly [value: number, count: number])[]): Summary {
  let n = 0
  let total = 0
  for (const [value, count] of weighted) {
    n += count
    total += value * count
  }
  if (n === 0) return { n: 0, mean: null, sd: null, ciLow: null, ciHigh: null }
  const mean = total / n
  if (n < 2) return { n, mean, sd: null, ciLow: null, ciHigh: null }
  let squares = 0
  for (const [value, count] of weighted) squares += count * (value - mean) ** 2
  const sd = Math.sqrt(squares / (n - 1))
  const half = studentTQuantile(0.975, n - 1) * (sd / Math.sqrt(n))
  return { n, mean, sd, ciLow: mean - half, ciHigh: mean + half }
}

/** Cronbach's alpha from complete cases' sufficient statistics; null when undefined. */
export function cronbachAlpha(stats: { n: number; itemSums: readonly number[]; itemSquares: readonly number[]; totalSum: number; totalSquares: number }): number | null {
  const { n, itemSums, itemSquares, totalSum, totalSquares } = stats
  const k = itemSums.length
  if (n < 2 || k < 2) return null
  const variance = (sum: number, squares: number) => (squares - (sum * sum) / n) / (n - 1)
  const totalVariance = variance(totalSum, totalSquares)
  if (totalVariance <= 0) return null
  const itemVariance = itemSums.reduce((acc, sum, i) => acc + variance(sum, itemSquares[i]!), 0)
  return (k / (k - 1)) * (1 - itemVariance / totalVariance)
}

/**
 * Quantile of a distribution of votes over 1..m (counts[i] = votes for i + 1): the smallest value
 * whose cumulative share reaches q. Null when there are no votes.
 */
export function discreteQuantile(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0)
  if (total === 0) return null
  let cumulative = 0
  for (let i = 0; i < counts.length; i++) {
    cumulative += counts[i]!
    if (cumulative >= q * total - 1e-9 && cumulative > 0) return i + 1
  }
  return counts.length
}

/** P(F ≤ x) for Fisher's F with (d1, d2) degrees of freedom. */
export function fCdf(x: number, d1: number, d2: number): number {
  return x <= 0 ? 0 : incompleteBeta((d1 * x) / (d1 * x + d2), d1 / 2, d2 / 2)
}

/** The F value with P(F ≤ x) = p, by bisection on the CDF (on a log scale: F spans many orders of magnitude). */
export function fQuantile(p: number, d1: number, d2: number): number {
  if (!(p > 0 && p < 1) || !(d1 > 0) || !(d2 > 0)) throw new RangeError(`fQuantile needs 0 < p < 1 and positive df, got p=${p}, d1=${d1}, d2=${d2}`)
  let lo = -30
  let hi = 30
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2
    if (fCdf(Math.exp(mid), d1, d2) < p) lo = mid
    else hi = mid
  }
  return Math.exp((lo + hi) / 2)
}
