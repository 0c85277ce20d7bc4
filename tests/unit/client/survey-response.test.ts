import { flushSync } from 'svelte'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { dlV1 } from '../../../shared/instrument/dl-v1.ts'
import { dlV2 } from '../../../shared/instrument/dl-v2.ts'
import { SubmitResponseBodySchema, toSubmission, type SurveyForm } from '../../../shared/schemas/forms.ts'
import { fakeStaffDevice, jsonResponse, openSurvey, SURVEY_FORM } from '../../helpers/staff-device.ts'

// The staff survey keeps answers on the device between visits. Its two true boundaries are faked
// here: the browser's storage (a Map) and the network (fetch answers the survey's form).

let stored: Map<string, string>
/** The form the survey link serves: dl-v1 unless a test says otherwise. */
let served: SurveyForm

beforeEach(() => {
  served = SURVEY_FORM
  stored = fakeStaffDevice(() => served)
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('answers kept on the device', () => {
  it('come back after a reload, on the same screen', async () => {
    const first = await openSurvey()
    const [a, b] = dlV1.scales[0]!.items
    first.next()
    first.answer(a!.id, 4)
    first.answer(b!.id, null)
    first.choosePattern('now', 3)
    first.writeComment('helps', 'Team meetings')
    first.next()

    const again = await openSurvey()
    expect(again.answers).toEqual({ [a!.id]: 4, [b!.id]: null })
    expect(again.nowPattern).toBe(3)
    expect(again.comments.helps).toBe('Team meetings')
    expect(again.stepIndex).toBe(2)
    expect(again.answeredCount).toBe(2)
  })

  it('are ignored when saved for another questionnaire version or when they are not valid', async () => {
    stored.set('continuum:response:tok', JSON.stringify({ instrumentVersion: 'dl-v0', stepIndex: 3, answers: { sr1: 5 }, nowPattern: null, aimPattern: null, role: null, comments: { helps: '', hinders: '' }, accessCode: '' }))
    expect((await openSurvey()).answers).toEqual({})
    stored.set('continuum:response:tok', '{not json')
    expect((await openSurvey()).answers).toEqual({})
  })

  it('drop answers to items the questionnaire does not have, and a role it does not offer', async () => {
    const item = dlV1.scales[1]!.items[0]!.id
    stored.set('continuum:response:tok', JSON.stringify({ instrumentVersion: dlV1.id, stepIndex: 999, answers: { [item]: 2, zz99: 5 }, nowPattern: null, aimPattern: 6, role: 'governor', comments: { helps: '', hinders: 'x' }, accessCode: '' }))
    const restored = await openSurvey()
    expect(restored.answers).toEqual({ [item]: 2 })
    expect(restored.role).toBeNull()
    expect(restored.aimPattern).toBe(6)
    // never past the review screen
    expect(restored.step.kind).toBe('review')
  })

  it('are wiped once the response is sent', async () => {
    const response = await openSurvey()
    // one section answered in full: the least a counted response needs
    for (const item of dlV1.scales[0]!.items) response.answer(item.id, 5)
    expect(stored.size).toBe(1)
    vi.stubGlobal('fetch', async () => jsonResponse({ received: true }, 201))
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
    const response = await openSurvey()
    response.answer(dlV1.scales[0]!.items[0]!.id, 3)
    expect(response.answeredCount).toBe(1)
  })
})

describe('the least a counted response needs', () => {
  it('refuses to send a blank or almost blank response, says what is missing, and sends nothing', async () => {
    const response = await openSurvey()
    const sent: string[] = []
    vi.stubGlobal('fetch', async (url: string) => {
      sent.push(url)
      return jsonResponse({ received: true }, 201)
    })
    expect(response.minimum).toMatchObject({ counts: false, answered: 0 })
    expect(response.minimum?.shortfall).toMatch(/No statement has been answered yet/)
    await response.submit()
    expect(response.error?.text).toMatch(/at least one section is answered: 3 of its 5 statements/)

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

describe('the dl-v2 parts: paired statements, how leadership arises, the leadership map', () => {
  const block = dlV2.patternBlock!
  const leadershipMap = dlV2.leadershipMap!

  it('each get a screen after the statements and before the big picture; dl-v1 has neither', async () => {
    served = { ...SURVEY_FORM, instrument: dlV2 }
    const v2 = await openSurvey()
    const kinds = v2.steps.map((s) => s.kind)
    expect(kinds.slice(dlV2.scales.length, dlV2.scales.length + 4)).toEqual(['scale', 'pairs', 'map', 'continuum'])
    expect(v2.questionSteps).toBe(dlV2.scales.length + 5)
    expect(v2.indexOf('map')).toBe(dlV2.scales.length + 2)

    served = SURVEY_FORM
    const v1 = await openSurvey()
    expect(v1.steps.map((s) => s.kind)).not.toContain('pairs')
    expect(v1.steps.map((s) => s.kind)).not.toContain('map')
    expect(v1.questionSteps).toBe(dlV1.scales.length + 3)
  })

  it('lets "No one clearly leads it" and "Don\'t know" stand alone on the map', async () => {
    served = { ...SURVEY_FORM, instrument: dlV2 }
    const response = await openSurvey()
    response.tickMap('curriculum', 'senior_leaders', true)
    response.tickMap('curriculum', 'teachers', true)
    expect(response.map.curriculum).toEqual(['senior_leaders', 'teachers'])
    response.tickMap('curriculum', 'no_one_clear', true)
    expect(response.map.curriculum).toEqual(['no_one_clear'])
    response.tickMap('curriculum', 'dont_know', true)
    expect(response.map.curriculum).toEqual(['dont_know'])
    response.tickMap('curriculum', 'middle_leaders', true)
    expect(response.map.curriculum).toEqual(['middle_leaders'])
    flushSync()
    expect(response.unansweredAreas).toBe(leadershipMap.areas.length - 1)
    // unticking the last tick leaves the area unanswered
    response.tickMap('curriculum', 'middle_leaders', false)
    flushSync()
    expect(response.map).toEqual({})
    expect(response.unansweredAreas).toBe(leadershipMap.areas.length)
  })

  it('are kept across a reload and sent as the contract asks', async () => {
    served = { ...SURVEY_FORM, instrument: dlV2 }
    const first = await openSurvey()
    first.answer(dlV2.scales[0]!.items[0]!.id, 4)
    first.choosePair(block.pairs[0]!.id, 1)
    first.choosePair(block.pairs[1]!.id, null)
    first.chooseOrigin(3)
    first.tickMap('behaviour_wellbeing', 'support_staff', true)
    first.tickMap('behaviour_wellbeing', 'middle_leaders', true)
    first.tickMap('partnership', 'dont_know', true)
    first.goTo(first.indexOf('map'))

    const again = await openSurvey()
    expect(again.step.kind).toBe('map')
    expect(again.pairs).toEqual({ [block.pairs[0]!.id]: 1, [block.pairs[1]!.id]: null })
    expect(again.origin).toBe(3)
    expect(again.map).toEqual({ behaviour_wellbeing: ['support_staff', 'middle_leaders'], partnership: ['dont_know'] })
    expect(again.unansweredPairs).toBe(block.pairs.length - 2) // the origin question is answered

    const body = again.body()
    expect(body).toMatchObject({
      instrumentVersion: dlV2.id,
      pairs: { [block.pairs[0]!.id]: 1, [block.pairs[1]!.id]: null },
      origin: 3,
      map: { behaviour_wellbeing: ['support_staff', 'middle_leaders'], partnership: ['dont_know'] },
    })
    const checked = toSubmission(dlV2, SubmitResponseBodySchema.parse(body))
    expect(checked.ok && checked.submission).toMatchObject({
      pairs: [1, null, ...block.pairs.slice(2).map(() => null)],
      origin: 3,
      map: [null, null, ['support_staff', 'middle_leaders'], null, null, ['dont_know']],
    })
  })

  it('drop saved answers the questionnaire does not ask, and dl-v1 sends none of them', async () => {
    served = { ...SURVEY_FORM, instrument: dlV2 }
    const saved = { instrumentVersion: dlV2.id, stepIndex: 1, answers: {}, nowPattern: null, aimPattern: null, role: null, comments: { helps: '', hinders: '' }, accessCode: '' }
    stored.set('continuum:response:tok', JSON.stringify({ ...saved, pairs: { pa1: 2, zz1: 4 }, origin: 2, map: { curriculum: ['teachers'], canteen: ['teachers'] } }))
    const restored = await openSurvey()
    expect(restored.pairs).toEqual({ pa1: 2 })
    expect(restored.map).toEqual({ curriculum: ['teachers'] })
    // a map answer that breaks the rules (a group with "Don't know") is not valid saved state at all
    stored.set('continuum:response:tok', JSON.stringify({ ...saved, map: { curriculum: ['teachers', 'dont_know'] } }))
    expect((await openSurvey()).map).toEqual({})

    served = SURVEY_FORM
    stored.set('continuum:response:tok', JSON.stringify({ ...saved, instrumentVersion: dlV1.id, pairs: { pa1: 2 }, origin: 2, map: { curriculum: ['teachers'] } }))
    const v1 = await openSurvey()
    expect(v1.body()).not.toHaveProperty('pairs')
    expect(v1.body()).not.toHaveProperty('origin')
    expect(v1.body()).not.toHaveProperty('map')
    expect(v1.origin).toBeNull()
  })
})
