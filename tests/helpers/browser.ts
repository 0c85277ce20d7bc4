import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import type { Kysely } from 'kysely'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import { buildApp, type AppDeps } from '../../server/app.ts'
import type { Database } from '../../server/db/schema.ts'
import { createTestDb, resetDb } from './test-db.ts'

const root = resolve(import.meta.dirname, '../..')
export const CLIENT_DIR = resolve(root, 'dist/client')
export const RESULTS_DIR = resolve(root, 'test-results')

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** The real app, with the built client, listening on a free local port. */
export async function startServer(db: Kysely<Database>, deps: Partial<AppDeps> = {}) {
  const app = await buildApp({ db, clientDir: CLIENT_DIR, ...deps })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  return { app, url }
}

/** The browser tests' database: Postgres when TEST_DATABASE_URL is set, PGlite otherwise. */
export const E2E_DATABASE = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'

/** What a browser test file works with once its `beforeAll` has run. */
export interface BrowserTest {
  db: Kysely<Database>
  server: Awaited<ReturnType<typeof startServer>>
  browser: Browser
}

/**
 * The browser tier's one setup: the e2e database (E2E_DATABASE; on Postgres, a database of its
 * own), the real app with the built client on a free port, and
 * Chromium, started before the file's tests and closed after them. `reset` empties the database
 * first, for files that seed it once. Read `db`, `server` and `browser` inside hooks and tests.
 */
export function useBrowserApp({ reset = false } = {}): BrowserTest {
  const t = {} as BrowserTest
  beforeAll(async () => {
    mkdirSync(RESULTS_DIR, { recursive: true })
    t.db = await createTestDb(E2E_DATABASE, { suffix: 'e2e' })
    if (reset) await resetDb(t.db)
    t.server = await startServer(t.db)
    t.browser = await launchBrowser()
  })
  afterAll(async () => {
    await t.browser?.close()
    await t.server?.app.close()
    await t.db?.destroy()
  })
  return t
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface AxeViolation { id: string; impact: string; help: string; nodes: { target: string[] }[] }

/** Runs axe-core (WCAG 2.0 A/AA, 2.1 AA, 2.2 AA) on the page as it is and expects no violations. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }))
  })
  expect(violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.join(', ')}`), `axe-core on ${label}`).toEqual([])
}

/** Waits until the page's main heading says `name`: how a browser test knows a page has come. */
export const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor()

/** Signs in from the front page of the app at `appUrl`, as a leader does, and waits for their home page. */
export async function signInAt(page: Page, appUrl: string, email: string, password: string): Promise<void> {
  await page.goto(appUrl)
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await heading(page, 'Your schools')
}
