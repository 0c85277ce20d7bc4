import { describe, expect, it } from 'vitest'
import { formatAccessCode, isWellFormedAccessCode, normaliseAccessCode } from '../../shared/domain/access-codes.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { itemOrder } from '../../shared/instrument/types.ts'
import { SubmitResponseBodySchema, SurveyTokenSchema, toSubmission } from '../../shared/schemas/forms.ts'
import { CreateSurveyBodySchema } from '../../shared/schemas/surveys.ts'

describe('SubmitResponseBodySchema', () => {
  it.each([
    [{ instrumentVersion: 'dl-v1', answers: {} }],
    [{ instrumentVersion: 'dl-v1', answers: { sr1: 1, sr2: 5, sr3: null }, nowPattern: 1, aimPattern: 7, role: null }],
    [{ instrumentVersion: 'dl-v1', answers: {}, comments: { helps: '' }, accessCode: 'abcde-12345' }],
  ])('accepts %j', (body) => expect(SubmitResponseBodySchema.safeParse(body).success).toBe(true))

  it.each([
    [{ answers: {} }],
    [{ instrumentVersion: 'dl-v1', answers: { sr1: 0 } }],
    [{ instrumentVersion: 'dl-v1', answers: { sr1: true } }],
    [{ instrumentVersion: 'dl-v1', answers: {}, nowPattern: 0 }],
    [{ instrumentVersion: 'dl-v1', answers: {}, role: 'governor' }],
    [{ instrumentVersion: 'dl-v1', answers: {}, accessCode: 'ABCDE-1234' }],
    [{ instrumentVersion: 'dl-v1', answers: {}, ip: '1.2.3.4' }],
  ])('refuses %j', (body) => expect(SubmitResponseBodySchema.safeParse(body).success).toBe(false))
})

describe('toSubmission', () => {
  it('puts answers in item order, unanswered as null, and drops blank comments', () => {
    const body = SubmitResponseBodySchema.parse({ instrumentVersion: 'dl-v1', answers: { co5: 2, sr1: 4, sp1: null }, comments: { helps: '  ', hinders: ' Time. ' } })
    const result = toSubmission(dlV1, body)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const order = itemOrder(dlV1)
    expect(result.submission.answers).toHaveLength(order.length)
    expect(result.submission.answers[order.indexOf('sr1')]).toBe(4)
    expect(result.submission.answers[order.indexOf('co5')]).toBe(2)
    expect(result.submission.answers.filter((a) => a !== null)).toEqual([4, 2])
    expect(result.submission.comments).toEqual([{ prompt: 'hinders', body: 'Time.' }])
  })

  it('names every unknown item id', () => {
    const body = SubmitResponseBodySchema.parse({ instrumentVersion: 'dl-v1', answers: { sr1: 3, zz1: 3, zz2: null } })
    const checked = toSubmission(dlV1, body)
    expect(checked.ok).toBe(false)
    expect(!checked.ok && checked.mismatches.map((m) => m.path)).toEqual(['/answers/zz1', '/answers/zz2'])
  })

  it('refuses paired statements, an origin choice or a leadership map on a questionnaire that has none', () => {
    const body = SubmitResponseBodySchema.parse({ instrumentVersion: 'dl-v1', answers: { sr1: 3 }, pairs: { pa1: 2 }, origin: 3, map: { curriculum: ['teachers'] } })
    const checked = toSubmission(dlV1, body)
    expect(!checked.ok && checked.mismatches.map((m) => m.path)).toEqual(['/pairs/pa1', '/origin', '/map/curriculum'])
  })

  it('refuses a leadership-map answer that ticks "no one clearly leads it" beside a group, or a group twice', () => {
    for (const map of [{ curriculum: ['no_one_clear', 'teachers'] }, { curriculum: ['teachers', 'teachers'] }, { curriculum: ['governors'] }]) {
      expect(SubmitResponseBodySchema.safeParse({ instrumentVersion: 'dl-v2', answers: {}, map }).success).toBe(false)
    }
  })
})

describe('access codes', () => {
  it.each([
    ['abcde-12345', 'ABCDE12345'],
    [' AbCdE 12345 ', 'ABCDE12345'],
    ['oOiIlL-00000', '001111-00000'.replace('-', '')],
  ])('normalises %j to %j', (input, expected) => expect(normaliseAccessCode(input)).toBe(expected))

  it('accepts only ten characters of the Crockford alphabet', () => {
    expect(isWellFormedAccessCode('ABCDE12345')).toBe(true)
    expect(isWellFormedAccessCode('ABCDE1234')).toBe(false)
    expect(isWellFormedAccessCode('ABCDU12345')).toBe(false)
    expect(formatAccessCode('ABCDE12345')).toBe('ABCDE-12345')
  })
})

describe('survey links and new surveys', () => {
  it('takes only 22-character URL-safe tokens', () => {
    expect(SurveyTokenSchema.safeParse('ltIt2cIJ58141MD5brSsYg').success).toBe(true)
    expect(SurveyTokenSchema.safeParse('short').success).toBe(false)
    expect(SurveyTokenSchema.safeParse('ltIt2cIJ58141MD5brSsY/').success).toBe(false)
  })

  it('never lets k go below 3 and makes a survey close after it opens', () => {
    const base = { title: 'Autumn', opensAt: '2026-11-01T00:00:00Z', closesAt: '2026-11-15T00:00:00Z' }
    expect(CreateSurveyBodySchema.parse(base)).toMatchObject({ k: 5, accessMode: 'link', releaseMode: 'at_close', expectedStaff: null })
    expect(CreateSurveyBodySchema.safeParse({ ...base, k: 2 }).error?.issues[0]?.message).toMatch(/never be below 3/)
    expect(CreateSurveyBodySchema.safeParse({ ...base, closesAt: base.opensAt }).error?.issues[0]?.message).toMatch(/close after it opens/)
  })
})
