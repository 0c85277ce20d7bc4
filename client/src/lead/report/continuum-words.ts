import type { Messages } from '../../common/i18n.svelte.ts'
import { capitalise, type Continuum } from '../../common/report-words.ts'
import type { LeadMessageKey } from '../messages.svelte.ts'

// dl-v1's continuum position in sentences, in the reader's language: the text alternative of the
// strip, and the glance. No figure is computed here: every number comes from the report.

type Words = Messages<LeadMessageKey>
type Label = (pattern: number) => string
type Votes = NonNullable<Continuum['perceived']['now']>

/** "Guided distribution" or "Progressive delegation to Emergent distribution". */
export function bandWords(low: number, high: number, label: Label, t: Words['t']): string {
  return low === high ? label(low) : t('report.interval', { low: label(low), high: label(high) })
}

function perceivedWords(votes: Votes, label: Label, t: Words['t']): string {
  return votes.q1 === votes.q3
    ? t('report.continuum.votesHalf', { pattern: label(votes.median), n: votes.n })
    : t('report.continuum.votesMost', { pattern: label(votes.median), q1: label(votes.q1), q3: label(votes.q3) })
}

export interface ContinuumWords {
  now: string | null
  aim: string | null
  evidence: string | null
  /** Everything above in one paragraph, for the strip's text alternative and the glance. */
  sentence: string
}

/** The continuum position in words: what staff perceive now, what their answers show, what they aim for. */
export function continuumWords(continuum: Continuum, label: Label, { t }: Words): ContinuumWords {
  const { now, aim } = continuum.perceived
  const ev = continuum.evidence
  const nowText = now ? t('report.continuum.staffPlace', { votes: perceivedWords(now, label, t) }) : null
  let evidenceText: string | null = null
  if (ev) {
    const band = bandWords(ev.bandLow, ev.bandHigh, label, t)
    const pattern = label(ev.pattern)
    evidenceText = ev.uncoordinated
      ? t('report.continuum.placedUncoordinated', { pattern, band })
      : ev.bandLow === ev.bandHigh
        ? t('report.continuum.placedCertain', { pattern })
        : t('report.continuum.placedBand', { pattern, band })
  }
  const aimText = aim ? t('report.continuum.staffAim', { votes: perceivedWords(aim, label, t) }) : null
  const parts = [nowText, evidenceText, aimText].filter((p): p is string => p !== null)
  const sentence =
    parts.length === 0
      ? t('report.continuum.none')
      : `${capitalise(parts.join('; '))}.` + (!now ? ` ${t('report.continuum.noNow')}` : '') + (!ev ? ` ${t('report.continuum.noEvidence')}` : '')
  return { now: nowText && `${nowText}.`, aim: aimText && `${capitalise(aimText)}.`, evidence: evidenceText && `${capitalise(evidenceText)}.`, sentence }
}
