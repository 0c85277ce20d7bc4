import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SCHOOLS, seedDemoIfEmpty, type DemoLogin } from '../../server/demo.ts'
import { dlV1Cy } from '../../shared/instrument/dl-v1.cy.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { dlV2Cy } from '../../shared/instrument/dl-v2.cy.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { translateInstrument } from '../../shared/instrument/texts.ts'
import { itemOrder, type Instrument } from '../../shared/instrument/types.ts'
import { E2E_DATABASE, expectAccessible, RESULTS_DIR, signInAt, useBrowserApp } from '../helpers/browser.ts'
import { createSchoolWithSurvey } from '../helpers/fixtures.ts'

// English and Welsh in Chromium: a member of staff starts the survey in English, switches to
// Welsh halfway, keeps every answer (through a reload too), and sends; a leader reads the
// report in Welsh. axe-core checks the pages in both languages.

let logins: DemoLogin[]
const t = useBrowserApp({ reset: true })
beforeAll(async () => {
  logins = (await seedDemoIfEmpty(t.db, { publicUrl: t.server.url }))!.logins
})

const welsh = translateInstrument(dlV1, 'cy', dlV1Cy)
const labelsOf = (instrument: Instrument) => [...([1, 2, 3, 4, 5] as const).map((v) => instrument.answerLabels[v]), instrument.dontKnowLabel]
/** The answer this test gives to the i-th statement: 1..5, or 6 for "Don't know". */
const chosen = (i: number) => (i % 7 === 6 ? 6 : ((i * 2) % 5) + 1)
const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang)

async function answerSection(page: Page, instrument: Instrument, scaleIndex: number) {
  const scale = instrument.scales[scaleIndex]!
  await page.getByRole('heading', { level: 1, name: scale.sectionTitle }).waitFor()
  for (const item of scale.items) {
    const label = labelsOf(instrument)[chosen(itemOrder(instrument).indexOf(item.id)) - 1]!
    await page.getByRole('group', { name: item.text }).getByLabel(label, { exact: true }).check()
  }
}

describe(`the survey and the report in Welsh (${E2E_DATABASE})`, () => {
  it('lets a member of staff switch to Welsh halfway, keep every answer, and send', async () => {
    const { token, surveyId } = await createSchoolWithSurvey(t.db, { expectedStaff: 30, instrumentVersion: dlV1.id })
    const page = await t.browser.newPage()
    await page.goto(`${t.server.url}/s/${token}`)
    await page.getByRole('heading', { level: 1, name: 'Test survey' }).waitFor()
    expect(await htmlLang(page)).toBe('en')
    const switcher = page.getByRole('navigation', { name: 'Language' })
    expect(await switcher.getByRole('button', { name: 'Cymraeg' }).getAttribute('lang')).toBe('cy')
    await page.getByRole('button', { name: 'Start the survey' }).click()

    for (let s = 0; s < 4; s++) {
      await answerSection(page, dlV1, s)
      await page.getByRole('button', { name: 'Next' }).click()
    }
    // Halfway, on the fifth section: to Welsh. The page, its questions and its answers change language; nothing is lost.
    await page.getByRole('heading', { level: 1, name: dlV1.scales[4]!.sectionTitle }).waitFor()
    await switcher.getByRole('button', { name: 'Cymraeg' }).click()
    await page.getByRole('heading', { level: 1, name: welsh.scales[4]!.sectionTitle }).waitFor()
    await expect.poll(() => htmlLang(page)).toBe('cy')
    expect(await page.getByRole('navigation', { name: 'Iaith' }).getByRole('button', { name: 'Cymraeg' }).getAttribute('aria-pressed')).toBe('true')
    await expectAccessible(page, 'a section in Welsh')
    await page.screenshot({ path: join(RESULTS_DIR, 'respond-welsh.png'), fullPage: true })

    // The answers given in English are there in Welsh, and survive a reload, which keeps the language.
    await page.reload()
    await page.getByRole('heading', { level: 1, name: welsh.scales[4]!.sectionTitle }).waitFor()
    await page.getByRole('button', { name: 'Yn ôl' }).click()
    for (const item of welsh.scales[3]!.items) {
      const label = labelsOf(welsh)[chosen(itemOrder(welsh).indexOf(item.id)) - 1]!
      expect(await page.getByRole('group', { name: item.text }).getByLabel(label, { exact: true }).isChecked(), item.id).toBe(true)
    }
    await page.getByRole('button', { name: 'Nesaf' }).click()

    for (let s = 4; s < welsh.scales.length; s++) {
      await answerSection(page, welsh, s)
      await page.getByRole('button', { name: 'Nesaf' }).click()
    }
    await page.getByRole('heading', { level: 1, name: 'Y darlun mawr' }).waitFor()
    await page.getByRole('group', { name: welsh.continuum.nowQuestion }).getByLabel(welsh.continuum.patterns[3]!.vignette).check()
    await expectAccessible(page, 'continuum questions in Welsh')
    await page.getByRole('button', { name: 'Nesaf' }).click()
    await page.getByRole('heading', { level: 1, name: 'Am eich rôl' }).waitFor()
    await page.getByLabel(welsh.roles.find((r) => r.id === 'teacher')!.label, { exact: true }).check()
    await page.getByRole('button', { name: 'Nesaf' }).click()
    await page.getByRole('heading', { level: 1, name: 'Yn eich geiriau eich hun' }).waitFor()
    await page.getByRole('button', { name: 'Adolygu fy atebion' }).click()

    await page.getByRole('heading', { level: 1, name: 'Gwirio ac anfon eich atebion' }).waitFor()
    await expect.poll(() => page.getByText(`Rydych chi wedi ateb ${itemOrder(dlV1).length} o ${itemOrder(dlV1).length} datganiad.`).isVisible()).toBe(true)
    await expectAccessible(page, 'review in Welsh')
    await page.getByRole('button', { name: 'Anfon fy atebion' }).click()
    await page.getByRole('heading', { level: 1, name: 'Diolch' }).waitFor()

    // Stored as an English answer would be: the item ids' answers, and nothing about the language.
    const row = await t.db.selectFrom('responses').selectAll().where('survey_id', '=', surveyId).executeTakeFirstOrThrow()
    expect(row.answers).toEqual(itemOrder(dlV1).map((_, i) => (chosen(i) === 6 ? null : chosen(i))))
    expect(row).toMatchObject({ instrument_version_id: 'dl-v1', now_pattern: 4, role: 'teacher' })
    expect(Object.keys(row).some((column) => /lang/i.test(column))).toBe(false)
    await page.close()
  })

  it('shows dl-v2’s paired statements and leadership map in Welsh, chosen on the welcome page', async () => {
    const { token } = await createSchoolWithSurvey(t.db, { instrumentVersion: dlV2.id })
    const welshV2 = translateInstrument(dlV2, 'cy', dlV2Cy)
    const page = await t.browser.newPage()
    await page.goto(`${t.server.url}/s/${token}`)
    await page.getByRole('button', { name: 'Cymraeg' }).click()
    await page.getByRole('button', { name: 'Dechrau’r arolwg' }).click()
    await page.getByRole('heading', { level: 1, name: welshV2.scales[0]!.sectionTitle }).waitFor()
    for (let s = 0; s < welshV2.scales.length; s++) await page.getByRole('button', { name: 'Nesaf' }).click()
    await page.getByRole('heading', { level: 1, name: welshV2.patternBlock!.sectionTitle }).waitFor()
    const pair = welshV2.patternBlock!.pairs[0]!
    await page.getByRole('group', { name: `Cyntaf: ${pair.first} Ail: ${pair.second}` }).getByLabel(welshV2.patternBlock!.choiceLabels[2], { exact: true }).check()
    await expectAccessible(page, 'paired statements in Welsh')
    await page.getByRole('button', { name: 'Nesaf' }).click()
    await page.getByRole('heading', { level: 1, name: welshV2.leadershipMap!.sectionTitle }).waitFor()
    await expect.poll(() => page.locator('#map-alone').textContent()).toBe('Mae ticio “Does neb yn ei arwain yn glir” neu “Ddim yn gwybod” yn clirio’r grwpiau sydd wedi’u ticio ar gyfer y maes hwnnw.')
    await expectAccessible(page, 'the leadership map in Welsh')
    await page.close()
  })

  it('lets a leader read the report in Welsh, and keeps the choice', async () => {
    const school = DEMO_SCHOOLS[1]!
    const login = logins.find((l) => l.email === `head@${school.slug}.demo`)!
    const page = await t.browser.newPage()
    await signInAt(page, t.server.url, login.email, login.password)
    await page.getByRole('link', { name: school.name }).click()
    await page.getByRole('link', { name: /^Report on / }).first().click()
    await page.getByRole('heading', { level: 1, name: /Report: / }).waitFor()

    await page.getByRole('navigation', { name: 'Language' }).getByRole('button', { name: 'Cymraeg' }).click()
    await page.getByRole('heading', { level: 1, name: /Adroddiad: / }).waitFor()
    await expect.poll(() => htmlLang(page)).toBe('cy')
    await page.getByRole('heading', { level: 2, name: 'Y naw graddfa' }).waitFor()
    await expect.poll(() => page.getByRole('button', { name: 'Synergedd', exact: true }).isVisible()).toBe(true)
    expect(await page.getByRole('link', { name: 'Lawrlwytho’r llyfr codau' }).getAttribute('href')).toMatch(/part=codebook&lang=cy$/)
    await expectAccessible(page, 'the report in Welsh')
    await page.screenshot({ path: join(RESULTS_DIR, 'report-welsh.png'), fullPage: true })

    await page.reload()
    await page.getByRole('heading', { level: 1, name: /Adroddiad: / }).waitFor()
    await page.getByRole('navigation', { name: 'Iaith' }).getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { level: 1, name: /Report: / }).waitFor()
    await expect.poll(() => htmlLang(page)).toBe('en')
    await page.close()
  })
})
