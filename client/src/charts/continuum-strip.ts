// The geometry of the continuum strip (lead/ContinuumStrip.svelte): the seven patterns in order,
// anarchy set apart at the far end behind a divider, and one lane per thing placed on it. The strip
// is a CSS grid; these functions name each piece's grid area, across (patterns left to right) and,
// for a strip that turns on its side on a narrow screen, down (patterns top to bottom).

/** What a lane shows: what staff say now, what they aim for, where their answers place the school. */
export type MarkKind = 'now' | 'aim' | 'evidence'

/** A band from one pattern to another, with its marker at `at` (all pattern values 1..7). */
export interface StripSpan { from: number; to: number; at: number }

export interface StripLane {
  key: string
  kind: MarkKind
  /** Shown in the first column when the strip has lane names. */
  name?: string
  /** Null when there is nothing to place: the lane says `empty` instead. */
  span: StripSpan | null
  empty?: string
}

export interface StripLayout {
  /** A first column naming each lane. */
  laneNames: boolean
  /** A first row naming (or numbering) the patterns. */
  header: boolean
  lanes: number
}

/** Grid column of a pattern (1-based grid line where it starts): 1–6 in a row, then the divider, then 7. */
function column(layout: StripLayout, pattern: number): number {
  return (layout.laneNames ? 1 : 0) + (pattern <= 6 ? pattern : 8)
}

/** Grid row of the i-th lane (0-based). */
function laneRow(layout: StripLayout, lane: number): number {
  return (layout.header ? 2 : 1) + lane
}

/** Grid row of a pattern in the turned strip: the pattern names' column is first, lanes across. */
const downRow = (pattern: number) => (pattern <= 6 ? pattern + 1 : 9)

const area = (row: number, col: number, rowEnd: number, colEnd: number) => `${row} / ${col} / ${rowEnd} / ${colEnd}`
const style = (across: string, down?: string) => `--across: ${across}` + (down ? `; --down: ${down}` : '')

/** Grid areas (as a style attribute setting --across and, for a turning strip, --down). */
export function stripAreas(layout: StripLayout, turn: boolean) {
  const firstLane = laneRow(layout, 0)
  const afterLanes = laneRow(layout, layout.lanes)
  const firstPattern = layout.laneNames ? 2 : 1
  return {
    patternName: (p: number) =>
      style(area(1, column(layout, p), 2, column(layout, p) + 1), turn ? area(downRow(p), 1, downRow(p) + 1, 2) : undefined),
    track: (p: number) =>
      style(area(firstLane, column(layout, p), afterLanes, column(layout, p) + 1), turn ? area(downRow(p), 2, downRow(p) + 1, 2 + layout.lanes) : undefined),
    divider: () => {
      const col = column(layout, 7) - 1
      return style(area(1, col, afterLanes, col + 1), turn ? area(8, 1, 9, 2 + layout.lanes) : undefined)
    },
    laneName: (i: number) => style(area(laneRow(layout, i), 1, laneRow(layout, i) + 1, 2), turn ? area(1, i + 2, 2, i + 3) : undefined),
    span: (i: number, from: number, to: number) =>
      style(
        area(laneRow(layout, i), column(layout, from), laneRow(layout, i) + 1, column(layout, to) + 1),
        turn ? area(downRow(from), i + 2, downRow(to) + 1, i + 3) : undefined,
      ),
    empty: (i: number) =>
      style(area(laneRow(layout, i), firstPattern, laneRow(layout, i) + 1, firstPattern + 8), turn ? area(2, i + 2, 10, i + 3) : undefined),
  }
}
