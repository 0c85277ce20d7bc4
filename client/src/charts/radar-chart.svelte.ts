import { Chart, Filler, Legend, LineElement, PointElement, RadarController, RadialLinearScale, Tooltip, type ChartDataset, type Plugin } from 'chart.js'
import type { Attachment } from 'svelte/attachments'
import { on } from 'svelte/events'
import { wrapWords } from '../common/report-words.ts'

// The radar chart of the school report and the trust overview: the nine scale means on one 1..5
// axis, one line per series. Only what the radar uses is registered, and only the leaders' lazily
// loaded pages import this module.
Chart.register(RadarController, RadialLinearScale, PointElement, LineElement, Filler, Tooltip, Legend)

export type SeriesKind = 'current' | 'previous' | 'trust' | 'norm'

/** Point shapes, by their chart.js names; SeriesKey.svelte draws the same shapes. */
export type PointShape = 'circle' | 'triangle' | 'rectRot' | 'rect' | 'star' | 'crossRot'

export interface SeriesStyle {
  colour: string
  /** The area's fill; null for a line only. */
  fill: string | null
  /** Line dash (canvas units); series differ in dash and point shape too, never colour alone. */
  dash: number[]
  point: PointShape
  /** Points filled with the line's colour (else white inside). */
  solid: boolean
  width: number
}

/** Blue / orange / dark grey: apart for the common colour-vision deficiencies and in greyscale. */
export const SERIES_STYLES: Readonly<Record<SeriesKind, SeriesStyle>> = {
  current: { colour: '#1d4ed8', fill: 'rgba(29, 78, 216, 0.14)', dash: [], point: 'circle', solid: true, width: 2.5 },
  previous: { colour: '#b45309', fill: null, dash: [8, 5], point: 'triangle', solid: false, width: 2 },
  trust: { colour: '#374151', fill: null, dash: [2, 4], point: 'rectRot', solid: false, width: 2 },
  norm: { colour: '#047857', fill: null, dash: [14, 4, 3, 4], point: 'rect', solid: false, width: 2 },
}

/**
 * Up to five schools over the trust average (which keeps its SERIES_STYLES.trust look): each has
 * its own colour, dash and point shape, so any two tell apart in greyscale and for colour-vision
 * deficiencies; every colour has at least 3:1 contrast on white.
 */
export const SCHOOL_STYLES: readonly SeriesStyle[] = [
  { colour: '#1d4ed8', fill: null, dash: [], point: 'circle', solid: true, width: 2.5 },
  { colour: '#b45309', fill: null, dash: [8, 5], point: 'triangle', solid: false, width: 2 },
  { colour: '#047857', fill: null, dash: [14, 4, 3, 4], point: 'rect', solid: false, width: 2 },
  { colour: '#a21caf', fill: null, dash: [3, 3], point: 'star', solid: false, width: 2 },
  { colour: '#be123c', fill: null, dash: [10, 3, 2, 3, 2, 3], point: 'crossRot', solid: false, width: 2 },
]

export interface RadarSeries { key: string; label: string; values: (number | null)[]; style: SeriesStyle }
/** One value per label in every series. */
export interface RadarData { labels: string[]; series: RadarSeries[] }

/**
 * The size (CSS px) the chart is drawn at for printing; the print stylesheet gives the chart's box
 * the same size. Chart.js cannot see the page being laid out for paper, so it is told before.
 */
export const RADAR_PRINT_SIZE = { width: 380, height: 340 } as const

function dataset({ label, values, style }: RadarSeries): ChartDataset<'radar', (number | null)[]> {
  const filled = style.fill !== null
  return {
    label,
    data: values,
    borderColor: style.colour,
    backgroundColor: style.fill ?? 'rgba(0, 0, 0, 0)',
    borderWidth: style.width,
    borderDash: style.dash,
    fill: filled,
    pointStyle: style.point,
    pointRadius: style.solid ? 4 : 5,
    pointBackgroundColor: style.solid ? style.colour : '#ffffff',
    pointBorderColor: style.colour,
    pointBorderWidth: 2,
    // Drawn first, so the lines stay visible on top of a filled area.
    order: filled ? 1 : 0,
  }
}

/** The scale names' (or numbers') font size, in CSS px: never below 12. */
const labelPx = (narrow: boolean) => (narrow ? 13 : 12)

/** Attachment: creates the chart once, then updates it in place whenever `getData` changes. */
export function radarChart(getData: () => RadarData): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    // Long scale names go on two or three lines. On a narrow chart (a phone) the names would leave
    // the web itself about 150 px across, so the chart numbers the scales instead, as its table
    // does, and the web fills the width.
    let printing = false
    const narrow = () => !printing && canvas.clientWidth < 420
    // What was drawn, for the layout tests: the web's diameter and the labels' size, in CSS px.
    const measured: Plugin<'radar'> = {
      id: 'measured',
      afterLayout: (c) => {
        canvas.dataset.radarDiameter = String(Math.round((c.scales.r as RadialLinearScale).drawingArea * 2))
        canvas.dataset.labelPx = String(labelPx(narrow()))
      },
    }
    const chart = new Chart<'radar', (number | null)[], string>(canvas, {
      type: 'radar',
      plugins: [measured],
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        // Sharp on paper and on ordinary screens alike.
        devicePixelRatio: Math.max(2, window.devicePixelRatio || 1),
        layout: { padding: 4 },
        scales: {
          r: {
            min: 1,
            max: 5,
            ticks: { stepSize: 1, color: '#4a4f57', backdropColor: 'rgba(255, 255, 255, 0.85)', font: { size: 11 } },
            grid: { color: '#c9ccd1' },
            angleLines: { color: '#c9ccd1' },
            pointLabels: {
              color: '#1a1d21',
              font: () => ({ size: labelPx(narrow()), weight: narrow() ? 'bold' : 'normal' }),
              callback: (label: string, index: number) => (narrow() ? String(index + 1) : wrapWords(label, 16)),
              padding: narrow() ? 4 : 6,
            },
          },
        },
        plugins: {
          legend: { position: 'bottom', labels: { usePointStyle: true, color: '#1a1d21', font: { size: 12 }, padding: 14 } },
          tooltip: {
            callbacks: {
              label: (item) => `${item.dataset.label ?? ''}: ${item.parsed.r.toFixed(2)}`,
            },
          },
        },
      },
    })
    $effect(() => {
      const { labels, series } = getData()
      chart.data.labels = labels
      chart.data.datasets = series.map(dataset)
      chart.update()
    })
    // On paper the chart is RADAR_PRINT_SIZE, with the scales named.
    const offBefore = on(window, 'beforeprint', () => {
      printing = true
      chart.resize(RADAR_PRINT_SIZE.width, RADAR_PRINT_SIZE.height)
      chart.update() // the labels, even when the size is already the print size
    })
    const offAfter = on(window, 'afterprint', () => {
      printing = false
      chart.resize()
      chart.update()
    })
    return () => {
      offBefore()
      offAfter()
      chart.destroy()
    }
  }
}
