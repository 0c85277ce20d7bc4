import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SCHOOLS, seedDemoIfEmpty, type DemoLogin } from '../../server/demo.ts'
import { dlV1Cy } from '../../shared/instrument/dl-v1.cy.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { dlV2Cy } from '../../shared/instrument/dl-v2.cy.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { guidanceCy } from '../../shared/domain/guidance.cy.ts'
import { translateInstrument } from '../../shared/instrument/texts.ts'
import { itemOrder, type Instrument } from '../../shared/instrument/types.ts'
import { E2E_DATABASE, expectAccessible, RESULTS_DIR, signInAt, useBrowserApp } from '../helpers/browser.ts'
import { createSchoolWithSurvey, SCORED_BODY } from '../helpers/fixtures.ts'

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

  it('tells a member of staff in Welsh that the survey has closed, or that an access code is unknown or used', async () => {
    const cy = JSON.parse(readFileSync(join(import.meta.dirname, '../../client/src/respond/messages/cy.json'), 'utf8')) as Record<string, string>
    const closed = await createSchoolWithSurvey(t.db)
    await t.db.updateTable('surveys').set({ status: 'closed' }).where('id', '=', closed.surveyId).execute()
    const page = await t.browser.newPage()
    await page.goto(`${t.server.url}/s/${closed.token}`)
    await page.getByRole('heading', { level: 1, name: 'This survey has closed' }).waitFor()
    await page.getByRole('button', { name: 'Cymraeg' }).click()
    await page.getByRole('heading', { level: 1, name: cy['blocked.closed.title'] }).waitFor()
    await expectAccessible(page, 'a closed survey in Welsh')

    // A survey with single-use codes, one of them already used by someone else; the language stays Welsh.
    const coded = await createSchoolWithSurvey(t.db, { accessMode: 'codes' })
    const [used] = await coded.surveys.createAccessCodes(coded.surveyId, 1)
    const sent = await fetch(`${t.server.url}/api/forms/${coded.token}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...SCORED_BODY, accessCode: used }),
    })
    expect(sent.status).toBe(201)
    await page.goto(`${t.server.url}/s/${coded.token}`)
    const code = page.getByLabel('Cod mynediad o’ch slip')
    await code.fill('ZZZZZ-ZZZZZ')
    await page.getByRole('button', { name: 'Dechrau’r arolwg' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(cy['errors.CODE_UNKNOWN'])
    expect(await page.getByRole('alert').getAttribute('lang')).toBeNull()
    await expectAccessible(page, 'an unknown access code in Welsh')
    await code.fill('ABC')
    await page.getByRole('button', { name: 'Dechrau’r arolwg' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(cy['errors.codeShape'])
    await code.fill(used!)
    await page.getByRole('button', { name: 'Dechrau’r arolwg' }).click()
    await page.getByRole('heading', { level: 1, name: cy['blocked.code-used.title'] }).waitFor()
    await expectAccessible(page, 'a used access code in Welsh')
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

    // Every sentence the report writes is Welsh: where the answers place the school, how a scale
    // stands among similar schools, a priority with its next steps.
    const welshV2 = translateInstrument(dlV2, 'cy', dlV2Cy)
    expect(await page.locator('#placement-words').textContent()).toMatch(/^(Bron yn sicr|Mwyaf tebygol|Efallai) dosbarthu /)
    const norms = page.getByRole('table', { name: /^Ble mae pob graddfa’n sefyll/ })
    expect(await norms.locator('tbody tr').first().textContent()).toMatch(/(o gwmpas canradd \d+|o dan ganradd 10|uwchlaw canradd 90)/)
    const priority = page.getByRole('region', { name: 'Blaenoriaethau' }).getByRole('listitem').first()
    const first = await priority.getByRole('heading', { level: 4 }).textContent()
    const priorityScale = welshV2.scales.find((s) => s.name === first)
    expect(priorityScale, `a priority named ${first}`).toBeDefined()
    const card = await priority.textContent()
    expect(card).toMatch(/Yn erbyn ysgolion .*: (o gwmpas canradd|o dan ganradd|uwchlaw canradd)/)
    expect(await priority.getByText('Camau nesaf', { exact: true }).isVisible()).toBe(true)
    expect(await priority.getByRole('listitem').first().textContent()).toBe(guidanceCy.scales[priorityScale!.id].improve[0])

    // No English is left in the page's main region but what people wrote or named (comments,
    // the school's name, survey titles) and dates (Debian's Chromium has no Welsh month names),
    // and nothing in it is marked as English for screen readers.
    const text = await page.locator('main').evaluate((main) => {
      const copy = main.cloneNode(true) as HTMLElement
      for (const quote of copy.querySelectorAll('blockquote')) quote.remove()
      return copy.innerText
    })
    const written = text.replaceAll(school.name, '').replace(/Summer 202\d staff survey/g, '')
    const englishWords = /\b(the|and|of|with|from|for|which|staff's|likely|possibly|percentile|responses?|answers?|scales?|schools?|withheld|interval|mean|next|risks?|priorit(y|ies)|strengths?|agree|disagree|chance|pattern|compared)\b/gi
    expect(written.match(englishWords) ?? []).toEqual([])
    expect(await page.locator('main [lang="en"]').count()).toBe(0)
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
