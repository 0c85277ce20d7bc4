import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { seedDemoIfEmpty, type DemoLogin } from '../../server/demo.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts' // the demo's questionnaire, and so its plans' pulse checks'
import { PulseChecksSchema } from '../../shared/schemas/actions.ts'
import { E2E_DATABASE, expectAccessible, heading, RESULTS_DIR, signInAt, useBrowserApp } from '../helpers/browser.ts'

// A pulse check in Chromium, on the demo: Brookfield's head starts one from the plan made after
// the Summer 2025 report, a member of staff answers its short form in the browser and four more
// through the API (k = 5), the head closes it from its page and reads its result beside the plan.
// axe-core checks each page.

let logins: DemoLogin[]

const t = useBrowserApp({ reset: true })
beforeAll(async () => {
  logins = (await seedDemoIfEmpty(t.db, { publicUrl: t.server.url }))!.logins
})


describe(`pulse checks (${E2E_DATABASE})`, () => {
  it('a school leader starts a pulse check, staff answer it, and the leader reads its result beside the plan', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await signInAt(page, t.server.url, 'head@brookfield.demo', logins.find((l) => l.email === 'head@brookfield.demo')!.password)
    await page.getByRole('link', { name: 'Brookfield Academy (demo)' }).click()
    await page.getByRole('link', { name: /Summer 2025 staff survey/ }).first().click()
    await heading(page, 'Summer 2025 staff survey')
    await page.getByRole('link', { name: 'Action plan' }).click()
    await heading(page, /Action plan/)
    const planId = Number(new URL(page.url()).pathname.split('/')[2])
    const pulses = async () => PulseChecksSchema.parse(await (await page.request.get(`${t.server.url}/api/surveys/${planId}/pulse-checks`)).json())

    // start one for the whole plan: every scale its actions aim at, ticked
    const section = page.getByRole('region', { name: 'Pulse checks' })
    await section.getByText('Start a pulse check').click()
    const targets = (await pulses()).targetScales
    for (const scale of targets) expect(await section.getByRole('checkbox', { name: scale.name }).isChecked()).toBe(true)
    await expect.poll(() => section.getByText(/results only for groups of at least 5/).isVisible()).toBe(true)
    await expectAccessible(page, 'the plan with the pulse-check form')
    await section.getByRole('button', { name: 'Start the pulse check' }).click()
    const started = section.getByRole('article', { name: /Pulse check: Summer 2025 staff survey/ })
    await started.waitFor()
    await started.getByText('Checks the whole plan').waitFor()
    const check = (await pulses()).items[0]!.survey
    expect(check.pulse?.scales).toEqual(targets.map((s) => s.id))
    const token = check.link.split('/s/')[1]!

    // a member of staff answers its short form: only the target scales' statements, nothing else
    const staff = await t.browser.newPage({ viewport: { width: 390, height: 800 } })
    await staff.goto(`${t.server.url}/s/${token}`)
    await staff.getByRole('heading', { level: 1, name: check.title }).waitFor()
    await staff.getByText(/A short pulse check/).waitFor()
    await expectAccessible(staff, 'the pulse check welcome page')
    await staff.getByRole('button', { name: 'Start the survey' }).click()
    for (const id of check.pulse!.scales) {
      const scale = dlV2.scales.find((s) => s.id === id)!
      await staff.getByRole('heading', { level: 1, name: scale.sectionTitle }).waitFor()
      for (const item of scale.items) await staff.getByRole('group', { name: item.text }).getByLabel(dlV2.answerLabels[4], { exact: true }).check()
      await staff.getByRole('button', { name: /^(Next|Review my answers)$/ }).click()
    }
    await staff.getByRole('heading', { level: 1, name: 'Check and send your answers' }).waitFor()
    expect(await staff.getByRole('heading', { name: 'The big picture' }).count()).toBe(0)
    await expectAccessible(staff, 'the pulse check review')
    await staff.getByRole('button', { name: 'Send my answers' }).click()
    await staff.getByText(/Thank you/).first().waitFor()
    await staff.close()

    // four more through the API: k = 5 reached
    const answers = Object.fromEntries(check.pulse!.scales.flatMap((id) => dlV2.scales.find((s) => s.id === id)!.items.map((i) => [i.id, 5])))
    for (let i = 0; i < 4; i++) {
      const res = await page.request.post(`${t.server.url}/api/forms/${token}/responses`, { data: { instrumentVersion: dlV2.id, answers } })
      expect(res.status()).toBe(201)
    }

    // results are released at close: the leader closes it from its page, then reads them beside the plan
    await started.getByRole('link', { name: /Its page/ }).click()
    await heading(page, check.title)
    await page.getByRole('button', { name: 'Close the survey now…' }).click()
    await page.getByRole('button', { name: 'Yes, close the survey' }).click()
    await page.getByText(/Closed (at the end of|on)/).waitFor()
    await page.getByRole('link', { name: 'The action plan' }).click()
    await heading(page, /Action plan/)
    const result = (await pulses()).items[0]!
    expect(result.released).toBe(true)
    const closed = page.getByRole('region', { name: 'Pulse checks' }).getByRole('article', { name: new RegExp(check.title) })
    for (const scale of result.scales) await closed.getByText(scale.words, { exact: false }).waitFor()
    expect(result.scales.some((s) => s.after?.n === 5)).toBe(true)
    await expectAccessible(page, 'the plan with the pulse check result')
    await page.screenshot({ path: join(RESULTS_DIR, 'plan-pulse-check.png'), fullPage: true })
    await page.close()
  })
})
