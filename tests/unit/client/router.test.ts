import { describe, expect, it } from 'vitest'
import { matchRoute, safeReturnPath, signInPath } from '../../../client/src/lead/lead-router.svelte.ts'

describe('matchRoute', () => {
  it.each([
    ['/', { name: 'home' }],
    ['/signin', { name: 'signin' }],
    ['/account/', { name: 'account' }],
    ['/schools/12', { name: 'school', schoolId: 12 }],
    ['/surveys/3/report', { name: 'report', surveyId: 3 }],
    ['/surveys/3/codes', { name: 'codes', surveyId: 3 }],
    ['/codes', { name: 'custodian-codes' }],
    ['/trusts/7', { name: 'trust', trustId: 7 }],
    ['/surveys/3/plan', { name: 'plan', surveyId: 3 }],
    ['/surveys/3/guide', { name: 'guide', surveyId: 3 }],
    ['/trusts/7/plans', { name: 'trust-plans', trustId: 7 }],
    ['/schools/0', { name: 'unknown' }],
    ['/schools/01', { name: 'unknown' }],
    ['/schools/2147483648', { name: 'unknown' }],
    ['/surveys/3/report/extra', { name: 'unknown' }],
  ])('%s is %o', (path, route) => {
    expect(matchRoute(path)).toEqual(route)
  })
})

describe('safeReturnPath: after signing in, only a page of this app', () => {
  it.each(['/schools/1', '/trusts/2?cycle=2026-autumn', '/surveys/3/report#scales'])('keeps %s', (path) => {
    expect(safeReturnPath(path)).toBe(path)
  })

  it.each([
    null,
    '',
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\\evil.example',
    '/api/auth/me',
    '/s/abc',
    '/signin?next=/x',
    'javascript:alert(1)',
  ])('refuses %j', (path) => {
    expect(safeReturnPath(path)).toBe('/')
  })

  it('builds the sign-in address with the return path, or none for the home page', () => {
    expect(signInPath('/schools/1')).toBe('/signin?next=%2Fschools%2F1')
    expect(signInPath('//evil.example')).toBe('/signin')
  })
})
