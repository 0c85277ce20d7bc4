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
