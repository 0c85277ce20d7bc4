import { describe, expect, it } from 'vitest'
import { checkResponseMinimum } from '../../shared/domain/response-minimum.ts'
import { asksBeyondStatements, pulseInstrument } from '../../shared/domain/pulse-check.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { InstrumentSchema, keyingOf, type ScaleId } from '../../shared/instrument/types.ts'
import { SubmitResponseBodySchema, toSubmission } from '../../shared/schemas/forms.ts'

// A pulse check's questionnaire: the instrument cut down to the asked scales' statements.

describe.each([dlV1, dlV2])('the pulse check questionnaire of %s', (instrument) => {
  const scales: ScaleId[] = ['coordination', 'synergy']
  const asked = pulseInstrument(instrument, scales)

  it("keeps only the asked scales, in the instrument's order, with their statements and keying unchanged", () => {
    expect(InstrumentSchema.safeParse(asked).success).toBe(true)
    expect(asked.scales.map((s) => s.id)).toEqual(['synergy', 'coordination'])
    for (const scale of asked.scales) expect(scale).toEqual(instrument.scales.find((s) => s.id === scale.id))
    expect(asked.scales.flatMap((s) => s.items.map(keyingOf))).toEqual(instrument.scales.filter((s) => scales.includes(s.id)).flatMap((s) => s.items.map(keyingOf)))
    expect(asked.id).toBe(instrument.id)
  })

  it('asks nothing else, and says it takes minutes, not the full survey’s time', () => {
    expect([asked.continuum.patterns, asked.roles, asked.prompts, asked.patternBlock, asked.leadershipMap]).toEqual([[], [], [], undefined, undefined])
    expect(asksBeyondStatements(asked)).toBe(false)
    expect(asksBeyondStatements(instrument)).toBe(true)
    expect(asked.estimatedMinutes).toBeGreaterThanOrEqual(1)
    expect(asked.estimatedMinutes).toBeLessThan(instrument.estimatedMinutes)
  })

  it('refuses any answer it does not ask, and counts a response with one asked scale answered', () => {
    const synergy = instrument.scales.find((s) => s.id === 'synergy')!.items.map((i) => i.id)
    const answers = Object.fromEntries(synergy.map((id) => [id, 4 as const]))
    const body = (extra: object) => SubmitResponseBodySchema.parse({ instrumentVersion: instrument.id, answers, ...extra })
    expect(toSubmission(asked, body({})).ok).toBe(true)
    expect(checkResponseMinimum(asked, answers).counts).toBe(true)
    const other = instrument.scales.find((s) => s.id === 'shared_responsibility')!.items[0]!.id
    const refused = [
      body({ answers: { ...answers, [other]: 3 } }),
      body({ role: 'teacher' }),
      body({ nowPattern: 4 }),
      body({ aimPattern: 5 }),
      body({ comments: { hinders: 'Workload.' } }),
      ...(instrument.patternBlock ? [body({ pairs: { [instrument.patternBlock.pairs[0]!.id]: 1 } }), body({ origin: 2 })] : []),
    ]
    for (const b of refused) expect(toSubmission(asked, b).ok).toBe(false)
    // null for a question not asked is no answer, and is taken
    expect(toSubmission(asked, body({ role: null, nowPattern: null, aimPattern: null, comments: { helps: '  ' } })).ok).toBe(true)
  })
})
