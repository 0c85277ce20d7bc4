import { ordinal } from '../../../shared/domain/norms.ts'
import type { OverviewPercentile } from '../../../shared/schemas/trusts.ts'
import { formatMean } from '../common/report-words.ts'

// The heatmap's colours: one hue (ColorBrewer's sequential Blues), light for a low mean and dark
// for a high one, so the order reads in greyscale and for every colour-vision deficiency. The mean
// is always printed in the cell; its colour switches from dark to white where that keeps WCAG AA
// contrast (at least 4.5:1 on every step: the lowest is 4.96, dark text on #4292c6).

export interface HeatStep {
  /** The step covers means from `from` up to (not including) `to`; the last one includes 5. */
  from: number
  to: number
  background: string
  text: string
  /** "1.00 to 1.49", for the legend. */
  label: string
}

const DARK = '#1a1d21'
const WHITE = '#ffffff'
const BLUES = ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c'] as const

export const HEAT_STEPS: readonly HeatStep[] = BLUES.map((background, i) => {
  const from = 1 + i / 2
  const to = from + 0.5
  return {
    from,
    to,
    background,
    text: i >= 6 ? WHITE : DARK,
    label: `${formatMean(from)} to ${i === BLUES.length - 1 ? formatMean(5) : formatMean(to - 0.01)}`,
  }
})

/** The step of a mean as it is printed (rounded to two decimals), so the colour matches the legend. */
export function heatStep(mean: number): HeatStep {
  const shown = Number(formatMean(mean))
  return HEAT_STEPS.find((s) => shown < s.to) ?? HEAT_STEPS[HEAT_STEPS.length - 1]!
}

/**
 * The heatmap coloured by percentile among all schools instead: six steps of the same hue, light
 * for the lowest-placed and dark for the highest, each named by the percentiles it covers.
 */
export interface PercentileStep { background: string; text: string; label: string; covers: (at: OverviewPercentile) => boolean }

const step = (i: number, label: string, covers: PercentileStep['covers']): PercentileStep => ({ background: BLUES[i]!, text: i >= 6 ? WHITE : DARK, label, covers })

export const PERCENTILE_STEPS: readonly PercentileStep[] = [
  step(0, 'below the 10th', (at) => at.beyond === 'below'),
  step(2, '10th to 24th', (at) => at.beyond === null && at.percentile < 25),
  step(3, '25th to 49th', (at) => at.beyond === null && at.percentile >= 25 && at.percentile < 50),
  step(4, '50th to 74th', (at) => at.beyond === null && at.percentile >= 50 && at.percentile < 75),
  step(6, '75th to 90th', (at) => at.beyond === null && at.percentile >= 75),
  step(7, 'above the 90th', (at) => at.beyond === 'above'),
]

export function percentileStep(at: OverviewPercentile): PercentileStep {
  return PERCENTILE_STEPS.find((s) => s.covers(at))!
}

/** "45th", "below 10th", "above 90th": a percentile as a cell prints it. */
export function percentileLabel(at: OverviewPercentile): string {
  return at.beyond ? `${at.beyond} ${ordinal(at.percentile)}` : ordinal(at.percentile)
}
