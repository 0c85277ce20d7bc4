import { describe, expect, it } from 'vitest'
import { createLeadMessages } from '../../client/src/lead/messages.svelte.ts'
import { adviceEvidence, flagFactsWords, withheldWords } from '../../shared/domain/advice-words.ts'
import { disclose, planRelease, type ReleaseInput } from '../../shared/domain/anonymity.ts'
import { buildReport, itemCountsOf } from '../../shared/domain/report.ts'
import { tallyResponses, type ResponseRow } from '../../shared/domain/tally.ts'
import { dlV1Cy } from '../../shared/instrument/dl-v1.cy.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { translateInstrument } from '../../shared/instrument/texts.ts'
import { itemOrder, type RoleId } from '../../shared/instrument/types.ts'
import type { SurveyReport } from '../../shared/schemas/reports.ts'

// The report page words what the API sends as codes and figures: in English it says exactly what
// the API's own sentences say (so nothing is lost on the way), and in Welsh it says it in Welsh.

const english = createLeadMessages()
const welsh = createLeadMessages()
await welsh.use('cy', { remember: false })
const welshV1 = translateInstrument(dlV1, 'cy', dlV1Cy)

const order = itemOrder(dlV1)
const row = (answers: (number | null)[], role: RoleId): ResponseRow => ({ answers, role, nowPattern: null, aimPattern: null })
const survey: SurveyReport['survey'] = {
  id: 1, title: 'T', schoolId: 1, schoolName: 'S', phase: 'closed', opensAt: '2026-01-01T00:00:00.000Z', closesAt: '2026-01-15T00:00:00.000Z',
  k: 5, releaseMode: 'at_close', expectedStaff: null, instrumentVersion: 'dl-v1', accessMode: 'link', codeCustodianName: null,
  timeZone: 'Europe/London', opensOn: '2026-01-01', closesOn: '2026-01-15', closedAt: null, responseCount: 0, responseCountPrecision: 'exact',
}

function reportOf(rows: ResponseRow[], release: Partial<ReleaseInput> = {}): SurveyReport {
  const plan = planRelease({ phase: 'closed', releaseMode: 'at_close', k: 5, responseCount: rows.length, ...release } as ReleaseInput)
  const disclosed = plan.released ? disclose(tallyResponses(dlV1, rows), plan, 5, itemCountsOf(dlV1)) : null
  return buildReport({ instrument: dlV1, survey, plan, disclosed, comments: [], overlays: { previous: null, trust: null } })
}

// Distributed without coordination (every risk flag fires); two senior leaders, hidden; the
// community scale's statements mostly "Don't know", so it has no score and its statements are withheld.
const answers = order.map((id) => (id.startsWith('co') ? 1 : id.startsWith('ce') ? null : 5))
const rows = [...Array.from({ length: 6 }, () => row(answers, 'teacher')), ...Array.from({ length: 2 }, () => row(answers, 'senior_leader'))]
const report = reportOf(rows)

describe('the report’s findings worded on the page', () => {
  it('says in English exactly what the API says: what is withheld, each risk flag, each strength and priority', () => {
    expect(report.withheld.length).toBeGreaterThan(3)
    expect(report.withheld.map((note) => withheldWords(note, report, dlV1, english))).toEqual(report.suppression)
    expect(report.flags).toHaveLength(3)
    expect(report.flags.map((f) => flagFactsWords(f.facts!, dlV1, english))).toEqual(report.flags.map((f) => f.evidence))
    expect(report.strengths.map((a) => adviceEvidence(a, 'strength', report, english))).toEqual(report.strengths.map((a) => a.evidence))
    expect(report.priorities.map((a) => adviceEvidence(a, 'priority', report, english))).toEqual(report.priorities.map((a) => a.evidence))
  })

  it('says it all in Welsh, with the questionnaire’s Welsh words', () => {
    const notes = report.withheld.map((note) => withheldWords(note, report, welshV1, welsh))
    expect(notes).toContain(`${welshV1.scales.find((s) => s.id === 'community_engagement')!.name}: atebodd llai na 5 o bobl ddigon o’i datganiadau, felly does dim sgôr iddi.`)
    expect(notes).toContain('Uwch arweinwyr: llai na 5 ymateb.')
    const flags = report.flags.map((f) => flagFactsWords(f.facts!, welshV1, welsh))
    expect(flags).toContain('Mae arweinyddiaeth wedi’i dosbarthu’n eang (mynegai 100) ond wedi’i chydlynu’n wael (mynegai 0).')
    for (const text of [...notes, ...flags]) expect(text).not.toMatch(/\b(the|of|and|fewer|answered)\b/)
  })

  it.each([
    [{ phase: 'open' as const }, 'at_close'],
    [{ phase: 'scheduled' as const }, 'not_open'],
    [{ responseCount: 3 }, 'fewer_than_k'],
    [{ releaseMode: 'live' as const, phase: 'open' as const, releasedBatches: 0 }, 'live_first_step'],
  ] as [Partial<ReleaseInput>, string][])('says why a report shows nothing yet (%j) as the API does', (release, why) => {
    const hidden = reportOf(rows.slice(0, release.responseCount ?? rows.length), release)
    expect(hidden.releaseWhy).toBe(why)
    expect(english.t(`report.release.${hidden.releaseWhy!}`, { k: 5 })).toBe(hidden.releaseNote)
    expect(welsh.t(`report.release.${hidden.releaseWhy!}`, { k: 5 })).not.toBe(hidden.releaseNote)
  })
})
