import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, it } from 'vitest'
import { minAnswered } from '../../shared/domain/anonymity.ts'
import { formatDay, lastOpenDay } from '../../shared/domain/school-days.ts'
import { fromMapMasks } from '../../server/db/map-answers.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { CURRENT_INSTRUMENT_ID, requireInstrument } from '../../shared/instrument/versions.ts'
import { itemOrder, type Instrument } from '../../shared/instrument/types.ts'
import { E2E_DATABASE, expectAccessible, RESULTS_DIR, useBrowserApp } from '../helpers/browser.ts'
import { createSchoolWithSurvey, DAY } from '../helpers/fixtures.ts'
import { countRows, pooledComments, resetDb } from '../helpers/test-db.ts'

// A member of staff answers the survey in Chromium as a person would: by label and role, with
// the keyboard for some questions, reloading halfway, then sending. axe-core checks every page.



/** What a new survey asks (tests that name no version follow it). */
const current = requireInstrument(CURRENT_INSTRUMENT_ID)
/** Clicks Next on every question screen of a survey of `instrument`, from its first section to the review. */
async function throughToReview(page: Page, instrument: Instrument = current) {
  const screens = instrument.scales.length + (instrument.patternBlock ? 1 : 0) + (instrument.leadershipMap ? 1 : 0) + 3
  for (let s = 0; s < screens; s++) await page.getByRole('button', { name: /^(Next|Review my answers)$/ }).click()
  await page.getByRole('heading', { level: 1, name: 'Check and send your answers' }).waitFor()
}

const t = useBrowserApp()
beforeEach(() => resetDb(t.db))

const LABELS = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'] as const
const labelFor = (value: 1 | 2 | 3 | 4 | 5 | null): string => (value === null ? "Don't know" : LABELS[value - 1]!)
/** The answer this test gives to the i-th statement: a spread of values and some "Don't know". */
const chosen = (i: number): 1 | 2 | 3 | 4 | 5 | null => (i % 9 === 8 ? null : (((i * 3) % 5) + 1) as 1 | 2 | 3 | 4 | 5)

async function answerSection(page: Page, scaleIndex: number, { keyboard = false, instrument = dlV1 as Instrument } = {}) {
  const scale = instrument.scales[scaleIndex]!
  await page.getByRole('heading', { level: 1, name: scale.sectionTitle }).waitFor()
  for (const item of scale.items) {
    const i = itemOrder(instrument).indexOf(item.id)
    const value = chosen(i)
    const group = page.getByRole('group', { name: item.text })
    if (keyboard && value !== null) {
      // Focus the group's first choice, then move with the arrow keys as a keyboard user would.
      await group.getByLabel('Strongly disagree', { exact: true }).focus()
      await page.keyboard.press('Space')
      for (let step = 1; step < value; step++) await page.keyboard.press('ArrowDown')
    } else {
      await group.getByLabel(labelFor(value), { exact: true }).check()
    }
    await expect.poll(() => group.getByLabel(labelFor(value), { exact: true }).isChecked()).toBe(true)
  }
}

describe(`the staff survey (${E2E_DATABASE})`, () => {
  it('is answered start to finish, survives a reload, and stores the answers given', async () => {
    const { token, surveyId } = await createSchoolWithSurvey(t.db, { expectedStaff: 30, instrumentVersion: dlV1.id })
    const page = await t.browser.newPage()
    await page.goto(`${t.server.url}/s/${token}`)

    await page.getByRole('heading', { level: 1, name: 'Test survey' }).waitFor()
    await expect.poll(() => page.getByText('Your answers are anonymous').isVisible()).toBe(true)
    // the last day, in the school's time zone, the same wherever the browser is
    const closesOn = lastOpenDay((await t.db.selectFrom('surveys').select('closes_at').where('id', '=', surveyId).executeTakeFirstOrThrow()).closes_at, 'Europe/London')
    await expect.poll(() => page.getByText(`The survey is open until the end of ${formatDay(closesOn, { year: false })}.`, { exact: false }).isVisible()).toBe(true)
    await expectAccessible(page, 'welcome')
    await page.getByRole('button', { name: 'Start the survey' }).click()

    await answerSection(page, 0, { keyboard: true })
    await expect.poll(() => page.getByText('Section 1 of 12').isVisible()).toBe(true)
    await expectAccessible(page, 'a section of statements')
    await page.keyboard.press('Enter') // submits the section's form: Next
    for (let s = 1; s < 4; s++) {
      await answerSection(page, s)
      await page.getByRole('button', { name: 'Next' }).click()
    }

    // Halfway: the page reloads (or the phone drops its connection) and nothing is lost.
    await page.reload()
    await page.getByRole('heading', { level: 1, name: dlV1.scales[4]!.sectionTitle }).waitFor()
    await page.getByRole('button', { name: 'Back' }).click()
    const kept = dlV1.scales[3]!.items[0]!
    const keptValue = chosen(itemOrder(dlV1).indexOf(kept.id))
    expect(await page.getByRole('group', { name: kept.text }).getByLabel(labelFor(keptValue), { exact: true }).isChecked()).toBe(true)
    await page.getByRole('button', { name: 'Next' }).click()

    for (let s = 4; s < dlV1.scales.length; s++) {
      // leave the last statement of the last section unanswered
      if (s === dlV1.scales.length - 1) {
        const scale = dlV1.scales[s]!
        for (const item of scale.items.slice(0, -1)) {
          const value = chosen(itemOrder(dlV1).indexOf(item.id))
          await page.getByRole('group', { name: item.text }).getByLabel(labelFor(value), { exact: true }).check()
        }
      } else {
        await answerSection(page, s)
      }
      await page.getByRole('button', { name: 'Next' }).click()
    }

    await page.getByRole('heading', { level: 1, name: 'The big picture' }).waitFor()
    await page.getByRole('group', { name: dlV1.continuum.nowQuestion }).getByLabel(dlV1.continuum.patterns[2]!.vignette).check()
    await page.getByRole('group', { name: dlV1.continuum.aimQuestion }).getByLabel(dlV1.continuum.patterns[4]!.vignette).check()
    await expectAccessible(page, 'continuum questions')
    await page.getByRole('button', { name: 'Next' }).click()

    await page.getByRole('heading', { level: 1, name: 'About your role' }).waitFor()
    await page.getByLabel('Support staff', { exact: true }).check()
    await expectAccessible(page, 'role question')
    await page.getByRole('button', { name: 'Next' }).click()

    await page.getByRole('heading', { level: 1, name: 'In your own words' }).waitFor()
    await page.getByLabel(dlV1.prompts[0]!.text).fill('Teams plan <b>together</b>.')
    await expectAccessible(page, 'comments')
    await page.getByRole('button', { name: 'Review my answers' }).click()

    await page.getByRole('heading', { level: 1, name: 'Check and send your answers' }).waitFor()
    await expect.poll(() => page.getByText('You answered 44 of 45 statements.').isVisible()).toBe(true)
    await expectAccessible(page, 'review')
    await page.screenshot({ path: join(RESULTS_DIR, 'respond-review.png'), fullPage: true })
    await page.getByRole('button', { name: 'Send my answers' }).click()

    await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor()
    await expectAccessible(page, 'thank-you')

    const row = await t.db.selectFrom('responses').selectAll().where('survey_id', '=', surveyId).executeTakeFirstOrThrow()
    const expected = itemOrder(dlV1).map((_, i) => chosen(i))
    expected[expected.length - 1] = null
    expect(row.answers).toEqual(expected)
    expect(row).toMatchObject({ now_pattern: 3, aim_pattern: 5, role: 'support_staff' })
    expect((await pooledComments(t.db)).map((c) => c.body)).toEqual(['Teams plan <b>together</b>.'])
    // The device forgets the answers once they are sent.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('continuum:')))).toEqual([])
    await page.close()
  })

  it('dl-v2 on a 360 px phone: paired statements, how leadership arises and the leadership map are answered, survive a reload and are stored', async () => {
    const { token, surveyId } = await createSchoolWithSurvey(t.db, { expectedStaff: 30, instrumentVersion: dlV2.id })
    const block = dlV2.patternBlock!
    const map = dlV2.leadershipMap!
    const page = await t.browser.newPage({ viewport: { width: 360, height: 740 } })
    const fitsThePhone = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await page.goto(`${t.server.url}/s/${token}`)
    const length = `38 short statements in 9 sections, 8 pairs of descriptions to choose between and one question on how people come to lead, who leads 6 areas of the school's work, then three optional questions`
    await expect.poll(() => page.getByText(length, { exact: false }).isVisible()).toBe(true)
    await page.getByRole('button', { name: 'Start the survey' }).click()
    for (let s = 0; s < dlV2.scales.length; s++) {
      await answerSection(page, s, { instrument: dlV2 })
      await page.getByRole('button', { name: 'Next' }).click()
    }

    // Which is closer? Each pair's group is named by both statements; "Don't know" is an answer.
    await page.getByRole('heading', { level: 1, name: block.sectionTitle }).waitFor()
    await expect.poll(() => page.getByText(`Section ${dlV2.scales.length + 1} of ${dlV2.scales.length + 5}`).isVisible()).toBe(true)
    const pairChoices = [1, 2, 3, 4, null, 4, 3, 2] as const
    const pairLabel = (v: 1 | 2 | 3 | 4 | null) => (v === null ? dlV2.dontKnowLabel : block.choiceLabels[v])
    for (const [i, pair] of block.pairs.entries()) {
      const group = page.getByRole('group', { name: `First: ${pair.first} Second: ${pair.second}` })
      if (i === 0) {
        // by keyboard: into the group, then an arrow key to the next choice
        await group.getByLabel(block.choiceLabels[2], { exact: true }).focus()
        await page.keyboard.press('ArrowUp')
      } else {
        await group.getByLabel(pairLabel(pairChoices[i]!), { exact: true }).check()
      }
      await expect.poll(() => group.getByLabel(pairLabel(pairChoices[i]!), { exact: true }).isChecked()).toBe(true)
    }
    await page.getByRole('group', { name: block.origin.question }).getByLabel(block.origin.options[2]!.label).check()
    await fitsThePhone()
    await expectAccessible(page, 'paired statements')
    await page.screenshot({ path: join(RESULTS_DIR, 'respond-v2-pairs.png'), fullPage: true })
    await page.getByRole('button', { name: 'Next' }).click()

    // Who leads what: roles ticked; "No one clearly leads it" and "Don't know" clear them, and a role clears those.
    await page.getByRole('heading', { level: 1, name: map.sectionTitle }).waitFor()
    const area = (id: string) => page.getByRole('group', { name: map.areas.find((a) => a.id === id)!.label, exact: true })
    const tick = (id: string, label: string) => area(id).getByLabel(label, { exact: true })
    /** The answers ticked for an area, in the order they are offered. */
    const ticked = async (id: string) => {
      const shown: string[] = []
      for (const { label } of [...map.roles, ...map.exclusive]) if (await tick(id, label).isChecked()) shown.push(label)
      return shown
    }
    // curriculum by keyboard: Space ticks, Tab moves on
    await tick('curriculum', 'Senior leaders').focus()
    await page.keyboard.press('Space')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Space')
    await expect.poll(() => ticked('curriculum')).toEqual(['Senior leaders', 'Middle leaders'])
    await tick('teaching_learning', 'Teachers').check()
    await tick('teaching_learning', 'No one clearly leads it').check()
    await expect.poll(() => ticked('teaching_learning')).toEqual(['No one clearly leads it'])
    await tick('behaviour_wellbeing', 'Support staff').check()
    await tick('behaviour_wellbeing', 'Middle leaders').check()

    // Midway through the map the page reloads: every answer so far is still there.
    await page.reload()
    await page.getByRole('heading', { level: 1, name: map.sectionTitle }).waitFor()
    await expect.poll(() => ticked('behaviour_wellbeing')).toEqual(['Middle leaders', 'Support staff'])
    expect(await ticked('teaching_learning')).toEqual(['No one clearly leads it'])
    await page.getByRole('button', { name: 'Back' }).click()
    await page.getByRole('heading', { level: 1, name: block.sectionTitle }).waitFor()
    for (const [i, pair] of block.pairs.entries()) {
      expect(await page.getByRole('group', { name: `First: ${pair.first}` }).getByLabel(pairLabel(pairChoices[i]!), { exact: true }).isChecked()).toBe(true)
    }
    expect(await page.getByLabel(block.origin.options[2]!.label).isChecked()).toBe(true)
    await page.getByRole('button', { name: 'Next' }).click()

    await page.getByRole('heading', { level: 1, name: map.sectionTitle }).waitFor()
    await tick('staff_development', "Don't know").check()
    await tick('staff_development', 'Senior leaders').check()
    await expect.poll(() => ticked('staff_development')).toEqual(['Senior leaders'])
    await tick('families_community', "Don't know").check()
    // "Work with other schools" is left unanswered
    await fitsThePhone()
    await expectAccessible(page, 'leadership map')
    await page.screenshot({ path: join(RESULTS_DIR, 'respond-v2-map.png'), fullPage: true })
    await page.getByRole('button', { name: 'Next' }).click()

    await page.getByRole('heading', { level: 1, name: 'The big picture' }).waitFor()
    await page.getByRole('group', { name: dlV2.continuum.nowQuestion }).getByLabel(dlV2.continuum.patterns[4]!.vignette).check()
    await fitsThePhone()
    for (const heading of ['The big picture', 'About your role']) {
      await page.getByRole('heading', { level: 1, name: heading }).waitFor()
      await page.getByRole('button', { name: 'Next' }).click()
    }
    await page.getByRole('button', { name: 'Review my answers' }).click()
    await page.getByRole('heading', { level: 1, name: 'Check and send your answers' }).waitFor()
    await expect.poll(() => page.getByText(`${block.sectionTitle}: all answered`).isVisible()).toBe(true)
    await expect.poll(() => page.getByText(`${map.sectionTitle}: 1 not answered`).isVisible()).toBe(true)
    await fitsThePhone()
    await expectAccessible(page, 'review of a dl-v2 response')
    await page.getByRole('button', { name: 'Send my answers' }).click()
    await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor()

    const row = await t.db.selectFrom('responses').selectAll().where('survey_id', '=', surveyId).executeTakeFirstOrThrow()
    expect(row.answers).toEqual(itemOrder(dlV2).map((_, i) => chosen(i)))
    expect(row.pair_answers).toEqual([...pairChoices])
    expect(row.origin).toBe(3)
    expect(fromMapMasks(row.map_answers)).toEqual([
      ['senior_leaders', 'middle_leaders'],
      ['no_one_clear'],
      ['middle_leaders', 'support_staff'],
      ['senior_leaders'],
      ['dont_know'],
      null,
    ])
    expect(row).toMatchObject({ now_pattern: 5, aim_pattern: null, role: null })
    await page.close()
  })

  it('fits a 320 px phone without sideways scrolling', async () => {
    const { token } = await createSchoolWithSurvey(t.db)
    const page = await t.browser.newPage({ viewport: { width: 320, height: 640 } })
    await page.goto(`${t.server.url}/s/${token}`)
    await page.getByRole('button', { name: 'Start the survey' }).click()
    await page.getByRole('heading', { level: 1, name: current.scales[0]!.sectionTitle }).waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
    await expectAccessible(page, 'a section on a phone')
    await page.screenshot({ path: join(RESULTS_DIR, 'respond-phone.png'), fullPage: true })
    await page.close()
  })

  it('asks for an access code where the survey needs one, and says plainly when it is wrong or used', async () => {
    const fixture = await createSchoolWithSurvey(t.db, { accessMode: 'codes' })
    const [code] = await fixture.surveys.createAccessCodes(fixture.surveyId, 1)
    const page = await t.browser.newPage()
    await page.goto(`${t.server.url}/s/${fixture.token}`)
    await page.getByLabel('Access code from your slip').fill('ZZZZZ-ZZZZZ')
    await page.getByRole('button', { name: 'Start the survey' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not one of this survey's codes/)
    await expectAccessible(page, 'welcome with a wrong code')

    await page.getByLabel('Access code from your slip').fill(code!.toLowerCase())
    await page.getByRole('button', { name: 'Start the survey' }).click()
    await page.getByRole('heading', { level: 1, name: current.scales[0]!.sectionTitle }).waitFor()
    await throughToReview(page)
    // Nothing answered: the review step says what a counted response needs, and Send waits for it.
    const smallest = Math.min(...current.scales.map((scale) => scale.items.length))
    const needs = `at least one section is answered: ${minAnswered(smallest)} of its ${smallest} statements`
    await expect.poll(() => page.getByText(new RegExp(`cannot be sent yet.*${needs}`)).isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: 'Send my answers' }).isDisabled()).toBe(true)
    await expectAccessible(page, 'review of a blank response')
    await page.screenshot({ path: join(RESULTS_DIR, 'respond-review-blank.png'), fullPage: true })
    await page.getByRole('button', { name: `Change answers in ${current.scales[0]!.sectionTitle}` }).click()
    await answerSection(page, 0, { instrument: current })
    await throughToReview(page)
    await page.getByRole('button', { name: 'Send my answers' }).click()
    await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor()
    expect(await countRows(t.db, 'responses')).toBe(1)

    // The same slip again, on another device.
    const other = await t.browser.newPage()
    await other.goto(`${t.server.url}/s/${fixture.token}`)
    await other.getByLabel('Access code from your slip').fill(code!)
    await other.getByRole('button', { name: 'Start the survey' }).click()
    await other.getByRole('heading', { level: 1, name: 'This access code has already been used' }).waitFor()
    await expectAccessible(other, 'code already used')
    await page.close()
    await other.close()
  })

  it('explains a closed, a not-yet-open and an unknown survey', async () => {
    const closed = await createSchoolWithSurvey(t.db)
    await t.db.updateTable('surveys').set({ status: 'closed' }).where('id', '=', closed.surveyId).execute()
    const draft = await createSchoolWithSurvey(t.db, { status: 'draft' })
    const later = await createSchoolWithSurvey(t.db, { opensAt: new Date(Date.now() + DAY).toISOString(), closesAt: new Date(Date.now() + 5 * DAY).toISOString() })
    const page = await t.browser.newPage()
    for (const [path, heading] of [
      [`/s/${closed.token}`, 'This survey has closed'],
      [`/s/${draft.token}`, 'This survey is not open yet'],
      [`/s/${later.token}`, 'This survey is not open yet'],
      ['/s/AAAAAAAAAAAAAAAAAAAAAA', 'This survey link is not recognised'],
      ['/s/half-a-link', 'This survey link is not recognised'],
    ] as const) {
      await page.goto(`${t.server.url}${path}`)
      await page.getByRole('heading', { level: 1, name: heading }).waitFor()
      await expectAccessible(page, heading)
    }
    await page.close()
  })

  it('tells the person when sending fails and keeps the answers to try again', async () => {
    const { token, surveyId } = await createSchoolWithSurvey(t.db)
    const page = await t.browser.newPage()
    await page.goto(`${t.server.url}/s/${token}`)
    await page.getByRole('button', { name: 'Start the survey' }).click()
    await answerSection(page, 0, { instrument: current })
    await throughToReview(page)
    await page.route('**/responses', (route) => route.abort('internetdisconnected'))
    await page.getByRole('button', { name: 'Send my answers' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/no connection.*kept on this device/)
    await page.unroute('**/responses')
    await page.getByRole('button', { name: 'Send my answers' }).click()
    await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor()
    const row = await t.db.selectFrom('responses').select('answers').where('survey_id', '=', surveyId).executeTakeFirstOrThrow()
    const first = current.scales[0]!.items
    expect(row.answers.slice(0, first.length)).toEqual(first.map((_, i) => chosen(i)))
    await page.close()
  })
})
