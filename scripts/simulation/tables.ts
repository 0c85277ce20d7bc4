import type { PatternMap } from '../../shared/domain/continuum.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import type { PatternValue } from '../../shared/instrument/types.ts'
import { pooledRecovery, type CoverageCell, type RecoveryCell, type StudyResult } from './study.ts'

// Markdown tables of a study's results, for `npm run simulate:v1` and docs/scoring.md.

export const pct = (x: number, digits = 1) => (Number.isNaN(x) ? '–' : `${(x * 100).toFixed(digits)} %`)
export const thousands = (x: number) => x.toLocaleString('en-GB').replaceAll(',', ' ')
const label = (p: number) => dlV1.continuum.patterns.find((x) => x.value === p)?.label ?? String(p)
const scaleName = (id: string) => dlV1.scales.find((s) => s.id === id)?.name ?? id

export function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(head), line(head.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n')
}

export function mapText(map: PatternMap): string {
  return `distributionBounds [${map.distributionBounds.join(', ')}], anarchyMinDistribution ${map.anarchyMinDistribution}, anarchyMaxCoordination ${map.anarchyMaxCoordination}`
}

function recoveryTable(cells: readonly RecoveryCell[], sizes: readonly number[], value: (c: RecoveryCell) => number, pooled: (n: number) => number): string {
  const patterns = [...new Set(cells.map((c) => c.pattern))].sort((a, b) => a - b)
  const rows = patterns.map((p) => [`${p} ${label(p)}`, ...sizes.map((n) => pct(value(cells.find((c) => c.pattern === p && c.n === n)!)))])
  rows.push(['**all patterns**', ...sizes.map((n) => `**${pct(pooled(n))}**`)])
  return table(['true pattern', ...sizes.map((n) => `n = ${n}`)], rows)
}

function confusionTable(cells: readonly RecoveryCell[], n: number): string {
  const patterns = [...new Set(cells.map((c) => c.pattern))].sort((a, b) => a - b)
  const rows = patterns.map((p) => {
    const c = cells.find((x) => x.pattern === p && x.n === n)!
    return [`${p} ${label(p)}`, ...c.confusion.map((k, i) => (i + 1 === p ? `**${k}**` : k === 0 ? '·' : String(k))), c.unplaced === 0 ? '·' : String(c.unplaced)]
  })
  return table(['true \\ placed', '1', '2', '3', '4', '5', '6', '7', 'none'], rows)
}

const coverageText = (c: CoverageCell) => pct(c.rate)

export function studyMarkdown(result: StudyResult): string {
  const sizes = [...new Set(result.recovery.map((c) => c.n))].sort((a, b) => a - b)
  const out: string[] = []
  out.push('### Recovery of the evidence position: exact')
  out.push('')
  out.push('Share of schools whose report places them in the pattern they were generated from.')
  out.push('')
  out.push(recoveryTable(result.recovery, sizes, (c) => c.exact, (n) => pooledRecovery(result.recovery, n).exact))
  out.push('')
  out.push('### Recovery of the evidence position: within one pattern')
  out.push('')
  out.push('Share placed at most one pattern away in the continuum\'s numbering (for anarchy, 7, that means anarchy or assertive distribution).')
  out.push('')
  out.push(recoveryTable(result.recovery, sizes, (c) => c.withinOne, (n) => pooledRecovery(result.recovery, n).withinOne))
  for (const n of sizes.filter((n) => n === 5 || n === 20)) {
    out.push('')
    out.push(`### Where schools of ${n} are placed (counts; rows: true pattern, columns: evidence position)`)
    out.push('')
    out.push(confusionTable(result.recovery, n))
  }
  out.push('')
  out.push('### Coverage of the 95 % confidence intervals of the scale means')
  out.push('')
  out.push('Each school\'s nine scale CIs (as the report computes them) against its true scale means.')
  out.push('')
  out.push(
    table(
      ['n', 'intervals', 'cover the truth', 'miss: truth above', 'miss: truth below', 'no interval'],
      result.coverage.byN.map(({ n, cell }) => [
        String(n),
        thousands(cell.total),
        `**${coverageText(cell)}**`,
        pct((cell.total - cell.covered - cell.missedLow) / cell.total),
        pct(cell.missedLow / cell.total),
        String(cell.noInterval),
      ]),
    ),
  )
  out.push('')
  const scales = [...new Set(result.coverage.byScale.map((c) => c.scale))]
  out.push(
    table(
      ['scale (all patterns)', ...sizes.map((n) => `n = ${n}`)],
      scales.map((scale) => [scaleName(scale), ...sizes.map((n) => coverageText(result.coverage.byScale.find((c) => c.n === n && c.scale === scale)!.cell))]),
    ),
  )
  out.push('')
  const low = result.coverage.byPatternScale.filter((c) => c.cell.rate < 0.9)
  out.push(`Cells (pattern × scale × n, ${result.schoolsPerCell} intervals each) with coverage below 90 %: ${low.length === 0 ? 'none.' : ''}`)
  if (low.length > 0) {
    out.push('')
    out.push(
      table(
        ['n', 'pattern', 'scale', 'coverage', 'miss: truth above', 'miss: truth below'],
        low.map(({ n, pattern, scale, cell }) => [String(n), `${pattern} ${label(pattern as PatternValue)}`, scaleName(scale), coverageText(cell), String(cell.total - cell.covered - cell.missedLow), String(cell.missedLow)]),
      ),
    )
  }
  const worst = [...result.coverage.byPatternScale].sort((a, b) => a.cell.rate - b.cell.rate).slice(0, 5)
  out.push('')
  out.push(`Lowest cells: ${worst.map(({ n, pattern, scale, cell }) => `${label(pattern)} / ${scaleName(scale).toLowerCase()} at n = ${n}: ${coverageText(cell)}`).join('; ')}.`)
  return out.join('\n')
}
