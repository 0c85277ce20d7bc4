import { answersInOrder, generateResponses, ROLE_MIX, SYNTHETIC_DEFAULTS } from '../../shared/domain/synthetic.ts'
import { itemCountsOf, scoreSummary } from '../../shared/domain/report.ts'
import type { Summary } from '../../shared/domain/stats.ts'
import { mergeBins, tallyResponses } from '../../shared/domain/tally.ts'
import type { Instrument, PatternValue, ScaleId } from '../../shared/instrument/types.ts'

// The true school scale mean a report's 95 % CI should cover: the expected respondent scale score
// under the generator's model for one school profile. It is not the profile's latent mean, because
// answers are rounded and clamped to 1..5 (a latent 1.4 comes back as about 1.57).
//
// In the generator a respondent answers an item of a scale with latent mean m as
// likert(m + p + e): p is the personal offset (normal, sd respondentSd, or 3 × that for a
// dissenter, shifted by seniorGap for a senior leader), e is item noise (normal, sd itemSd), and
// likert rounds and clamps to 1..5. Skipped and "Don't know" answers are independent of the value,
// so a respondent's expected scale score given p is E[likert(m + p + e)], and
//   E[likert(v)] = 1 + Σ_{j=1..4} P(v ≥ j + ½),
// where v = m + p + e is, within each of the four (senior?, dissenter?) mixture components, normal
// with mean m + shift and variance sd² + itemSd². So the truth has a closed form (below), exact up
// to the error of Φ (< 1e-7). `populationScaleMeans` is the brute-force check: a very large
// population from the same profile, scored by the report's own functions; the unit test and
// `npm run simulate:v1` both compare the two.

/** Standard normal CDF, via erfc (Numerical Recipes' erfcc; fractional error below 1.2e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.5 * x)
  const erfc =
    t *
    Math.exp(
      -x * x - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    )
  return z >= 0 ? 1 - erfc / 2 : erfc / 2
}

const SENIOR_SHARE = ROLE_MIX.find(([role]) => role === 'senior_leader')![1] / ROLE_MIX.reduce((sum, [, weight]) => sum + weight, 0)

/** The expected respondent score on a scale whose latent school mean is `latentMean` (the generator's default noise). */
export function expectedScaleScore(latentMean: number): number {
  const { respondentSd, itemSd, dissenterRate, seniorGap } = SYNTHETIC_DEFAULTS
  let expected = 1
  for (const [seniorWeight, shift] of [[SENIOR_SHARE, seniorGap], [1 - SENIOR_SHARE, 0]] as const) {
    for (const [dissentWeight, sd] of [[dissenterRate, 3 * respondentSd], [1 - dissenterRate, respondentSd]] as const) {
      const spread = Math.sqrt(sd * sd + itemSd * itemSd)
      for (let j = 1; j <= 4; j++) expected += seniorWeight * dissentWeight * normalCdf((latentMean + shift - (j + 0.5)) / spread)
    }
  }
  return expected
}

/** The true mean of every scale for a school profile (latent means from `schoolProfile`). */
export function trueScaleMeans(profile: ReadonlyMap<ScaleId, number>): Map<ScaleId, number> {
  return new Map([...profile].map(([id, latent]) => [id, expectedScaleScore(latent)]))
}

/**
 * The brute-force truth: `respondents` staff drawn from one school profile (fixed by `profileSeed`)
 * with their own `seed`, each scale summarised exactly as the report does.
 */
export function populationScaleMeans(options: {
  instrument: Instrument
  pattern: PatternValue
  profileSeed: number
  seed: number
  respondents: number
}): Map<ScaleId, Summary> {
  const { instrument } = options
  const bodies = generateResponses(options)
  const tally = tallyResponses(
    instrument,
    bodies.map((b) => ({ answers: answersInOrder(instrument, b), role: b.role ?? null, nowPattern: b.nowPattern ?? null, aimPattern: b.aimPattern ?? null })),
  )
  const counts = itemCountsOf(instrument)
  return new Map(instrument.scales.map((s) => [s.id, scoreSummary(mergeBins(tally.groups.map((g) => g.bins[s.id])), counts[s.id])]))
}
