import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app.ts'
import { ApiErrorSchema } from '../../shared/errors.ts'
import { createSchoolWithSurvey, SCORED_BODY } from '../helpers/fixtures.ts'
import { countRows, resetDb, testDatabases } from '../helpers/test-db.ts'
import { useApp } from '../helpers/app.ts'

// Headers and limits a browser and an attacker see. The client folder here is a stand-in with the
// two HTML pages, so the static routes can be checked without a build.

const clientDir = mkdtempSync(join(tmpdir(), 'continuum-client-'))
mkdirSync(join(clientDir, 'assets'))
writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>leaders</title>')
writeFileSync(join(clientDir, 'respond.html'), '<!doctype html><title>staff</title>')
writeFileSync(join(clientDir, 'assets', 'app-abc123.js'), 'console.log(1)')

describe.each(testDatabases())('security headers and limits on %s', (kind) => {
  const t = useApp(kind, { clientDir })
  beforeEach(() => resetDb(t.db))

  it('sends a CSP that allows only the app\'s own scripts, on pages and API alike', async () => {
    for (const url of ['/', '/s/AAAAAAAAAAAAAAAAAAAAAA', '/api/health']) {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.statusCode).toBe(200)
      const csp = String(res.headers['content-security-policy'])
      expect(csp).toContain("default-src 'self'")
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("object-src 'none'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).not.toMatch(/script-src[^;]*('unsafe-inline'|'unsafe-eval'|\*)/)
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['referrer-policy']).toBe('no-referrer')
      expect(res.headers['strict-transport-security']).toBeUndefined()
    }
  })

  it('serves the staff survey page at /s/<token> and the leaders\' app elsewhere', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/s/AAAAAAAAAAAAAAAAAAAAAA' })).body).toContain('staff')
    expect((await t.app.inject({ method: 'GET', url: '/surveys/1/report' })).body).toContain('leaders')
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app-abc123.js' })
    expect(asset.headers['cache-control']).toContain('immutable')
    const missing = await t.app.inject({ method: 'GET', url: '/api/nothing-here' })
    expect(missing.statusCode).toBe(404)
    expect(ApiErrorSchema.parse(missing.json()).error.code).toBe('NOT_FOUND')
  })

  it('turns on HSTS behind https', async () => {
    const httpsApp = await buildApp({ db: t.db, publicUrl: 'https://continuum.example.org' })
    try {
      const res = await httpsApp.inject({ method: 'GET', url: '/api/health' })
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests')
    } finally {
      await httpsApp.close()
    }
  })

  it('refuses a body over 64 KiB before reading it, and writes nothing', async () => {
    const { token } = await createSchoolWithSurvey(t.db)
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/forms/${token}/responses`,
      headers: { 'content-type': 'application/json' },
      payload: `{"instrumentVersion":"dl-v1","answers":{},"comments":{"helps":"${'x'.repeat(70_000)}"}}`,
    })
    expect(res.statusCode).toBe(413)
    expect(await countRows(t.db, 'responses')).toBe(0)
  })

  it('lets a staff meeting of 80 behind one school router submit within a minute, and limits a flood', async () => {
    const { token } = await createSchoolWithSurvey(t.db)
    const submit = () =>
      t.app.inject({ method: 'POST', url: `/api/forms/${token}/responses`, remoteAddress: '198.51.100.7', payload: SCORED_BODY })
    const meeting = await Promise.all(Array.from({ length: 80 }, submit))
    expect(meeting.every((r) => r.statusCode === 201)).toBe(true)
    expect(await countRows(t.db, 'responses')).toBe(80)

    const limited = await buildApp({ db: t.db, submitRateLimit: 100 })
    try {
      const statuses: number[] = []
      for (let i = 0; i < 101; i++) {
        statuses.push((await limited.inject({ method: 'POST', url: `/api/forms/${token}/responses`, remoteAddress: '198.51.100.8', payload: SCORED_BODY })).statusCode)
      }
      expect(statuses.slice(0, 100).every((s) => s === 201)).toBe(true)
      expect(statuses[100]).toBe(429)
      const other = await limited.inject({ method: 'POST', url: `/api/forms/${token}/responses`, remoteAddress: '198.51.100.9', payload: SCORED_BODY })
      expect(other.statusCode).toBe(201)
    } finally {
      await limited.close()
    }
  })

  it('limits access-code guessing from one address', async () => {
    const { token } = await createSchoolWithSurvey(t.db, { accessMode: 'codes' })
    const statuses: number[] = []
    for (let i = 0; i < 21; i++) {
      statuses.push((await t.app.inject({ method: 'POST', url: `/api/forms/${token}/code-checks`, remoteAddress: '198.51.100.10', payload: { accessCode: 'ZZZZZ-ZZZZZ' } })).statusCode)
    }
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true)
    expect(statuses[20]).toBe(429)
  })
})
