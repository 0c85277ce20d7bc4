// Survey cycles for comparing schools: a school term, or any date range. A survey belongs to the
// cycle in which it closed. Terms follow the English school year: autumn September–December,
// spring January–April, summer May–August (dates in UTC).

export const TERMS = ['spring', 'summer', 'autumn'] as const
export type Term = (typeof TERMS)[number]
const TERM_START_MONTH: Record<Term, number> = { spring: 0, summer: 4, autumn: 8 }
const TERM_LABEL: Record<Term, string> = { spring: 'Spring', summer: 'Summer', autumn: 'Autumn' }

export interface Cycle {
  /** "2026-autumn" for a term, "2026-09-01..2026-12-31" for a range. */
  id: string
  label: string
  /** First instant of the cycle. */
  from: Date
  /** First instant after the cycle. */
  to: Date
}

export const TERM_ID = /^(\d{4})-(spring|summer|autumn)$/

export function termCycle(year: number, term: Term): Cycle {
  const start = TERM_START_MONTH[term]
  return {
    id: `${year}-${term}`,
    label: `${TERM_LABEL[term]} ${year}`,
    from: new Date(Date.UTC(year, start, 1)),
    to: new Date(Date.UTC(year, start + 4, 1)),
  }
}

/** The term a moment falls in. */
export function termOf(date: Date): Cycle {
  const month = date.getUTCMonth()
  const term: Term = month < 4 ? 'spring' : month < 8 ? 'summer' : 'autumn'
  return termCycle(date.getUTCFullYear(), term)
}

export function parseTermId(id: string): Cycle | undefined {
  const match = TERM_ID.exec(id)
  return match ? termCycle(Number(match[1]), match[2] as Term) : undefined
}

/** A date range, both days included (YYYY-MM-DD, UTC). */
export function rangeCycle(fromDay: string, toDay: string): Cycle {
  const from = new Date(`${fromDay}T00:00:00Z`)
  const to = new Date(new Date(`${toDay}T00:00:00Z`).getTime() + 86_400_000)
  const fmt = (d: Date) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
  return { id: `${fromDay}..${toDay}`, label: `${fmt(from)} – ${fmt(new Date(to.getTime() - 1))}`, from, to }
}

/** Distinct terms of the given moments, newest first. */
export function termsOf(dates: readonly Date[]): Cycle[] {
  const byId = new Map(dates.map((d) => termOf(d)).map((c) => [c.id, c]))
  return [...byId.values()].sort((a, b) => b.from.getTime() - a.from.getTime())
}
