import { flushSync } from 'svelte'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SurveyResponse } from '../../../client/src/respond/survey-response.svelte.ts'
import { dlV1 } from '../../../shared/instrument/dl-v1.ts'
import type { SurveyForm } from '../../../shared/schemas/forms.ts'

// The staff survey keeps answers on the device between visits. Its two true boundaries are faked
// here: the browser's storage (a Map) and the network (fetch answers the survey's form).

const form: SurveyForm = {
  token: 'tok',
  title: 'Autumn survey',
  schoolName: 'Ashgrove',
  isDemo: false,
  closesAt: '2026-12-13T00:00:00.000Z',
  timeZone: 'Europe/London',
  closesOn: '2026-12-12',
  accessMode: 'link',
  minGroupSize: 5,
  instrument: dlV1,
}

let stored: Map<string, string>

beforeEach(() => {
  stored = new Map()
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
    removeItem: (key: string) => void stored.delete(key),
  })
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(form), { headers: { 'content-type': 'application/json' } }))
})
afterEach(() => {
  vi.unstubAllGlobals()
})

async function opened(): Promise<SurveyResponse> {
  const response = new SurveyResponse('tok')
  await response.load()
  flushSync()
  return response
}

describe('answers kept on the device', () => {
  it('come back after a reload, on the same screen', async () => {
    const first = await opened()
    const [a, b] = dlV1.scales[0]!.items
    first.next()
    first.answer(a!.id, 4)
    first.answer(b!.id, null)
    first.choosePattern('now', 3)
    first.writeComment('helps', 'Team meetings')
    first.next()

    const again = await opened()
    expect(again.answers).toEqual({ [a!.id]: 4, [b!.id]: null })
    expect(again.nowPattern).toBe(3)
    expect(again.comments.helps).toBe('Team meetings')
    expect(again.stepIndex).toBe(2)
    expect(again.answeredCount).toBe(2)
  })

  it('are ignored when saved for another questionnaire version or when they are not valid', async () => {
    stored.set('continuum:response:tok', JSON.stringify({ instrumentVersion: 'dl-v0', stepIndex: 3, answers: { sr1: 5 }, nowPattern: null, aimPattern: null, role: null, comments: { helps: '', hinders: '' }, accessCode: '' }))
    expect((await opened()).answers).toEqual({})
    stored.set('continuum:response:tok', '{not json')
    expect((await opened()).answers).toEqual({})
  })

  it('drop answers to items the questionnaire does not have, and a role it does not offer', async () => {
    const item = dlV1.scales[1]!.items[0]!.id
    stored.set('continuum:response:tok', JSON.stringify({ instrumentVersion: dlV1.id, stepIndex: 999, answers: { [item]: 2, zz99: 5 }, nowPattern: null, aimPattern: 6, role: 'governor', comments: { helps: '', hinders: 'x' }, accessCode: '' }))
    const restored = await opened()
    expect(restored.answers).toEqual({ [item]: 2 })
    expect(restored.role).toBeNull()
    expect(restored.aimPattern).toBe(6)
    // never past the review screen
    expect(restored.step.kind).toBe('review')
  })

  it('are wiped once the response is sent', async () => {
    const response = await opened()
    // one section answered in full: the least a counted response needs
    for (const item of dlV1.scales[0]!.items) response.answer(item.id, 5)
    expect(stored.size).toBe(1)
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ received: true }), { status: 201, headers: { 'content-type': 'application/json' } }))
    await response.submit()
    flushSync()
    expect(response.error).toBeNull()
    expect(stored.size).toBe(0)
    expect(response.step.kind).toBe('done')
  })

  it('still work when the browser refuses to store anything', async () => {
    vi.stubGlobal('localStorage', {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
      removeItem: () => undefined,
    })
    const response = await opened()
    response.answer(dlV1.scales[0]!.items[0]!.id, 3)
    expect(response.answeredCount).toBe(1)
  })
})

describe('the least a counted response needs', () => {
  it('refuses to send a blank or almost blank response, says what is missing, and sends nothing', async () => {
    const response = await opened()
    const sent: string[] = []
    vi.stubGlobal('fetch', async (url: string) => {
      sent.push(url)
      return new Response(JSON.stringify({ received: true }), { status: 201, headers: { 'content-type': 'application/json' } })
    })
    expect(response.minimum).toMatchObject({ counts: false, answered: 0 })
    expect(response.minimum?.shortfall).toMatch(/No statement has been answered yet/)
    await response.submit()
    expect(response.error).toMatch(/at least one section is answered: 3 of its 5 statements/)

    // two real answers and three "Don't know" in one section: still no section with a score
    const [a, b, c, d, e] = dlV1.scales[2]!.items
    response.answer(a!.id, 4)
    response.answer(b!.id, 2)
    for (const item of [c, d, e]) response.answer(item!.id, null)
    flushSync()
    expect(response.minimum).toMatchObject({ counts: false, answered: 2 })
    expect(response.minimum?.shortfall).toMatch(/"Working together": answer 1 more statement there/)
    await response.submit()
    expect(sent).toEqual([])
    expect(response.step.kind).not.toBe('done')

    response.answer(c!.id, 3)
    flushSync()
    expect(response.minimum).toMatchObject({ counts: true, scoredSections: 1, shortfall: null })
    await response.submit()
    expect(sent).toHaveLength(1)
    expect(response.step.kind).toBe('done')
  })
})
