import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { seedDemoIfEmpty, type DemoLogin } from '../../server/demo.ts'
import { ActionPlanSchema } from '../../shared/schemas/actions.ts'
import { TrustOverviewSchema } from '../../shared/schemas/trusts.ts'
import { E2E_DATABASE, expectAccessible, heading, RESULTS_DIR, useBrowserApp } from '../helpers/browser.ts'

// The leaders' app in Welsh, page by page, in Chromium: a leader picks Cymraeg on the sign-in page
// and reads Welsh on every page they open (the demo's names and titles are the school's own words
// and stay as they are). axe-core checks each page in Welsh.

let logins: DemoLogin[]
const t = useBrowserApp({ reset: true })
beforeAll(async () => {
  logins = (await seedDemoIfEmpty(t.db, { publicUrl: t.server.url }))!.logins
})

const catalogue = (language: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../client/src/lead/messages', `${language}.json`), 'utf8')) as Record<string, string>
const en = catalogue('en')
const cy = catalogue('cy')
/** The app's English sentences that read differently in Welsh: any of them on a Welsh page is left over. */
const englishMessages = new Set(Object.keys(en).filter((key) => en[key] !== cy[key]).map((key) => en[key]!))
/** Words no Welsh sentence of the app uses. */
const englishWords = /\b(the|and|of|your|to|for|with|is|are)\b/i

/**
 * The headings, buttons, links, labels and terms in <main> (folded ones too) that are still in
 * English, once the data a school wrote itself (`names`: its name, its surveys' and actions' titles)
 * and what the server writes, marked lang="en", are taken out.
 */
async function leftoverEnglish(page: Page, names: string[]): Promise<string[]> {
  const texts = await page.evaluate(() =>
    [...document.querySelectorAll('main :is(h1, h2, h3, h4, button, a, label, legend, dt, th, summary, caption)')]
      .filter((element) => !element.closest('[lang="en"]'))
      .map((element) => {
      const copy = element.cloneNode(true) as Element
      for (const english of copy.querySelectorAll('[lang="en"]')) english.remove()
      return (copy.textContent ?? '').replace(/\s+/g, ' ')
    }),
  )
  return texts
    .map((text) => names.reduce((rest, name) => rest.replaceAll(name, ''), text).trim())
    .filter((text) => text !== '' && (englishMessages.has(text) || englishWords.test(text)))
}

async function readsWelsh(page: Page, label: string, names: string[]) {
  expect(await page.locator('main').getAttribute('lang'), label).toBeNull()
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('cy')
  expect(await leftoverEnglish(page, names), label).toEqual([])
  await expectAccessible(page, `${label} in Welsh`)
}


describe(`the leaders' pages in Welsh (${E2E_DATABASE})`, () => {
  it('signs a leader in, and shows the home, school, survey, plan, guide and account pages in Welsh', async () => {
    const email = 'head@brookfield.demo'
    const school = 'Brookfield Academy (demo)'
    const survey = 'Summer 2025 staff survey'
    const names = [school, 'Riverside Learning Partnership (demo)', survey, 'Summer 2026 staff survey', 'Demo Head of Brookfield Academy', email]
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(t.server.url)
    await page.getByRole('navigation', { name: 'Language' }).getByRole('button', { name: 'Cymraeg' }).click()
    await heading(page, 'Mewngofnodi')
    await readsWelsh(page, 'sign-in', names)
    await page.getByLabel('Cyfeiriad e-bost').fill(email)
    await page.getByLabel('Cyfrinair', { exact: true }).fill(logins.find((l) => l.email === email)!.password)
    await page.getByRole('button', { name: 'Mewngofnodi' }).click()

    await heading(page, 'Eich ysgolion')
    await readsWelsh(page, 'home', names)

    await page.getByRole('link', { name: school }).click()
    await heading(page, new RegExp(school.replace(/[()]/g, '\\$&')))
    for (const heading of ['Arolygon', 'Arolwg newydd', 'Cyd-destun yr ysgol']) await page.getByRole('heading', { level: 2, name: heading }).waitFor()
    await page.getByRole('button', { name: 'Cadw’r cyd-destun' }).waitFor()
    await readsWelsh(page, 'the school page', names)
    // the form's own checks speak Welsh too, the shared schema's field rules included
    await page.getByLabel('Teitl').fill('ab')
    await page.getByRole('button', { name: 'Creu arolwg' }).click()
    await expect.poll(() => page.getByRole('alert').filter({ hasText: /^Doedd dim modd creu’r arolwg/ }).isVisible()).toBe(true)
    await page.getByText(cy['fields.tooShort']!.replace('{min}', '3')).waitFor()
    expect(await page.getByText(/needs at least/).count()).toBe(0)
    await expectAccessible(page, 'a too-short title in Welsh')
    await page.screenshot({ path: join(RESULTS_DIR, 'school-welsh.png'), fullPage: true })

    await page.getByRole('link', { name: survey }).first().click()
    await heading(page, survey)
    for (const heading of ['Ymatebion', 'Gosodiadau']) await page.getByRole('heading', { level: 2, name: heading }).waitFor()
    await page.getByRole('link', { name: 'Darllen yr adroddiad' }).waitFor()
    await readsWelsh(page, 'the survey page', names)
    await page.screenshot({ path: join(RESULTS_DIR, 'survey-welsh.png'), fullPage: true })

    await page.getByRole('link', { name: 'Cynllun gweithredu' }).click()
    await heading(page, /Cynllun gweithredu/)
    const surveyId = new URL(page.url()).pathname.split('/')[2]
    const plan = ActionPlanSchema.parse(await (await page.request.get(`${t.server.url}/api/surveys/${surveyId}/actions`)).json())
    const actions = plan.actions.map((a) => a.title)
    for (const heading of ['Pwy sy’n arwain y cynllun', 'Camau gweithredu', 'Cam gweithredu newydd']) await page.getByRole('heading', { level: 2, name: heading }).waitFor()
    await readsWelsh(page, 'the action plan', [...names, ...actions])
    await page.screenshot({ path: join(RESULTS_DIR, 'plan-welsh.png'), fullPage: true })

    await page.getByRole('link', { name: 'Canllaw trafod' }).first().click()
    await heading(page, /Canllaw trafod/)
    await page.getByRole('heading', { level: 2, name: 'Myfyrio ar gyfer y tîm cyfan' }).waitFor()
    await readsWelsh(page, 'the discussion guide', names)

    await page.getByRole('link', { name: 'Cyfrif' }).click()
    await heading(page, 'Eich cyfrif')
    await page.getByRole('heading', { level: 2, name: 'Newid eich cyfrinair' }).waitFor()
    await readsWelsh(page, 'the account page', names)
    await page.close()
  })

  it('shows a trust leader the trust overview and the trust’s plans in Welsh', async () => {
    const email = 'ceo@riverside.demo'
    const trust = 'Riverside Learning Partnership (demo)'
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(t.server.url)
    await page.getByRole('button', { name: 'Cymraeg' }).click()
    await page.getByLabel('Cyfeiriad e-bost').fill(email)
    await page.getByLabel('Cyfrinair', { exact: true }).fill(logins.find((l) => l.email === email)!.password)
    await page.getByRole('button', { name: 'Mewngofnodi' }).click()
    await heading(page, 'Eich ysgolion')
    await page.getByRole('link', { name: `Cymharu ysgolion ${trust}` }).first().click()
    await heading(page, /Cymharu’r ysgolion/)
    for (const heading of ['Y naw graddfa, ysgol wrth ysgol', 'Ble mae’r ysgolion ar y continwwm', 'Dros amser']) await page.getByRole('heading', { level: 2, name: heading }).waitFor()
    // the questionnaire's words in Welsh: the heatmap's scale names
    await page.getByRole('columnheader', { name: 'Synergedd' }).first().waitFor()
    const schools = ['Ashgrove Primary (demo)', 'Brookfield Academy (demo)', 'Castleton High (demo)', 'Dunmore Primary (demo)']
    const overview = TrustOverviewSchema.parse(await (await page.request.get(`${t.server.url}/api/trusts/${new URL(page.url()).pathname.split('/')[2]}/overview`)).json())
    await readsWelsh(page, 'the trust overview', [trust, ...schools, ...overview.cycles.map((c) => c.label)])
    await page.screenshot({ path: join(RESULTS_DIR, 'trust-welsh.png'), fullPage: true })
    // the CSV downloaded from a Welsh page is the Welsh one
    const csvHref = (await page.getByRole('link', { name: 'Lawrlwytho CSV' }).getAttribute('href'))!
    const csv = await (await page.request.get(`${t.server.url}${csvHref}`)).text()
    expect(csv).toContain(overview.schools[0]!.name)
    expect(new URL(csvHref, t.server.url).searchParams.get('lang')).toBe('cy')

    await page.getByRole('link', { name: 'Cynlluniau gweithredu’r ysgolion' }).click()
    await heading(page, /Cynlluniau gweithredu/)
    await readsWelsh(page, 'the trust’s plans', [trust, ...schools])
    await page.close()
  })
})
