import { Chart, Filler, Legend, LineElement, PointElement, RadarController, RadialLinearScale, Tooltip, type ChartDataset } from 'chart.js'
import type { Attachment } from 'svelte/attachments'
import { on } from 'svelte/events'
import { wrapWords } from './report-words.ts'

// The report's radar chart: the nine scale means on one 1..5 axis, with optional overlays. Only
// what the radar uses is registered, and only the leaders' bundle imports this module.
Chart.register(RadarController, RadialLinearScale, PointElement, LineElement, Filler, Tooltip, Legend)

export type SeriesKind = 'current' | 'previous' | 'trust'

export interface SeriesStyle {
  colour: string
  fill: string
  /** Line dash (canvas units); series differ in dash and point shape too, never colour alone. */
  dash: number[]
  point: 'circle' | 'triangle' | 'rectRot'
  width: number
}

/** Blue / orange / dark grey: apart for the common colour-vision deficiencies and in greyscale. */
export const SERIES_STYLES: Readonly<Record<SeriesKind, SeriesStyle>> = {
  current: { colour: '#1d4ed8', fill: 'rgba(29, 78, 216, 0.14)', dash: [], point: 'circle', width: 2.5 },
  previous: { colour: '#b45309', fill: 'rgba(0, 0, 0, 0)', dash: [8, 5], point: 'triangle', width: 2 },
  trust: { colour: '#374151', fill: 'rgba(0, 0, 0, 0)', dash: [2, 4], point: 'rectRot', width: 2 },
}

export interface RadarSeries { kind: SeriesKind; label: string; values: (number | null)[] }
/** One value per label in every series. */
export interface RadarData { labels: string[]; series: RadarSeries[] }

/**
 * The size (CSS px) the chart is drawn at for printing; the print stylesheet gives the chart's box
 * the same size. Chart.js cannot see the page being laid out for paper, so it is told before.
 */
export const RADAR_PRINT_SIZE = { width: 460, height: 380 } as const

function dataset({ kind, label, values }: RadarSeries): ChartDataset<'radar', (number | null)[]> {
  const style = SERIES_STYLES[kind]
  return {
    label,
    data: values,
    borderColor: style.colour,
    backgroundColor: style.fill,
    borderWidth: style.width,
    borderDash: style.dash,
    fill: kind === 'current',
    pointStyle: style.point,
    pointRadius: kind === 'current' ? 4 : 5,
    pointBackgroundColor: kind === 'current' ? style.colour : '#ffffff',
    pointBorderColor: style.colour,
    pointBorderWidth: 2,
    // Drawn first, so the overlays stay visible on top of the filled area.
    order: kind === 'current' ? 1 : 0,
  }
}

/** Attachment: creates the chart once, then updates it in place whenever `getData` changes. */
export function radarChart(getData: () => RadarData): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    // Long scale names go on two or three lines, shorter ones on a narrow screen.
    const narrow = () => canvas.clientWidth < 420
    const chart = new Chart<'radar', (number | null)[], string>(canvas, {
      type: 'radar',
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
              font: () => ({ size: narrow() ? 10 : 12 }),
              callback: (label: string) => wrapWords(label, narrow() ? 11 : 16),
              padding: narrow() ? 3 : 6,
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
    const offBefore = on(window, 'beforeprint', () => chart.resize(RADAR_PRINT_SIZE.width, RADAR_PRINT_SIZE.height))
    const offAfter = on(window, 'afterprint', () => chart.resize())
    return () => {
      offBefore()
      offAfter()
      chart.destroy()
    }
  }
}
