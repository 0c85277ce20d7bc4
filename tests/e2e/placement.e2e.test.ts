import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { createOrganisationService } from '../../server/modules/organisations/organisations.service.ts'
import { generateResponses } from '../../shared/domain/synthetic.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { SurveyReportSchema, type SurveyReport } from '../../shared/schemas/reports.ts'
import { formatShare } from '../../client/src/common/report-words.ts'
import { formatProbability } from '../../shared/domain/placement.ts'
import { E2E_DATABASE, expectAccessible, RESULTS_DIR, signInAt, useBrowserApp } from '../helpers/browser.ts'
import { createSchoolWithSurvey, storeResponses } from '../helpers/fixtures.ts'

// A head opens the report of a closed dl-v2 survey in Chromium and reads where the school sits
// as chances (the words first, each pattern's chance in figures), the leadership map and the
// quality of the answers, on a desktop and on a phone, and on paper; axe-core checks each.
// Screenshots and a PDF land in test-results/.

const t = useBrowserApp({ reset: true })
const PASSWORD = 'correct horse battery staple'
const label = (p: number) => dlV2.continuum.patterns.find((x) => x.value === p)!.label
let surveyId: number

beforeAll(async () => {
  const made = await createSchoolWithSurvey(t.db, { title: 'Autumn 2026', expectedStaff: 40, k: 5, instrumentVersion: dlV2.id })
  surveyId = made.surveyId
  await storeResponses(t.db, surveyId, dlV2, generateResponses({ instrument: dlV2, pattern: 4, respondents: 30, seed: 41 }))
  await t.db.updateTable('surveys').set({ status: 'closed', closed_at: new Date() }).where('id', '=', surveyId).execute()
  const organisations = createOrganisationService({ db: t.db })
  const leader = await organisations.createLeader({ email: 'head@placement.example', displayName: 'Placement Head', password: PASSWORD })
  await organisations.grantRole(leader.id, 'school_leader', made.schoolId)
})

async function openReport(page: Page): Promise<SurveyReport> {
  await signInAt(page, t.server.url, 'head@placement.example', PASSWORD)
  await page.goto(`${t.server.url}/surveys/${surveyId}/report`)
  await page.getByRole('heading', { level: 1, name: /Report: Autumn 2026/ }).waitFor()
  const res = await page.request.get(`${t.server.url}/api/surveys/${surveyId}/report`)
  expect(res.status()).toBe(200)
  return SurveyReportSchema.parse(await res.json())
}

describe(`the dl-v2 placement on the school report (${E2E_DATABASE})`, () => {
  it('shows the most likely pattern and its chance, every pattern in figures, the map and the quality of the answers', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } })
    const report = await openReport(page)
    const placement = report.placement!
    expect(placement).not.toBeNull()

    // The words first: the most likely pattern with its chance, as the API says it.
    const words = (await page.locator('#placement-words').textContent())!
    expect(words.toLowerCase()).toContain(`${label(placement.mostLikely).toLowerCase()} (${formatProbability(placement.probabilities[placement.mostLikely - 1]!)})`)
    // No dl-v1 continuum strip beside it.
    expect(await page.getByRole('figure', { name: 'The continuum of distributed leadership' }).count()).toBe(0)

    // Every pattern's chance is written out, not only drawn.
    const chances = page.getByRole('table', { name: 'How likely each pattern is' })
    for (const p of dlV2.continuum.patterns) {
      const row = chances.getByRole('row', { name: new RegExp(`^${p.value}\\. ${p.label}`) })
      expect(await row.textContent()).toContain(formatProbability(placement.probabilities[p.value - 1]!))
    }
    expect(await chances.getByRole('row', { name: new RegExp(`^${placement.mostLikely}\\. `) }).textContent()).toContain('most likely')

    // The four measures: each with its interval, or withheld.
    for (const name of ['How widely leadership is spread', 'How well it holds together', 'Where initiative comes from', 'How openly direction is contested']) {
      expect(await page.getByText(name, { exact: true }).isVisible()).toBe(true)
    }
    expect(await page.getByText(/95 % interval \d+ to \d+; \d+ answered/).count()).toBeGreaterThan(0)

    // The leadership map: six areas, each role's share as the API gives it.
    const map = page.getByRole('table', { name: "Who leads each area of the school's work" })
    expect(await map.locator('tbody tr').count()).toBe(6)
    const first = placement.map[0]!
    const firstRow = map.getByRole('row', { name: new RegExp(`^${first.label.replace(/[()]/g, '\\$&')}`) })
    expect(await firstRow.textContent()).toContain(first.shares ? formatShare(first.shares.teachers) : 'withheld')

    // The quality of the answers: counts of people, and what they mean.
    await page.getByRole('heading', { level: 2, name: 'Quality of the answers' }).waitFor()
    expect(await page.getByText(`Of the ${placement.quality.respondents} people who answered:`).isVisible()).toBe(true)
    expect(await page.getByText(/gave the same answer to nearly every statement/).textContent()).toMatch(new RegExp(`^${placement.quality.straightLining} (person|people) `))

    await expectAccessible(page, 'dl-v2 report')
    await page.screenshot({ path: join(RESULTS_DIR, 'report-v2.png'), fullPage: true })
    await page.close()
  })

  it('reads on a phone without sideways scrolling of the page, and prints the map', async () => {
    const page = await t.browser.newPage({ viewport: { width: 375, height: 740 } })
    await openReport(page)
    await page.locator('#placement-words').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    await expectAccessible(page, 'dl-v2 report on a phone')
    await page.screenshot({ path: join(RESULTS_DIR, 'report-v2-phone.png'), fullPage: true })
    await page.emulateMedia({ media: 'print' })
    expect(await page.getByRole('table', { name: "Who leads each area of the school's work" }).isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false)
    await page.pdf({ path: join(RESULTS_DIR, 'report-v2.pdf'), format: 'A4', printBackground: true })
    await page.close()
  })
})
