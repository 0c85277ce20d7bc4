import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { seedDemoIfEmpty, type DemoLogin } from '../../server/demo.ts'
import { ActionPlanSchema, ActionProgressSchema } from '../../shared/schemas/actions.ts'
import { E2E_DATABASE, expectAccessible, heading, RESULTS_DIR, signInAt, useBrowserApp } from '../helpers/browser.ts'

// From report to action in Chromium, on the demo: Brookfield's head opens the plan made after last
// year's report, reads each action's re-measured change, turns a priority into a new action with a
// lead role, and marks its progress; the trust leader reads the plans, read-only, and follows a
// pairing's link to a partner's actions; the discussion guide prints. axe-core checks each page.

let logins: DemoLogin[]

const t = useBrowserApp({ reset: true })
beforeAll(async () => {
  logins = (await seedDemoIfEmpty(t.db, { publicUrl: t.server.url }))!.logins
})

const signIn = (page: Page, email: string) => signInAt(page, t.server.url, email, logins.find((l) => l.email === email)!.password)

/** From the home page to the plan made after Brookfield's Summer 2025 report. */
async function openBrookfieldPlan(page: Page): Promise<number> {
  await page.getByRole('link', { name: 'Brookfield Academy (demo)' }).click()
  await heading(page, 'Brookfield Academy (demo)')
  await page.getByRole('link', { name: /Summer 2025 staff survey/ }).first().click()
  await heading(page, 'Summer 2025 staff survey')
  await page.getByRole('link', { name: 'Action plan' }).click()
  await heading(page, /Action plan/)
  return Number(new URL(page.url()).pathname.split('/')[2])
}

describe(`action plans (${E2E_DATABASE})`, () => {
  it('a school leader reads the re-measured change, turns a priority into an action with a lead role, and marks its progress', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await signIn(page, 'head@brookfield.demo')
    const surveyId = await openBrookfieldPlan(page)

    // the demo plan's change, in the API's own words, on the page
    const progress = ActionProgressSchema.parse(await (await page.request.get(`${t.server.url}/api/surveys/${surveyId}/action-progress`)).json())
    expect(progress.next?.title).toBe('Summer 2026 staff survey')
    const homework = page.getByRole('article', { name: /Bring decisions about homework/ })
    const sharedPower = progress.actions.find((a) => a.title.startsWith('Bring decisions'))!.scales[0]!
    expect(await homework.getByText(sharedPower.words).count()).toBe(1)
    expect(await page.getByText(/(Improved|No clear change|Declined): from/).count()).toBeGreaterThan(0)
    await expectAccessible(page, 'the plan with its re-measured changes')
    await page.screenshot({ path: join(RESULTS_DIR, 'plan-demo.png'), fullPage: true })

    // a form sent with nothing in it says what is missing, and adds nothing
    const before = ActionPlanSchema.parse(await (await page.request.get(`${t.server.url}/api/surveys/${surveyId}/actions`)).json()).actions.length
    await page.getByRole('button', { name: 'Add the action' }).click()
    await page.getByRole('alert').filter({ hasText: 'The action could not be saved' }).waitFor()
    await expectAccessible(page, 'the new-action form with its errors')

    // a priority of the report becomes an action led by a teacher
    const turn = page.getByRole('button', { name: /^Turn “.+” into an action$/ }).first()
    const priority = (await turn.textContent())!.match(/Turn “(.+)” into an action/)![1]!
    await turn.click()
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add the action' }) })
    expect(await form.getByRole('checkbox', { name: priority }).isChecked()).toBe(true)
    await form.getByLabel('What will be done').fill('Teachers lead the reading project')
    await form.getByRole('radio', { name: /^Dialogue/ }).check()
    await form.getByLabel('Role').selectOption('teacher')
    await form.getByLabel('Name (optional)').fill('Priya Shah')
    await form.getByRole('button', { name: 'Add a supporter' }).click()
    await form.getByLabel('Supporter 1: name (optional)').fill('Dana Okafor')
    await form.getByRole('button', { name: 'Add the action' }).click()
    const created = page.getByRole('article', { name: /Teachers lead the reading project/ })
    await created.waitFor()
    // the form starts afresh, so the same action cannot be sent twice by accident
    await page.getByRole('status').filter({ hasText: 'Added “Teachers lead the reading project” to the plan.' }).waitFor()
    expect(await page.locator('form').filter({ has: page.getByRole('button', { name: 'Add the action' }) }).getByLabel('What will be done').inputValue()).toBe('')
    expect(await created.getByText('Priya Shah (Teacher)').count()).toBe(1)
    const after = ActionPlanSchema.parse(await (await page.request.get(`${t.server.url}/api/surveys/${surveyId}/actions`)).json())
    expect(after.actions).toHaveLength(before + 1)
    expect(after.actions.at(-1)).toMatchObject({ title: 'Teachers lead the reading project', lead: { role: 'teacher', name: 'Priya Shah' }, influence: 'dialogue' })
    expect(after.actions.at(-1)!.scales.length).toBe(1)

    // its progress, with a dated note
    await created.getByText('Update progress on “Teachers lead the reading project”').click()
    await created.getByLabel('Status').selectOption('under_way')
    await created.getByLabel('Note (dated today)').fill('Year 7 started paired reading.')
    await created.getByRole('button', { name: 'Save progress' }).click()
    await page.getByRole('article', { name: /Teachers lead the reading project/ }).getByText('Under way: Year 7 started paired reading.').waitFor()
    await expectAccessible(page, 'the plan after marking progress')
    await page.close()
  })

  it('prints the discussion guide from the report', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await signIn(page, 'head@brookfield.demo')
    await openBrookfieldPlan(page)
    await page.getByRole('link', { name: 'Discussion guide' }).click()
    await heading(page, /Discussion guide/)
    expect(await page.getByRole('heading', { level: 2, name: /^Priority: / }).count()).toBeGreaterThan(0)
    expect(await page.getByText(/^Modelling: /).count()).toBeGreaterThan(0)
    await expectAccessible(page, 'the discussion guide')
    await page.emulateMedia({ media: 'print' })
    await page.pdf({ path: join(RESULTS_DIR, 'discussion-guide.pdf'), format: 'A4' })
    await page.close()
  })

  it('a trust leader reads every plan, cannot change one, and follows a pairing to a partner’s actions', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await signIn(page, 'ceo@riverside.demo')
    await page.getByRole('link', { name: /Riverside Learning Partnership/ }).first().click()
    await page.getByRole('link', { name: "Schools' action plans" }).click()
    await heading(page, /Action plans/)
    await page.getByRole('heading', { level: 2, name: 'Brookfield Academy (demo)' }).waitFor()
    expect(await page.getByText('Bring decisions about homework to the teams who set it').count()).toBe(1)
    await expectAccessible(page, "the trust's plans")

    // a pairing's link: one school's actions on one scale
    const brookfield = await page.evaluate(async () => ((await (await fetch('/api/schools')).json()) as { items: { id: number; name: string }[] }).items.find((s) => s.name.startsWith('Brookfield'))!.id)
    await page.goto(`${new URL(page.url()).origin}${new URL(page.url()).pathname}?school=${brookfield}&scale=coordination`)
    await heading(page, /Action plans/)
    await page.getByText(/Actions aimed at Coordination at Brookfield Academy \(demo\)/).waitFor()
    expect(await page.getByText('A fortnightly one-page round-up of who leads what').count()).toBe(1)
    expect(await page.getByText('Bring decisions about homework to the teams who set it').count()).toBe(0)

    await page.getByRole('link', { name: /Plan after “Summer 2025 staff survey”/ }).click()
    await heading(page, /Action plan/)
    await page.getByText("You can read this plan; the school's own leaders change it.").waitFor()
    expect(await page.getByRole('button', { name: 'Add the action' }).count()).toBe(0)
    expect(await page.getByText(/^Update progress on/).count()).toBe(0)
    await expectAccessible(page, 'a plan read by the trust leader')
    await page.close()
  })
})
