import { afterEach, describe, expect, it } from 'vitest'
import { ApiRequestError } from '../../../client/src/common/api.ts'
import { FormState } from '../../../client/src/common/form-state.svelte.ts'
import { useErrorWords } from '../../../client/src/common/lead-errors.ts'
import { Loadable } from '../../../client/src/common/loadable.svelte.ts'
import { createLeadMessages } from '../../../client/src/lead/messages.svelte.ts'

// The two helpers every leaders' page uses: Loadable (a page's loading) and FormState (a form's
// submit). The API's failures are real ApiRequestErrors, as the fetch wrapper throws them.

const refused = (message: string, issues: { path: string; message: string }[] = []) =>
  new ApiRequestError(400, { error: { code: 'VALIDATION_FAILED', message, issues } })

/** A call that waits until the test lets it answer. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (err: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

describe('Loadable', () => {
  it('is loading until the first answer, then holds it', async () => {
    const page = new Loadable(async () => 42)
    expect(page.loading).toBe(true)
    await page.load()
    expect([page.value, page.loading, page.error]).toEqual([42, false, null])
  })

  it('says why a load failed in words and keeps the value shown before', async () => {
    let fail = false
    const page = new Loadable(async () => {
      if (fail) throw refused('That cycle has no surveys.')
      return 'first'
    })
    await page.load()
    fail = true
    await page.load()
    expect([page.value, page.loading, page.error]).toEqual(['first', false, 'That cycle has no surveys.'])
    const broken = new Loadable<string>(async () => {
      throw new TypeError('x is undefined')
    })
    await broken.load()
    expect(broken.error).toBe('Something went wrong. Please try again.')
  })

  it('lets the newer of two loads win, whichever answers last', async () => {
    const calls = [deferred<string>(), deferred<string>()]
    let n = 0
    const page = new Loadable(() => calls[n++]!.promise)
    const older = page.load()
    const newer = page.load()
    calls[1]!.resolve('newer')
    await newer
    calls[0]!.resolve('older')
    await older
    expect([page.value, page.loading]).toEqual(['newer', false])
  })
})

describe('FormState', () => {
  it('is busy while sending, ignores a second submit meanwhile, and says it worked', async () => {
    const form = new FormState()
    const call = deferred<void>()
    let sent = 0
    const first = form.send(async () => {
      sent++
      await call.promise
    }, 'Settings saved.')
    expect(form.busy).toBe(true)
    await expect(form.send(async () => void sent++)).resolves.toBe(false)
    call.resolve()
    await expect(first).resolves.toBe(true)
    expect([sent, form.busy, form.error, form.done]).toEqual([1, false, null, 'Settings saved.'])
  })

  it('shows the API’s message and its per-field messages when the action throws', async () => {
    const form = new FormState()
    const ok = await form.send(async () => {
      throw refused('Check the dates.', [{ path: '/closesAt', message: 'must be after the opening day' }])
    }, 'never said')
    expect([ok, form.error, form.fields, form.done]).toEqual([false, 'Check the dates.', { closesAt: ['Must be after the opening day.'] }, ''])
  })

  it('takes what went wrong as a returned failure or message too', async () => {
    const form = new FormState()
    await form.send(async () => ({ message: 'Not saved.', fields: { k: ['Too small.'] } }))
    expect([form.error, form.fields]).toEqual(['Not saved.', { k: ['Too small.'] }])
    await form.send(async () => 'The codes could not be made.')
    expect([form.error, form.fields]).toEqual(['The codes could not be made.', {}])
  })

  it('clears the last failure when sent again, and the form’s own checks send nothing', async () => {
    const form = new FormState()
    await form.invalid({ title: ['Give the survey a title.'] }, 'One answer needs changing.')
    expect([form.error, form.fields, form.busy]).toEqual(['One answer needs changing.', { title: ['Give the survey a title.'] }, false])
    await form.send(async () => null, 'Created.')
    expect([form.error, form.fields, form.done]).toEqual([null, {}, 'Created.'])
  })
})

describe('the client’s own error sentences', () => {
  afterEach(() => useErrorWords(createLeadMessages()))

  it('are said in the language the app chose, common error codes too, while other server messages stay as they came, marked English', async () => {
    const welsh = createLeadMessages()
    await welsh.use('cy', { remember: false })
    useErrorWords(welsh)
    const failing = (err: unknown) =>
      new Loadable<string>(async () => {
        throw err
      })
    const errors = []
    const languages = []
    const busy = new ApiRequestError(429, { error: { code: 'RATE_LIMITED', message: 'Too many requests from here just now.' } })
    for (const err of [new ApiRequestError(0, undefined), new ApiRequestError(502, undefined), new TypeError('x is undefined'), busy, refused('That cycle has no surveys.')]) {
      const page = failing(err)
      await page.load()
      errors.push(page.error)
      languages.push(page.errorLang)
    }
    expect(errors).toEqual([
      'Doedd dim modd cyrraedd Continuum. Gwiriwch eich cysylltiad a rhowch gynnig arall arni.',
      'Atebodd y gweinydd 502.',
      'Aeth rhywbeth o’i le. Rhowch gynnig arall arni.',
      'Gormod o geisiadau o’r fan hon ar hyn o bryd. Arhoswch funud a rhowch gynnig arall arni.',
      'That cycle has no surveys.',
    ])
    expect(languages).toEqual([undefined, undefined, undefined, undefined, 'en'])
    const form = new FormState()
    await form.send(async () => {
      throw refused('That title is taken.')
    })
    expect([form.error, form.errorLang]).toEqual(['That title is taken.', 'en'])
    await form.invalid({}, 'Doedd dim modd ei gadw.')
    expect(form.errorLang).toBeUndefined()
  })
})
