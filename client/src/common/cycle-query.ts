import { MAX_ID } from '../../../shared/domain/ids.ts'

// The trust overview's choice of cycle as it travels in addresses: in the overview's own query
// string (?cycle=2026-summer, or ?from=2026-01-01&to=2026-07-31) and, shortened, on the links from
// the overview to a school report, so that the report can lead back to the same view. The API
// validates what it is given; these functions only carry it.

/** The trust overview's choice of cycle, as it travels in the address: a term, or a date range. */
export type CycleQuery = { cycle: string } | { from: string; to: string } | Record<string, never>

const TERM = /^\d{4}-(spring|summer|autumn)$/
const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The cycle asked for in a trust overview's query string (?cycle= or ?from=&to=); {} for the default. */
export function cycleQueryOf(search: string): CycleQuery {
  const params = new URLSearchParams(search)
  const cycle = params.get('cycle')
  const from = params.get('from')
  const to = params.get('to')
  if (cycle !== null) return { cycle }
  if (from !== null || to !== null) return { from: from ?? '', to: to ?? '' }
  return {}
}

/** "?cycle=2025-summer", "?from=…&to=…" or "", with "instrument=…" when a questionnaire was asked for. */
export function cycleSearch(query: CycleQuery, instrument?: string): string {
  const params = new URLSearchParams(query)
  if (instrument) params.set('instrument', instrument)
  return params.size ? `?${params}` : ''
}

/** The questionnaire asked for in a trust overview's query string (?instrument=dl-v1); undefined for the default. */
export function instrumentQueryOf(search: string): string | undefined {
  return new URLSearchParams(search).get('instrument') ?? undefined
}

/**
 * The short form of a cycle carried by a link from the trust overview to a school report
 * (?from=trust-<id>&in=<cycle>): a term id, or "<from>..<to>" for a date range.
 */
export function cycleToken(query: CycleQuery): string | null {
  if ('cycle' in query) return query.cycle
  if ('from' in query) return `${query.from}..${query.to}`
  return null
}

/**
 * Where a school report's "Back to the trust overview" leads, when the report was opened from
 * one (?from=trust-<id>, and ?in=<cycle> for the cycle it showed); null otherwise.
 */
export function trustReturnPath(search: string): string | null {
  const params = new URLSearchParams(search)
  const match = /^trust-([1-9][0-9]{0,9})$/.exec(params.get('from') ?? '')
  if (!match || Number(match[1]) > MAX_ID) return null
  const token = params.get('in') ?? ''
  const [from = '', to = ''] = token.split('..')
  const query: CycleQuery = TERM.test(token) ? { cycle: token } : DAY.test(from) && DAY.test(to) ? { from, to } : {}
  return `/trusts/${match[1]}${cycleSearch(query)}`
}
