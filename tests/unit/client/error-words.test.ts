import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod/mini'
import { ApiRequestError, errorText, type ErrorWords } from '../../../client/src/common/api.ts'
import { fieldErrorsOf, useErrorWords } from '../../../client/src/common/lead-errors.ts'
import { createLeadMessages } from '../../../client/src/lead/messages.svelte.ts'
import { createRespondMessages } from '../../../client/src/respond/messages.svelte.ts'
import { BLOCKING_ERRORS } from '../../../client/src/respond/survey-response.svelte.ts'
import { ErrorCodeSchema, type ErrorCode } from '../../../shared/errors.ts'
import { LANGUAGES } from '../../../shared/instrument/languages.ts'
import { textSchema } from '../../../shared/schemas/common.ts'
import { CreateSurveyBodySchema } from '../../../shared/schemas/surveys.ts'

// What staff and leaders read when something goes wrong, in their language: the API's error codes
// by the apps' catalogues, and the shared schemas' field rules by their zod issues.

const root = join(import.meta.dirname, '../../..')
const read = (path: string) => readFileSync(join(root, path), 'utf8')
const catalogue = (app: string, language: string) => JSON.parse(read(`client/src/${app}/messages/${language}.json`)) as Record<string, string>

/** The error codes a source file can answer with: its code literals, and the codes of the error classes it throws. */
function codesIn(source: string): ErrorCode[] {
  const byClass: Record<string, ErrorCode> = { NotFoundError: 'NOT_FOUND', ValidationError: 'VALIDATION_FAILED' }
  const literals = ErrorCodeSchema.options.filter((code) => source.includes(`'${code}'`))
  const classes = Object.entries(byClass).filter(([name]) => source.includes(`new ${name}(`)).map(([, code]) => code)
  return [...literals, ...classes]
}

// Staff meet the forms module's routes, the origin check every public POST passes, and the error handler.
const staffSources = [
  ...readdirSync(join(root, 'server/modules/forms')).map((file) => `server/modules/forms/${file}`),
  'server/plugins/auth.ts',
  'server/plugins/error-handler.ts',
]
const staffCodes = [...new Set(staffSources.flatMap((path) => codesIn(read(path))))].sort()

describe('the staff survey’s words for the API’s errors', () => {
  it('finds the codes the staff routes can send', () => {
    expect(staffCodes).toEqual(expect.arrayContaining(['CODE_UNKNOWN', 'CODE_USED', 'INSTRUMENT_CHANGED', 'NOT_FOUND', 'RATE_LIMITED', 'SURVEY_CLOSED', 'VALIDATION_FAILED']))
  })

  it.each(LANGUAGES)('has, in %s, a page or a sentence for every one of them', (language) => {
    const messages = catalogue('respond', language)
    for (const code of staffCodes) expect(BLOCKING_ERRORS[code] ?? messages[`errors.${code}`], code).toBeTruthy()
  })
})

describe.each(['respond', 'lead'])('the %s catalogue', (app) => {
  it.each(LANGUAGES)('in %s, says what the client says itself: no connection, an unreadable answer, anything else', (language) => {
    const messages = catalogue(app, language)
    for (const key of ['errors.offline', 'errors.server', 'errors.unknown']) expect(messages[key], key).toBeTruthy()
  })

  it('names only error codes the API has', () => {
    const codes = Object.keys(catalogue(app, 'en')).flatMap((key) => /^errors\.([A-Z_]+)$/.exec(key)?.[1] ?? [])
    expect(codes.length).toBeGreaterThan(0)
    for (const code of codes) expect(ErrorCodeSchema.options, code).toContain(code)
  })
})

describe('errorText', () => {
  const refusal = (code: ErrorCode, message: string) => new ApiRequestError(409, { error: { code, message } })

  it('says a code the survey knows in the reader’s language, and the server’s English, marked so, for one it does not', async () => {
    const messages = createRespondMessages()
    await messages.use('cy', { remember: false })
    expect(errorText(refusal('CODE_UNKNOWN', 'This access code is not one of this survey’s codes.'), messages)).toEqual({
      text: 'Dydy’r cod mynediad hwn ddim yn un o godau’r arolwg hwn. Gwiriwch e yn erbyn eich slip.',
    })
    expect(errorText(refusal('SETTINGS_LOCKED', 'The settings are locked.'), messages)).toEqual({ text: 'The settings are locked.', lang: 'en' })
    expect(errorText(new ApiRequestError(0, undefined), messages).text).toMatch(/^Doedd dim modd anfon eich atebion/)
  })

  it('leaves the server’s English unmarked on an English page', () => {
    expect(errorText(refusal('SETTINGS_LOCKED', 'The settings are locked.'), createRespondMessages())).toEqual({ text: 'The settings are locked.' })
  })
})

describe('field messages on a leader’s form', () => {
  afterEach(() => useErrorWords(createLeadMessages()))
  const welsh = async () => {
    const messages = createLeadMessages()
    await messages.use('cy', { remember: false })
    useErrorWords(messages)
    return messages
  }
  const survey = { opensAt: '2027-01-10', closesAt: '2027-01-20', k: 5, accessMode: 'link', releaseMode: 'at_close', expectedStaff: null, codeCustodian: null }
  const fieldsOf = (input: unknown) => {
    const parsed = CreateSurveyBodySchema.safeParse(input)
    if (parsed.success) throw new Error('expected a refusal')
    return fieldErrorsOf(parsed.error)
  }

  it('are the shared schema’s own sentences in English', () => {
    expect(fieldsOf({ ...survey, title: 'ab' })).toEqual({ title: ['The title needs at least 3 characters.'] })
  })

  it('are in Welsh on a Welsh page, from the same rules', async () => {
    await welsh()
    expect(fieldsOf({ ...survey, title: 'ab' })).toEqual({ title: ['Mae angen o leiaf 3 nod.'] })
    expect(fieldsOf({ ...survey, title: 'x'.repeat(121), closesAt: '2027-01-01' })).toEqual({
      title: ['Gall fod yn 120 nod ar y mwyaf.'],
      closesAt: ['Rhaid i’r arolwg gau ar ôl iddo agor: dewiswch ddiwrnod cau ar y diwrnod agor neu ar ei ôl.'],
    })
    expect(fieldsOf({ ...survey, title: 'Autumn', k: 2 })).toEqual({ k: ['Rhaid iddo fod yn 3 o leiaf.'] })
  })

  it.each([
    ['a NUL character', 'ab\u0000c'],
    ['a control character', 'ab\u0007c'],
    ['half an emoji', 'ab\uD83Dc'],
    ['too few characters', 'a'],
    ['too few visible characters', 'a\u200B\u200B'],
    ['too many characters', 'x'.repeat(41)],
  ])('say every refusal of free text in Welsh: %s', async (_, text) => {
    const messages = await welsh()
    const parsed = z.object({ name: textSchema({ what: 'the name', min: 2, max: 40 }) }).safeParse({ name: text })
    expect(parsed.success).toBe(false)
    const [message] = fieldErrorsOf(parsed.error!).name!
    expect(message).not.toMatch(/^The name/)
    expect(Object.values(fieldMessagesIn(messages))).toContain(message)
  })

  it('have a Welsh sentence for every rule a shared schema names', () => {
    const rules = readdirSync(join(root, 'shared/schemas')).flatMap((file) => [...read(`shared/schemas/${file}`).matchAll(/rule: (?:multiline \? )?'(\w+)'(?: : '(\w+)')?/g)].flatMap((m) => m.slice(1).filter(Boolean) as string[]))
    expect(rules.length).toBeGreaterThan(5)
    for (const language of LANGUAGES) for (const rule of rules) expect(catalogue('lead', language)[`fields.${rule}`], `${language} ${rule}`).toBeTruthy()
  })
})

/** Every field message of the leaders' catalogue as the reader sees it (placeholders filled with the values the test uses). */
function fieldMessagesIn(messages: ErrorWords): Record<string, string | undefined> {
  const values = { min: 2, minimum: 2, maximum: 40, from: '2000', to: '2100' }
  return Object.fromEntries(Object.keys(catalogue('lead', 'en')).filter((key) => key.startsWith('fields.')).map((key) => [key, messages.lookup(key, values)]))
}
