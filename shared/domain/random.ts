// A small seeded pseudo-random generator (mulberry32) so that synthetic data, simulations and
// benchmarks are reproducible: the same seed gives the same numbers on every machine.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number
  /** Normal with the given mean and standard deviation (Box–Muller). */
  normal(mean?: number, sd?: number): number
  /** A whole number in [0, n). */
  int(n: number): number
  /** One entry, picked with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T
  /** A fresh array in random order. */
  shuffle<T>(items: readonly T[]): T[]
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  return {
    next,
    int,
    normal(mean = 0, sd = 1) {
      const u = 1 - next()
      const v = next()
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    },
    weighted(entries) {
      const total = entries.reduce((sum, [, w]) => sum + w, 0)
      let r = next() * total
      for (const [value, weight] of entries) {
        r -= weight
        if (r < 0) return value
      }
      return entries[entries.length - 1]![0]
    },
    shuffle(items) {
      const out = [...items]
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(i + 1)
        ;[out[i], out[j]] = [out[j]!, out[i]!]
      }
      return out
    },
  }
}
