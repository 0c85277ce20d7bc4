import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SCHOOLS, seedDemoIfEmpty, type DemoLogin } from '../../server/demo.ts'
import { createOrganisationService } from '../../server/modules/organisations/organisations.service.ts'
import { createSurveyService } from '../../server/modules/surveys/surveys.service.ts'
import { termOf } from '../../shared/domain/cycles.ts'
import { generateResponses } from '../../shared/domain/synthetic.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import type { PatternValue } from '../../shared/instrument/types.ts'
import { TrustOverviewSchema, type TrustOverview } from '../../shared/schemas/trusts.ts'
import { percentileLabel, percentileStep } from '../../client/src/charts/heat-scale.ts'
import { formatMean } from '../../client/src/common/report-words.ts'
import { E2E_DATABASE, expectAccessible, heading, RESULTS_DIR, signInAt, useBrowserApp } from '../helpers/browser.ts'
import { DAY, storeResponses } from '../helpers/fixtures.ts'

// A trust leader compares the four demo schools in Chromium: the heatmap of the nine scales, the
// continuum with one row per school (sorted three ways), schools laid over the trust average on
// the radar chart, the earlier term and a date range, a school's report and the way back, the
// CSV and the printed page. Then a school below k, which must show no figure at all, and enough
// schools to find the radar chart's limit of five; a 320 px phone; and a school leader, who may
// not see the trust's overview. axe-core checks every state; screenshots land in test-results/.


let logins: DemoLogin[]
/** When the demo's latest surveys opened (server/demo.ts: five months ago, 08:00 UTC). */
let latestOpened: Date

const t = useBrowserApp({ reset: true })
beforeAll(async () => {
  const today = new Date()
  logins = (await seedDemoIfEmpty(t.db, { publicUrl: t.server.url, today }))!.logins
  latestOpened = new Date(today)
  latestOpened.setUTCMonth(latestOpened.getUTCMonth() - 5)
  latestOpened.setUTCHours(8, 0, 0, 0)
})

const TRUST_NAME = 'Riverside Learning Partnership (demo)'
const patternLabel = (p: number) => dlV1.continuum.patterns.find((x) => x.value === p)!.label
const scaleIndex = (id: string) => dlV1.scales.findIndex((s) => s.id === id)

const signIn = (page: Page, email: string, password = logins.find((l) => l.email === email)!.password) => signInAt(page, t.server.url, email, password)

/** Signs the trust leader in and opens the overview from Home, as a leader would; returns the trust's id. */
async function openOverview(page: Page): Promise<number> {
  await signIn(page, 'ceo@riverside.demo')
  const link = page.getByRole('link', { name: `Compare the schools of ${TRUST_NAME}` })
  const trustId = Number((await link.getAttribute('href'))!.split('/')[2])
  await link.click()
  await heading(page, /Compare the schools$/)
  await heatmap(page).waitFor()
  return trustId
}

/** The overview as the API gives it to the signed-in page, to hold the screen to. */
async function apiOverview(page: Page, trustId: number, query = ''): Promise<TrustOverview> {
  const res = await page.request.get(`${t.server.url}/api/trusts/${trustId}/overview${query}`)
  expect(res.status()).toBe(200)
  return TrustOverviewSchema.parse(await res.json())
}

const heatmap = (page: Page) => page.getByRole('table', { name: 'Scale means by school (1 to 5)' })
const strip = (page: Page) => page.getByRole('table', { name: 'Where each school sits on the continuum' })
const radarTable = (page: Page) => page.getByRole('table', { name: 'Scale means on the chart (1 to 5)' })
const radarChoices = (page: Page) => page.getByRole('group', { name: /Schools on the chart/ })
const schoolRows = (table: Locator) => table.locator('tbody').first().getByRole('row')
const texts = async (locator: Locator) => (await locator.allInnerTexts()).map((t) => t.trim())
/** The names in the continuum table's rows, top to bottom. */
const stripOrder = (page: Page) => texts(strip(page).locator('tbody th'))
const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth)

/** A closed survey in the demo's latest term, at a new school of the demo trust. */
async function addSchool(trustId: number, name: string, pattern: PatternValue, respondents: number, seed: number) {
  const organisations = createOrganisationService({ db: t.db })
  const surveys = createSurveyService({ db: t.db, publicUrl: t.server.url })
  const school = await organisations.createSchool({ name, trustId })
  const opensAt = new Date(latestOpened.getTime() + DAY)
  const closesAt = new Date(opensAt.getTime() + 14 * DAY)
  const survey = await surveys.createSurvey(
    school.id,
    { title: 'Summer staff survey', opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString(), expectedStaff: 20, k: 5 },
    'open',
  )
  await storeResponses(t.db, survey.id, dlV1, generateResponses({ instrument: dlV1, pattern, respondents, seed }), () => ({ submittedOn: opensAt.toISOString().slice(0, 10) }))
  await t.db.updateTable('surveys').set({ status: 'closed', closes_at: closesAt, closed_at: closesAt }).where('id', '=', survey.id).execute()
  return school.id
}

describe(`the trust overview (${E2E_DATABASE})`, () => {
  it('shows a trust leader every school on the heatmap, the continuum and the radar chart', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } })
    const trustId = await openOverview(page)
    expect(new URL(page.url()).pathname).toBe(`/trusts/${trustId}`)
    expect(await page.title()).toBe(`Compare the schools · ${TRUST_NAME} · Continuum`)
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    const overview = await apiOverview(page, trustId)
    expect(overview.cycle?.label).toBe(termOf(latestOpened).label)
    expect(overview.schools.map((s) => s.status)).toEqual(['reportable', 'reportable', 'reportable', 'reportable'])
    await expect.poll(() => page.getByRole('combobox', { name: 'Cycle' }).inputValue()).toBe(overview.cycle!.id)

    // The heatmap: four schools with nine numbers each, then the two trust rows.
    const rows = schoolRows(heatmap(page))
    expect(await rows.count()).toBe(4)
    for (const [i, school] of DEMO_SCHOOLS.entries()) {
      expect((await rows.nth(i).getByRole('rowheader').innerText()).trim()).toBe(school.name)
      const cells = await texts(rows.nth(i).getByRole('cell'))
      expect(cells).toHaveLength(9)
      for (const cell of cells) expect(cell.split('\n')[0]).toMatch(/^[1-5]\.\d\d$/) // its percentile, if any, below
    }
    // One cell against the API: Dunmore's coordination (its anarchy shows as a low value here).
    const dunmore = overview.schools.find((s) => s.name === 'Dunmore Primary (demo)')!
    const coordination = dunmore.scales.coordination!
    const dunmoreRow = heatmap(page).getByRole('row', { name: /^Dunmore Primary/ })
    expect((await dunmoreRow.getByRole('cell').nth(scaleIndex('coordination')).innerText()).split('\n')[0]).toBe(coordination.toFixed(2))
    const weighted = heatmap(page).getByRole('row', { name: /^Trust \(weighted\)/ })
    expect((await weighted.getByRole('cell').first().innerText()).trim()).toBe(overview.totals.weighted[dlV1.scales[0]!.id]!.toFixed(2))
    await heatmap(page).getByRole('row', { name: /^Trust \(mean of schools\)/ }).waitFor()
    expect(await texts(heatmap(page).locator('thead th'))).toEqual(['School', ...dlV1.scales.map((s) => s.name)])
    // Every shade keeps its number readable: WCAG AA contrast (4.5:1) between text and cell.
    const contrasts = await heatmap(page).locator('td.heat:not(.withheld)').evaluateAll((cells) => {
      const channels = (colour: string) => colour.match(/[\d.]+/g)!.slice(0, 3).map(Number)
      const luminance = (colour: string) => {
        const [r, g, b] = channels(colour).map((c) => {
          const x = c / 255
          return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4
        })
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
      }
      return cells.map((cell) => {
        const style = getComputedStyle(cell)
        const [a, b] = [luminance(style.color), luminance(style.backgroundColor)].sort((x, y) => y - x)
        return { background: style.backgroundColor, ratio: (a! + 0.05) / (b! + 0.05) }
      })
    })
    expect(contrasts.length).toBe(4 * 9 + 2 * 9)
    expect(new Set(contrasts.map((c) => c.background)).size).toBeGreaterThanOrEqual(4)
    for (const c of contrasts) expect(c.ratio).toBeGreaterThanOrEqual(4.5)

    // The continuum: four schools at (at least three) different patterns, in different columns.
    const placed = await texts(strip(page).locator('tbody tr td:nth-of-type(2)'))
    expect(placed).toEqual(
      overview.schools
        .slice()
        .sort((a, b) => a.continuum!.evidencePattern! - b.continuum!.evidencePattern!)
        .map((s) => patternLabel(s.continuum!.evidencePattern!)),
    )
    expect(new Set(placed).size).toBeGreaterThanOrEqual(3)
    const markers = strip(page).locator('tbody tr td.strip-col .marker')
    expect(await markers.count()).toBe(8) // staff say, evidence: two per school
    const evidenceX = await Promise.all([1, 3, 5, 7].map(async (i) => Math.round((await markers.nth(i).boundingBox())!.x)))
    expect(new Set(evidenceX).size).toBe(new Set(placed).size)
    expect(evidenceX).toEqual([...evidenceX].sort((a, b) => a - b))
    // Each row says the same in words for screen readers.
    const castleton = overview.schools.find((s) => s.name === 'Castleton High (demo)')!
    await expect
      .poll(() => strip(page).getByRole('row', { name: /^Castleton High/ }).innerText())
      .toContain(`their answers place it at ${patternLabel(castleton.continuum!.evidencePattern!)}`)

    // Sorting: by evidence to begin with; then by distribution index, both ways; then by name.
    const header = (name: string) => strip(page).getByRole('columnheader', { name })
    expect(await header('Evidence').getAttribute('aria-sort')).toBe('ascending')
    expect(await header('School').getAttribute('aria-sort')).toBeNull()
    // the demo is dl-v2: schools are placed by chances, so the strip shows the most likely pattern's chance, not the dl-v1 indices
    expect(await header('Distribution index').count()).toBe(0)
    const byChance = overview.schools.slice().sort((a, b) => a.continuum!.evidenceProbability! - b.continuum!.evidenceProbability! || a.name.localeCompare(b.name, 'en-GB'))
    await header('Chance').getByRole('button').click()
    expect(await header('Chance').getAttribute('aria-sort')).toBe('ascending')
    expect(await header('Evidence').getAttribute('aria-sort')).toBeNull()
    expect(await stripOrder(page)).toEqual(byChance.map((s) => s.name))
    await header('Chance').getByRole('button').click()
    expect(await header('Chance').getAttribute('aria-sort')).toBe('descending')
    expect(await stripOrder(page)).toEqual(overview.schools.slice().sort((a, b) => b.continuum!.evidenceProbability! - a.continuum!.evidenceProbability! || a.name.localeCompare(b.name, 'en-GB')).map((s) => s.name))
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Sorted by chance, surest first.' }).count()).toBe(1)
    await header('Response rate').getByRole('button').click()
    const byRate = overview.schools.slice().sort((a, b) => a.responseRate! - b.responseRate!)
    expect(await stripOrder(page)).toEqual(byRate.map((s) => s.name))
    await header('School').getByRole('button').click()
    expect(await header('School').getAttribute('aria-sort')).toBe('ascending')
    expect(await stripOrder(page)).toEqual(DEMO_SCHOOLS.map((s) => s.name))

    // The radar chart: the trust average, then schools ticked one by one join the chart and table.
    const radarHeaders = () => texts(radarTable(page).locator('thead th'))
    expect(await radarHeaders()).toEqual(['Scale', 'Trust average'])
    const choices = radarChoices(page).getByRole('checkbox')
    expect(await choices.count()).toBe(4)
    await radarChoices(page).getByRole('checkbox', { name: 'Ashgrove Primary (demo)' }).check()
    await radarChoices(page).getByRole('checkbox', { name: 'Dunmore Primary (demo)' }).check()
    await expect.poll(radarHeaders).toEqual(['Scale', 'Trust average', 'Ashgrove Primary (demo)', 'Dunmore Primary (demo)'])
    expect(await radarTable(page).locator('tbody tr').count()).toBe(9)
    const canvas = page.locator('canvas')
    expect(await canvas.getAttribute('aria-label')).toContain('the trust average and Ashgrove Primary (demo), Dunmore Primary (demo)')
    const inked = await canvas.evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height)
      let n = 0
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++
      return n
    })
    expect(inked).toBeGreaterThan(1000)
    const ashgroveColumn = await texts(radarTable(page).locator('tbody tr td:nth-of-type(2)'))
    expect(ashgroveColumn).toEqual(dlV1.scales.map((s) => overview.schools[0]!.scales[s.id]!.toFixed(2)))

    // Learn from each other: each pairing in a sentence, with its questions.
    for (const pairing of overview.pairings) {
      const school = overview.schools.find((s) => s.schoolId === pairing.schoolId)!
      const partner = pairing.partners[0]!
      await expect
        .poll(() => page.getByText(`${school.name} could learn about ${pairing.scaleName} from ${partner.name} (mean ${partner.mean.toFixed(2)} vs ${pairing.mean.toFixed(2)})`).count())
        .toBe(1)
    }
    expect(overview.pairings.length).toBeGreaterThan(0)
    await page.getByRole('heading', { level: 3, name: 'Questions for every pairing' }).waitFor()

    // Over time: both terms, oldest first, each school's evidence position in each.
    const evidenceTrend = page.getByRole('table', { name: 'Evidence position, term by term' })
    expect(await texts(evidenceTrend.locator('thead th'))).toEqual(['School', ...overview.trends.map((t) => t.cycle.label)])
    expect(overview.trends).toHaveLength(2)
    const ashgroveTrend = await texts(evidenceTrend.getByRole('row', { name: /^Ashgrove/ }).getByRole('cell'))
    expect(ashgroveTrend).toEqual(overview.trends.map((t) => patternLabel(t.schools.find((s) => s.schoolId === overview.schools[0]!.schoolId)!.evidencePattern!)))

    await expectAccessible(page, 'trust overview')
    await page.screenshot({ path: join(RESULTS_DIR, 'trust.png'), fullPage: true })
    await page.close()
  })

  it('places each school among all schools beside its mean, and colours the heatmap by percentile at the reader\'s choice', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } })
    const trustId = await openOverview(page)
    const overview = await apiOverview(page, trustId)
    await page.getByText(overview.norms.note).waitFor()
    // Each percentile the API gives is printed under its mean, and said as a percentile to a screen reader.
    const rows = schoolRows(heatmap(page))
    let shown = 0
    for (const [i, school] of overview.schools.entries()) {
      const cells = rows.nth(i).getByRole('cell')
      for (const [n, scale] of dlV1.scales.entries()) {
        const at = school.percentiles[scale.id]
        const pct = cells.nth(n).locator('.pct')
        if (!at) expect(await pct.count()).toBe(0)
        else {
          expect(await pct.textContent()).toBe(`, ${percentileLabel(at)} percentile`)
          shown++
        }
      }
    }
    expect(shown).toBeGreaterThan(0) // the demo's reference schools make the all-schools norms

    // Shaded by the mean at first; the keyboard switches to the percentile, and the key and caption say so.
    const byMean = page.getByRole('radio', { name: 'Mean (1 to 5)' })
    expect(await byMean.isChecked()).toBe(true)
    await byMean.focus()
    await page.keyboard.press('ArrowRight')
    expect(await page.getByRole('radio', { name: 'Percentile among all schools' }).isChecked()).toBe(true)
    await page.getByRole('table', { name: /shaded by percentile/ }).waitFor()
    await page.getByText('The darker the cell, the higher the school stands among all schools').waitFor()
    for (const label of ['below the 10th', '50th to 74th', 'above the 90th']) await page.getByRole('listitem').filter({ hasText: label }).waitFor()
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`
    const placed = overview.schools.findIndex((s) => dlV1.scales.some((scale) => s.percentiles[scale.id]))
    const n = dlV1.scales.findIndex((scale) => overview.schools[placed]!.percentiles[scale.id])
    const cell = rows.nth(placed).getByRole('cell').nth(n)
    expect(await cell.evaluate((td) => getComputedStyle(td).backgroundColor)).toBe(rgb(percentileStep(overview.schools[placed]!.percentiles[dlV1.scales[n]!.id]!).background))
    // The trust's averages have no percentile: unshaded.
    const weighted = heatmap(page).getByRole('row', { name: /^Trust \(weighted\)/ }).getByRole('cell').first()
    expect(await weighted.evaluate((td) => td.classList.contains('plain'))).toBe(true)
    await expectAccessible(page, 'trust overview by percentile')
    await page.screenshot({ path: join(RESULTS_DIR, 'trust-percentiles.png'), fullPage: true })
    await page.close()
  })

  it('follows the cycle in the address: the earlier term, a date range, a school report and back', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } })
    const trustId = await openOverview(page)
    const latest = await apiOverview(page, trustId)
    const earlier = latest.cycles[1]!
    await radarChoices(page).getByRole('checkbox', { name: 'Castleton High (demo)' }).check()

    // The earlier term: the address changes, the page stays (focus on the picker, choices kept).
    const select = page.getByRole('combobox', { name: 'Cycle' })
    await select.focus()
    await select.selectOption(earlier.id)
    await page.waitForURL((url) => url.pathname === `/trusts/${trustId}` && url.search === `?cycle=${earlier.id}`)
    await expect.poll(() => page.getByRole('status').filter({ hasText: `Showing ${earlier.label}` }).count()).toBe(1)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cycle-choice')
    const before = await apiOverview(page, trustId, `?cycle=${earlier.id}`)
    expect(before.cycle?.id).toBe(earlier.id)
    const ashgrove = before.schools[0]!
    const firstRow = schoolRows(heatmap(page)).first()
    await expect.poll(async () => (await firstRow.getByRole('cell').first().innerText()).split('\n')[0]).toBe(ashgrove.scales[dlV1.scales[0]!.id]!.toFixed(2))
    expect(await texts(radarTable(page).locator('thead th'))).toEqual(['Scale', 'Trust average', 'Castleton High (demo)'])
    await expectAccessible(page, 'trust overview, earlier term')

    // A date range: checked before it is asked for, then shown.
    await select.selectOption('range')
    const fromField = page.getByLabel('First day')
    const toField = page.getByLabel('Last day')
    expect(await fromField.inputValue()).toBe(earlier.from.slice(0, 10))
    await fromField.fill('2026-12-31')
    await toField.fill('2026-01-01')
    await page.getByRole('button', { name: 'Show this range' }).click()
    await expect.poll(() => toField.getAttribute('aria-invalid')).toBe('true')
    await expect.poll(() => page.getByText('The range must not end before it starts.').isVisible()).toBe(true)
    expect(page.url()).toContain(`cycle=${earlier.id}`)
    await expectAccessible(page, 'date range with a problem')
    const from = earlier.from.slice(0, 10)
    const to = new Date(Date.parse(latest.cycle!.to) - DAY).toISOString().slice(0, 10)
    await fromField.fill(from)
    await toField.fill(to)
    await page.getByRole('button', { name: 'Show this range' }).click()
    await page.waitForURL((url) => url.search === `?from=${from}&to=${to}`)
    const ranged = await apiOverview(page, trustId, `?from=${from}&to=${to}`)
    await expect.poll(() => page.getByRole('status').filter({ hasText: `Showing ${ranged.cycle!.label}` }).count()).toBe(1)
    // Each school counts with its latest survey that closed in the range: the later term's.
    expect(ranged.schools.map((s) => s.surveyId)).toEqual(latest.schools.map((s) => s.surveyId))

    // Back returns to the earlier term.
    await page.goBack()
    await page.waitForURL((url) => url.pathname === `/trusts/${trustId}` && url.search === `?cycle=${earlier.id}`)
    await expect.poll(() => select.inputValue()).toBe(earlier.id)
    await expect.poll(async () => (await firstRow.getByRole('cell').first().innerText()).split('\n')[0]).toBe(ashgrove.scales[dlV1.scales[0]!.id]!.toFixed(2))

    // A school's name leads to its report for that term, which leads back to this view.
    await strip(page).getByRole('link', { name: 'Castleton High (demo)' }).click()
    await heading(page, /Report: Summer \d{4} staff survey/)
    const castleton = before.schools.find((s) => s.name === 'Castleton High (demo)')!
    expect(new URL(page.url()).pathname).toBe(`/surveys/${castleton.surveyId}/report`)
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(castleton.surveyTitle!)
    await expectAccessible(page, 'report opened from the trust overview')
    await page.getByRole('link', { name: 'Back to the trust overview' }).click()
    await heading(page, /Compare the schools$/)
    expect(new URL(page.url()).search).toBe(`?cycle=${earlier.id}`)
    await expect.poll(() => select.inputValue()).toBe(earlier.id)
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    await page.close()
  })

  it('downloads the CSV and the codebook, and prints without the navigation', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } })
    const trustId = await openOverview(page)
    const overview = await apiOverview(page, trustId)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()])
    expect(download.suggestedFilename()).toBe(`continuum-trust-${trustId}.csv`)
    const csv = readFileSync((await download.path())!, 'utf8')
    expect(csv.startsWith('\uFEFFsection,school_id,school,status,scale_id,measure,value\r\n')).toBe(true)
    expect(csv).toContain(`cycle,,${TRUST_NAME},trust,,cycle,${overview.cycle!.label}\r\n`)
    expect(csv).toContain(`trust,,${TRUST_NAME},trust,,responses,${overview.totals.responseCount}\r\n`)
    const [codebook] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download codebook' }).click()])
    expect(codebook.suggestedFilename()).toBe('continuum-trust-codebook.csv')
    expect(readFileSync((await codebook.path())!, 'utf8')).toMatch(/^\uFEFFcolumn or measure,meaning\r\n/)
    await heading(page, /Compare the schools$/) // a download does not navigate

    await page.emulateMedia({ media: 'print' })
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false)
    expect(await page.getByRole('navigation', { name: 'Breadcrumb' }).isVisible()).toBe(false)
    expect(await page.getByRole('combobox', { name: 'Cycle' }).isVisible()).toBe(false)
    expect(await page.getByRole('link', { name: 'Download CSV' }).isVisible()).toBe(false)
    expect(await radarChoices(page).isVisible()).toBe(false)
    expect(await heatmap(page).isVisible()).toBe(true)
    expect(await strip(page).isVisible()).toBe(true)
    // The sort buttons print as plain column headings.
    expect(await strip(page).getByRole('columnheader', { name: 'Coordination index' }).count()).toBe(0)
    expect((await strip(page).getByRole('columnheader', { name: 'Chance' }).innerText()).trim()).toBe('Chance')
    // The heatmap fits the landscape page: nothing is cut off at the side.
    const fits = await page.evaluate(() => {
      const region = document.querySelector('.heat-scroll')!
      return region.scrollWidth <= region.clientWidth + 1
    })
    expect(fits).toBe(true)
    expect(await page.getByText(/^Printed from Continuum on /).isVisible()).toBe(true)
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')))
    await page.pdf({ path: join(RESULTS_DIR, 'trust.pdf'), preferCSSPageSize: true, printBackground: true })
    await page.screenshot({ path: join(RESULTS_DIR, 'trust-print.png'), fullPage: true })
    await page.emulateMedia({ media: 'screen' })
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')))
    await page.close()
  })

  it('shows no figure for a school below k, and at most five schools on the radar chart', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } })
    const trustId = await openOverview(page)
    await page.close()
    // Three responses where k is five; and two more schools with figures, six in all.
    await addSchool(trustId, 'Elmstead Infants (test)', 3, 3, 31)
    await addSchool(trustId, 'Fernhill College (test)', 5, 8, 32)
    await addSchool(trustId, 'Greenway Primary (test)', 3, 8, 33)

    const again = await t.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await openOverview(again)
    const overview = await apiOverview(again, trustId)
    const elmstead = overview.schools.find((s) => s.name === 'Elmstead Infants (test)')!
    expect(elmstead.status).toBe('below_k')
    expect(overview.cycle!.id).toBe(termOf(latestOpened).id)
    expect(overview.totals.schoolsReportable).toBe(6)

    const row = heatmap(again).getByRole('row', { name: /^Elmstead Infants/ })
    const rowText = await row.innerText()
    expect(rowText).toMatch(/fewer than/i)
    expect(rowText).not.toMatch(/\d/)
    expect(await row.getByRole('link').count()).toBe(0) // no report to open
    const responses = again.getByRole('table', { name: 'Responses by school' }).getByRole('row', { name: /^Elmstead Infants/ })
    expect(await responses.innerText()).toMatch(/fewer than/i)
    expect(await responses.innerText()).not.toMatch(/\d/)
    expect(await strip(again).getByRole('row', { name: /^Elmstead Infants/ }).count()).toBe(0)
    await expect.poll(() => again.getByText(/^Not placed: Elmstead Infants \(test\) \(fewer than/).isVisible()).toBe(true)
    expect(await radarChoices(again).getByRole('checkbox', { name: 'Elmstead Infants (test)' }).count()).toBe(0)

    // Five schools on the chart; the sixth cannot be ticked, and the page says why.
    const choices = radarChoices(again).getByRole('checkbox')
    expect(await choices.count()).toBe(6)
    for (let i = 0; i < 5; i++) await choices.nth(i).check()
    await expect.poll(() => choices.nth(5).isDisabled()).toBe(true)
    expect(await choices.nth(5).isChecked()).toBe(false)
    await expect.poll(() => radarChoices(again).getByText('5 schools are on the chart, the most it can show clearly').isVisible()).toBe(true)
    expect(await choices.nth(5).getAttribute('aria-describedby')).toBe('radar-full')
    await choices.nth(5).click({ force: true })
    expect(await choices.nth(5).isChecked()).toBe(false)
    expect(await radarTable(again).locator('thead th').count()).toBe(2 + 5)
    await expectAccessible(again, 'trust overview with a school below k and five schools on the radar')
    await choices.nth(0).uncheck()
    await expect.poll(() => choices.nth(5).isDisabled()).toBe(false)
    await choices.nth(5).check()
    expect(await radarTable(again).locator('thead th').count()).toBe(2 + 5)
    await again.close()
  })

  it('fits a 320 px phone', async () => {
    const page = await t.browser.newPage({ viewport: { width: 320, height: 720 } })
    await openOverview(page)
    expect(await noSideways(page)).toBeLessThanOrEqual(320)
    // The wide tables scroll inside labelled regions that the keyboard can reach.
    const region = page.getByRole('region', { name: 'Scale means by school (1 to 5)' })
    expect(await region.getAttribute('tabindex')).toBe('0')
    await region.focus()
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => region.evaluate((r) => r.scrollLeft)).toBeGreaterThan(0)
    expect(await page.getByRole('region', { name: 'Where each school sits on the continuum' }).getAttribute('tabindex')).toBe('0')
    await radarChoices(page).getByRole('checkbox').first().check()
    expect(await noSideways(page)).toBeLessThanOrEqual(320)
    await expectAccessible(page, 'trust overview on a phone')
    await page.screenshot({ path: join(RESULTS_DIR, 'trust-phone.png'), fullPage: true })
    await page.close()
  })

  it('fits a tablet, and says so plainly when a term has no surveys', async () => {
    const page = await t.browser.newPage({ viewport: { width: 768, height: 1024 } })
    const trustId = await openOverview(page)
    expect(await noSideways(page)).toBeLessThanOrEqual(768)
    // The heatmap and the continuum table fit without scrolling sideways.
    for (const name of ['Scale means by school (1 to 5)', 'Where each school sits on the continuum']) {
      expect(await page.getByRole('region', { name }).getAttribute('tabindex')).toBeNull()
    }
    await expectAccessible(page, 'trust overview on a tablet')
    await page.screenshot({ path: join(RESULTS_DIR, 'trust-tablet.png'), fullPage: true })

    await page.goto(`${t.server.url}/trusts/${trustId}?cycle=2019-spring`)
    await heading(page, /Compare the schools$/)
    await expect.poll(() => page.getByRole('combobox', { name: 'Cycle' }).inputValue()).toBe('2019-spring')
    const rows = schoolRows(heatmap(page))
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(4)
    for (const text of await texts(rows)) expect(text).toContain('No survey closed in this cycle')
    await expectAccessible(page, 'a term without surveys')
    await page.close()
  })

  it('compares one version of the questionnaire at a time, and offers the earlier one once the trust has used two', async () => {
    const page = await t.browser.newPage()
    const trustId = await openOverview(page)
    const current = await apiOverview(page, trustId)
    expect(current.instrumentVersions).toEqual(['dl-v2'])
    expect(await page.getByRole('combobox', { name: 'Questionnaire' }).count()).toBe(0)

    // A year before the demo's latest term, the trust's schools answered dl-v1.
    const opensAt = new Date(latestOpened.getTime() - 365 * DAY)
    const closesAt = new Date(opensAt.getTime() + 14 * DAY)
    const surveys = createSurveyService({ db: t.db, publicUrl: t.server.url })
    for (const [i, school] of current.schools.entries()) {
      const survey = await surveys.createSurvey(school.schoolId, { title: 'Staff survey on the first questionnaire', opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString(), instrumentVersion: dlV1.id }, 'open')
      const bodies = generateResponses({ instrument: dlV1, pattern: (2 + (i % 5)) as PatternValue, respondents: 12, seed: 700 + i })
      await storeResponses(t.db, survey.id, dlV1, bodies, () => ({ submittedOn: opensAt.toISOString().slice(0, 10) }))
      await t.db.updateTable('surveys').set({ status: 'closed', closed_at: closesAt }).where('id', '=', survey.id).execute()
    }

    await page.reload()
    await heatmap(page).waitFor()
    const picker = page.getByRole('combobox', { name: 'Questionnaire' })
    await expect.poll(() => picker.inputValue()).toBe('dl-v2')
    await picker.selectOption('dl-v1')
    await expect.poll(() => new URL(page.url()).searchParams.get('instrument')).toBe('dl-v1')
    const earlier = await apiOverview(page, trustId, '?instrument=dl-v1')
    expect([earlier.instrumentVersion, earlier.cycle?.id]).toEqual(['dl-v1', termOf(closesAt).id])
    await expect.poll(() => page.getByRole('combobox', { name: 'Cycle' }).inputValue()).toBe(termOf(closesAt).id)
    // the heatmap shows the dl-v1 figures, not the latest term's
    const school = earlier.schools.find((s) => s.status === 'reportable')!
    const row = schoolRows(heatmap(page)).filter({ hasText: school.name })
    await expect.poll(async () => (await row.innerText()).includes(formatMean(school.scales.shared_responsibility!))).toBe(true)
    await expectAccessible(page, 'trust overview, the earlier questionnaire')
    await page.close()
  })

  it('is forbidden to a school leader', async () => {
    const page = await t.browser.newPage()
    await signIn(page, 'head@ashgrove.demo')
    expect(await page.getByRole('link', { name: /^Compare the schools/ }).count()).toBe(0)
    const res = await page.request.get(`${t.server.url}/api/trusts/1/overview`)
    expect(res.status()).toBe(403)
    await page.goto(`${t.server.url}/trusts/1`)
    await heading(page, "You don't have access to this")
    expect(await page.getByRole('table').count()).toBe(0)
    await expectAccessible(page, 'trust overview, forbidden')
    await page.close()
  })
})
