import { formatProbability } from '../../shared/domain/placement.ts'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SCHOOLS, seedDemoIfEmpty, type DemoLogin } from '../../server/demo.ts'
import { createOrganisationService } from '../../server/modules/organisations/organisations.service.ts'
import { generateResponses } from '../../shared/domain/synthetic.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { SurveyReportSchema, type SurveyReport } from '../../shared/schemas/reports.ts'
import { E2E_DATABASE, expectAccessible, heading, RESULTS_DIR, signInAt, useBrowserApp } from '../helpers/browser.ts'
import { createSchoolWithSurvey, storeResponses } from '../helpers/fixtures.ts'

// A school leader reads their school's report in Chromium: the continuum strip and its words,
// the radar chart with an earlier cycle laid over it, a scale's statements, the CSV, and the
// printed page. The trust leader opens all four demo schools, whose reports must differ as their
// data do. axe-core checks every state; screenshots and a PDF land in test-results/.


let logins: DemoLogin[]

// The demo data are read, never changed, by these tests: seeded once for the file.
const t = useBrowserApp({ reset: true })
beforeAll(async () => {
  logins = (await seedDemoIfEmpty(t.db, { publicUrl: t.server.url }))!.logins
})

const patternLabel = (p: number) => dlV2.continuum.patterns.find((x) => x.value === p)!.label

const signIn = (page: Page, email: string, password = logins.find((l) => l.email === email)!.password) => signInAt(page, t.server.url, email, password)

/** The report as the API gives it to the signed-in page, to hold the screen to. */
async function apiReport(page: Page, surveyId: number): Promise<SurveyReport> {
  const res = await page.request.get(`${t.server.url}/api/surveys/${surveyId}/report`)
  expect(res.status()).toBe(200)
  return SurveyReportSchema.parse(await res.json())
}

const surveyIdOf = (page: Page) => Number(new URL(page.url()).pathname.split('/')[2])
/** The dl-v2 placement's sentence ("most likely … (70 %); possibly …"): the demo's reports are dl-v2. */
const placementWords = (page: Page) => page.locator('#placement-words')
const radarTable = (page: Page) => page.getByRole('table', { name: 'Scale means (1 to 5)' })
const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth)

/** From the school page: the report of the latest closed survey (the list is newest first). */
async function openLatestReport(page: Page, school: string) {
  await page.getByRole('link', { name: school }).click()
  await heading(page, school)
  await page.getByRole('link', { name: /^Report on / }).first().click()
  await heading(page, /Report: /)
}

describe(`the school report (${E2E_DATABASE})`, () => {
  it('shows a head where the school sits, the scales against last year, the detail, the CSV and the printed page', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await signIn(page, 'head@brookfield.demo')
    await openLatestReport(page, 'Brookfield Academy (demo)')
    expect(await page.title()).toBe('Report: Summer 2026 staff survey · Brookfield Academy (demo) · Continuum')
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    const report = await apiReport(page, surveyIdOf(page))
    expect(report.released).toBe(true)

    // The continuum (the demo is dl-v2): the placement's words name the pattern the API finds most likely, with its chance.
    const placement = report.placement!
    const words = placementWords(page)
    await words.waitFor()
    expect((await words.textContent())!.toLowerCase()).toContain(patternLabel(placement.mostLikely).toLowerCase())
    expect(await words.textContent()).toContain(formatProbability(placement.probabilities[placement.mostLikely - 1]!))
    await expect.poll(() => page.getByText('How likely each pattern is', { exact: true }).isVisible()).toBe(true)

    // The radar chart is drawn; the previous cycle can be laid over it, and its table follows.
    const canvas = page.locator('canvas')
    expect(await canvas.isVisible()).toBe(true)
    expect(await canvas.getAttribute('aria-label')).toMatch(/^Radar chart of the nine scale means/)
    const drawn = () => canvas.evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height)
      let inked = 0
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++
      return inked
    })
    expect(await drawn()).toBeGreaterThan(1000)
    const headers = () => radarTable(page).locator('thead th').allInnerTexts()
    expect((await headers()).map((h) => h.trim())).toEqual(['Scale', 'This survey'])
    expect(await radarTable(page).locator('tbody tr').count()).toBe(9)
    const compare = page.getByRole('group', { name: 'Compare with' })
    await compare.getByRole('checkbox', { name: /Summer 2025 staff survey/ }).check()
    await expect.poll(async () => (await headers()).map((h) => h.trim())).toEqual(['Scale', 'This survey', 'Summer 2025 staff survey', 'Change'])
    expect(await canvas.getAttribute('aria-label')).toContain('with Summer 2025 staff survey')
    await compare.getByRole('checkbox', { name: /Rest of the trust/ }).check()
    await expect.poll(async () => (await headers()).length).toBe(5)
    await compare.getByRole('checkbox', { name: /Rest of the trust/ }).uncheck()
    await expect.poll(async () => (await headers()).length).toBe(4)
    // The note says what the trust comparison rests on.
    expect(await page.getByText(/^Compared with the rest of the trust in \w+ \d{4} \(3 other schools, \d+ responses\)/).isVisible()).toBe(true)

    // A scale opens onto its statements.
    const synergy = page.getByRole('button', { name: 'Synergy', exact: true })
    expect(await synergy.getAttribute('aria-expanded')).toBe('false')
    const firstStatement = page.getByRole('rowheader', { name: dlV2.scales.find((s) => s.id === 'synergy')!.items[0]!.text })
    expect(await firstStatement.isVisible()).toBe(false)
    await synergy.click()
    expect(await synergy.getAttribute('aria-expanded')).toBe('true')
    await expect.poll(() => firstStatement.isVisible()).toBe(true)

    // Strengths, priorities, role groups, the perception gap, comments, what is withheld.
    for (const advice of [...report.strengths, ...report.priorities]) {
      await expect.poll(() => page.getByRole('heading', { level: 4, name: advice.title }).first().isVisible()).toBe(true)
    }
    for (const hidden of report.hiddenGroups) {
      await expect.poll(() => page.getByRole('listitem').filter({ hasText: `${hidden.label}: ${hidden.reason}` }).first().isVisible()).toBe(true)
    }
    if (report.perceptionGap?.length) await page.getByRole('table', { name: /Perception gap/ }).waitFor()
    expect(await page.locator('blockquote').count()).toBe(report.comments.items.length)
    await expectAccessible(page, 'report page')
    await page.screenshot({ path: join(RESULTS_DIR, 'report.png'), fullPage: true })

    // The CSV, with the BOM and the header, and this school's figures.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()])
    expect(download.suggestedFilename()).toBe(`continuum-report-${report.survey.id}.csv`)
    const csv = readFileSync((await download.path())!, 'utf8')
    expect(csv.startsWith('\uFEFFsection,scale_id,scale,item_id,item,group,measure,value\r\n')).toBe(true)
    expect(csv).toContain('survey,,,,,all,school,Brookfield Academy (demo)\r\n')
    expect(csv).toContain(`survey,,,,,all,responses,${report.responseCount}\r\n`)
    expect(csv).toContain(`,most_likely,${report.placement!.mostLikely}\r\n`)
    const [codebook] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download codebook' }).click()])
    expect(readFileSync((await codebook.path())!, 'utf8')).toMatch(/^\uFEFFcolumn or measure,meaning\r\n/)
    await heading(page, /Report: /) // a download does not navigate

    // On paper: no navigation or buttons, every scale's statements shown, the chart kept.
    const screenWidth = await canvas.evaluate((c) => c.getBoundingClientRect().width)
    await page.emulateMedia({ media: 'print' })
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false)
    expect(await page.getByRole('navigation', { name: 'Breadcrumb' }).isVisible()).toBe(false)
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false)
    expect(await page.getByRole('link', { name: 'Download CSV' }).isVisible()).toBe(false)
    expect(await page.getByRole('group', { name: 'Compare with' }).isVisible()).toBe(false)
    const coordinationItem = dlV2.scales.find((s) => s.id === 'coordination')!.items[0]!.text
    expect(await page.getByRole('rowheader', { name: coordinationItem }).isVisible()).toBe(true)
    expect(await page.getByRole('table', { name: 'How likely each pattern is' }).isVisible()).toBe(true)
    expect(await canvas.isVisible()).toBe(true)
    expect(await page.getByText(/^Printed from Continuum on /).isVisible()).toBe(true)
    // Chart.js is told the size it will be printed at, and goes back afterwards.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')))
    expect(await canvas.evaluate((c) => c.style.width)).toBe('380px')
    await page.pdf({ path: join(RESULTS_DIR, 'report.pdf'), format: 'A4', printBackground: true })
    await page.screenshot({ path: join(RESULTS_DIR, 'report-print.png'), fullPage: true })
    await page.emulateMedia({ media: 'screen' })
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')))
    await expect.poll(() => canvas.evaluate((c) => c.getBoundingClientRect().width)).toBe(screenWidth)

    // Back to the survey page, which leads to the report as its main action once closed.
    await page.getByRole('link', { name: 'Summer 2026 staff survey' }).click()
    await heading(page, 'Summer 2026 staff survey')
    await page.getByRole('link', { name: 'Read the report' }).click()
    await heading(page, /Report: Summer 2026/)
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    await page.close()
  })

  it('places each scale among all schools and similar schools, as the API words it, and can overlay their median', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await signIn(page, 'head@brookfield.demo')
    await openLatestReport(page, 'Brookfield Academy (demo)')
    const report = await apiReport(page, surveyIdOf(page))
    expect(report.norms!.groups.map((g) => g.label)).toEqual(['All schools', 'Secondary schools with 20 to 49 staff'])
    expect(report.norms!.basis).toBe('similar')
    const table = page.getByRole('table', { name: /^Where each scale stands/ })
    await table.waitFor()
    const first = report.norms!.scales[0]!
    expect(first.similar!.wording).toMatch(/(around|below|above) the \d+(st|nd|rd|th) percentile/)
    const cells = await table.locator('tbody tr').first().locator('td').allInnerTexts()
    expect(cells.map((c) => c.trim())).toEqual([first.all!.wording, first.similar!.wording])
    expect(await page.getByText(/^Strengths and priorities are chosen by where each scale stands among secondary schools with 20 to 49 staff/).isVisible()).toBe(true)
    // dl-v2: the placement's measures placed the same way, and how the groups' schools are placed.
    const dimensions = report.norms!.dimensions.filter((d) => d.all || d.similar)
    expect(dimensions.length).toBeGreaterThan(0)
    const dimensionRows = page.getByRole('table', { name: /^Where each of the placement's measures stands/ }).locator('tbody tr')
    expect(await dimensionRows.count()).toBe(dimensions.length)
    expect((await dimensionRows.first().locator('td').allInnerTexts()).map((c) => c.trim())).toEqual([dimensions[0]!.all?.wording ?? 'Not shown', dimensions[0]!.similar?.wording ?? 'Not shown'])
    const placed = page.getByRole('table', { name: /^How other schools are placed/ })
    expect(await placed.locator('tbody tr').count()).toBe(7)
    const own = placed.getByRole('row', { name: /this school's most likely/ })
    expect((await own.locator('td').first().innerText()).trim()).toBe(`${Math.round(report.norms!.placement!.all![report.placement!.mostLikely - 1]! * 100)} %`)
    await page.getByRole('group', { name: 'Compare with' }).getByRole('checkbox', { name: /Median of secondary schools with 20 to 49 staff/ }).check()
    await expect.poll(async () => (await radarTable(page).locator('thead th').allInnerTexts()).map((h) => h.trim())).toEqual(['Scale', 'This survey', 'Median of secondary schools with 20 to 49 staff'])
    await expectAccessible(page, 'report-norms')
    await page.close()
  })

  it('fits a 320 px phone', async () => {
    const page = await t.browser.newPage({ viewport: { width: 320, height: 720 } })
    await signIn(page, 'head@dunmore.demo')
    await openLatestReport(page, 'Dunmore Primary (demo)')
    await placementWords(page).waitFor()
    expect(await noSideways(page)).toBeLessThanOrEqual(320)
    await page.getByRole('button', { name: 'Shared responsibility', exact: true }).click()
    expect(await noSideways(page)).toBeLessThanOrEqual(320)
    // The wide tables scroll inside labelled regions that the keyboard can reach.
    const region = page.getByRole('region', { name: /Each scale's mean/ })
    expect(await region.getAttribute('tabindex')).toBe('0')
    await expectAccessible(page, 'report on a phone')
    await page.screenshot({ path: join(RESULTS_DIR, 'report-phone.png'), fullPage: true })
    await page.close()
  })

  it('says plainly when a report is not released yet', async () => {
    const page = await t.browser.newPage()
    await signIn(page, 'head@ashgrove.demo')
    await page.getByRole('link', { name: 'Ashgrove Primary (demo)' }).click()
    await page.getByRole('link', { name: 'Autumn 2026 staff survey' }).click()
    await heading(page, 'Autumn 2026 staff survey')
    await page.getByRole('link', { name: 'Report', exact: true }).click()
    await heading(page, 'Ashgrove Primary (demo) Report: Autumn 2026 staff survey')
    const report = await apiReport(page, surveyIdOf(page))
    expect(report.released).toBe(false)
    await page.getByRole('heading', { level: 2, name: 'Nothing to show yet' }).waitFor()
    await expect.poll(() => page.getByText(report.releaseNote!).isVisible()).toBe(true)
    await expect.poll(() => page.getByText('Fewer than 5 responses so far, of 26 staff', { exact: true }).isVisible()).toBe(true)
    await expect.poll(() => page.getByText(/^The survey is open until the end of .*, and the report appears then\.$/).isVisible()).toBe(true)
    expect(await page.locator('canvas').count()).toBe(0)
    expect(await page.getByRole('link', { name: 'Download CSV' }).count()).toBe(0)
    await expectAccessible(page, 'report not released')
    await page.getByRole('link', { name: 'Back to the survey' }).click()
    await heading(page, 'Autumn 2026 staff survey')
    await page.close()
  })

  it('shows live results of an open survey in steps of k, the whole school only', async () => {
    const { schoolId, surveyId } = await createSchoolWithSurvey(t.db, { title: 'Live check', expectedStaff: 40, releaseMode: 'live', k: 5 })
    const bodies = generateResponses({ instrument: dlV1, pattern: 3, respondents: 12, seed: 78 })
    await storeResponses(t.db, surveyId, dlV1, bodies, (i) => ({ releaseBatch: Math.floor(i / 5) }))
    // both batches completed yesterday, so both are released today
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    await t.db.updateTable('surveys').set({ live_response_count: bodies.length, live_batches_completed_on: [yesterday, yesterday] }).where('id', '=', surveyId).execute()
    const organisations = createOrganisationService({ db: t.db })
    const leader = await organisations.createLeader({ email: 'head@live.example', displayName: 'Live Head', password: 'correct horse battery staple' })
    await organisations.grantRole(leader.id, 'school_leader', schoolId)

    const page = await t.browser.newPage()
    await signIn(page, 'head@live.example', 'correct horse battery staple')
    await page.goto(`${t.server.url}/surveys/${surveyId}`)
    await heading(page, 'Live check')
    await page.getByRole('link', { name: 'See the live results' }).click()
    await heading(page, /Report: Live check/)
    const report = await apiReport(page, surveyId)
    expect(report.responseCount).toBe(10)
    await expect.poll(() => page.getByText('Live results: the survey is still open.').isVisible()).toBe(true)
    await expect.poll(() => page.getByText('10 responses: 25 % of 40 staff').isVisible()).toBe(true)
    await expect.poll(() => page.getByText('Provisional: only 25 % of staff answered.').isVisible()).toBe(true)
    expect(await page.getByRole('table', { name: /Scale means by role group/ }).count()).toBe(0)
    for (const note of report.suppression) await expect.poll(() => page.getByRole('listitem').filter({ hasText: note }).first().isVisible()).toBe(true)
    await expectAccessible(page, 'live results')
    await page.close()
  })

  it('lets the trust leader open each demo school, whose reports differ as their data do', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await signIn(page, 'ceo@riverside.demo')
    const placed: number[] = []
    for (const school of DEMO_SCHOOLS) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click()
      await heading(page, 'Your schools')
      await openLatestReport(page, school.name)
      const report = await apiReport(page, surveyIdOf(page))
      expect(report.survey.title).toBe('Summer 2026 staff survey')
      const placement = report.placement!
      placed.push(placement.mostLikely)
      await placementWords(page).waitFor()
      expect((await placementWords(page).textContent())!.toLowerCase()).toContain(patternLabel(placement.mostLikely).toLowerCase())
      const flags = page.getByRole('region', { name: 'Risks to watch' }).getByRole('listitem').filter({ has: page.getByRole('heading', { level: 4 }) })
      expect(await flags.count()).toBe(report.flags.length)
      await page.screenshot({ path: join(RESULTS_DIR, `report-${school.slug}.png`), fullPage: true })
    }
    // Four schools generated at four patterns are placed at (at least three) different ones.
    expect(new Set(placed).size).toBeGreaterThanOrEqual(3)
    await expectAccessible(page, `report of ${DEMO_SCHOOLS.at(-1)!.name}`)
    await page.close()
  })

  it('shows staff comments as text, never as markup', async () => {
    const { schoolId, surveyId } = await createSchoolWithSurvey(t.db, { title: 'Markup check', expectedStaff: 40 })
    const bodies = generateResponses({ instrument: dlV1, pattern: 4, respondents: 12, seed: 77 })
    bodies[0]!.comments = { helps: '<b>bold</b> and <img src=x onerror="document.title=\'pwned\'">', hinders: 'A & B <i>both</i>' }
    await storeResponses(t.db, surveyId, dlV1, bodies)
    await t.db.updateTable('surveys').set({ status: 'closed', closed_at: new Date() }).where('id', '=', surveyId).execute()
    const organisations = createOrganisationService({ db: t.db })
    const leader = await organisations.createLeader({ email: 'head@markup.example', displayName: 'Markup Head', password: 'correct horse battery staple' })
    await organisations.grantRole(leader.id, 'school_leader', schoolId)

    const page = await t.browser.newPage()
    await signIn(page, 'head@markup.example', 'correct horse battery staple')
    await page.goto(`${t.server.url}/surveys/${surveyId}/report`)
    await heading(page, /Report: Markup check/)
    // 12 of 40 staff: provisional, and said so.
    await expect.poll(() => page.getByText('Provisional: only 30 % of staff answered.').isVisible()).toBe(true)
    const helps = page.getByRole('region', { name: /What helps leadership be shared here\?/ })
    await expect.poll(() => helps.locator('blockquote').filter({ hasText: '<b>bold</b>' }).count()).toBe(1)
    expect(await helps.locator('blockquote').filter({ hasText: '<b>bold</b>' }).textContent()).toContain('<img src=x onerror=')
    await expect.poll(() => page.locator('blockquote').filter({ hasText: 'A & B <i>both</i>' }).count()).toBe(1)
    expect(await page.locator('blockquote b, blockquote i, blockquote img').count()).toBe(0)
    expect(await page.title()).not.toBe('pwned')
    await expectAccessible(page, 'report with comments')
    await page.close()
  })
})
