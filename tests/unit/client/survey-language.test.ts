import { flushSync } from 'svelte'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { dlV1Cy } from '../../../shared/instrument/dl-v1.cy.ts'
import { dlV1 } from '../../../shared/instrument/dl-v1.ts'
import { fakeStaffDevice, openSurvey } from '../../helpers/staff-device.ts'

// The staff survey in another language: the same boundaries as survey-response.test.ts are faked
// (the device's storage, the network answering the form); the browser prefers Welsh or not.

beforeEach(() => {
  fakeStaffDevice()
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the survey’s language', () => {
  it('starts in the browser’s preferred language', async () => {
    const response = await openSurvey(['cy-GB', 'en-GB'])
    expect(response.messages.language).toBe('cy')
    expect(response.form!.instrument.scales[0]!.items[0]!.text).toBe(dlV1Cy['item.sr1'])
    expect(response.messages.t('questions.next')).toBe('Nesaf')
  })

  it('switches at any step without losing an answer, and the choice outlasts a reload', async () => {
    const response = await openSurvey(['en-GB'])
    const [a, b] = dlV1.scales[0]!.items
    response.next()
    response.answer(a!.id, 5)
    response.answer(b!.id, null)
    await response.chooseLanguage('cy')
    flushSync()
    expect(response.answers).toEqual({ [a!.id]: 5, [b!.id]: null })
    expect(response.stepIndex).toBe(1)
    expect(response.form!.instrument.scales[0]!.sectionTitle).toBe(dlV1Cy['scale.shared_responsibility.sectionTitle'])
    expect(response.body().instrumentVersion).toBe('dl-v1')

    const again = await openSurvey(['en-GB'])
    expect(again.messages.language).toBe('cy')
    expect(again.answers).toEqual({ [a!.id]: 5, [b!.id]: null })
    await again.chooseLanguage('en')
    flushSync()
    expect(again.form!.instrument.scales[0]!.items[0]!.text).toBe(a!.text)
  })

  it('says what a response still lacks in the chosen language', async () => {
    const response = await openSurvey(['cy'])
    response.answer('sy1', 4)
    flushSync()
    expect(response.shortfall).toMatch(/^Dim ond pan fydd o leiaf un adran wedi’i hateb y mae ymateb yn cyfrif: 3 o’i 5 datganiad/)
    expect(response.shortfall).toMatch(/Yr agosaf yw “Cydweithio”: atebwch dau ddatganiad arall yno\.$/)
  })

  it('says an error the server sent by its code, in the language chosen, even one chosen after it came', async () => {
    const response = await openSurvey(['en-GB'])
    vi.stubGlobal('fetch', async () =>
      new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many requests from here just now.' } }), { status: 429, headers: { 'content-type': 'application/json' } }))
    for (const item of dlV1.scales[0]!.items) response.answer(item.id, 4)
    await response.submit()
    flushSync()
    expect(response.error).toEqual({ text: 'Too many tries from here just now. Wait a minute and try again; your answers are kept on this device.' })
    await response.chooseLanguage('cy')
    flushSync()
    expect(response.error?.text).toMatch(/^Gormod o ymdrechion o’r fan hon ar hyn o bryd\./)
  })
})
