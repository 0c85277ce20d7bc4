import { CURRENT_INSTRUMENT_ID, requireInstrument } from '../../shared/instrument/versions.ts'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, it } from 'vitest'
import { createAuthService } from '../../server/modules/auth/auth.service.ts'
import { createOrganisationService } from '../../server/modules/organisations/organisations.service.ts'
import { dayIn, endOfDay, formatDay, lastOpenDay, startOfDay } from '../../shared/domain/school-days.ts'
import { E2E_DATABASE, expectAccessible, heading, RESULTS_DIR, signInAt, useBrowserApp } from '../helpers/browser.ts'
import { DAY } from '../helpers/fixtures.ts'
import { countRows, resetDb } from '../helpers/test-db.ts'

// A school leader runs a survey cycle in Chromium as a person would, by label and role: signs in,
// finds their school, creates and opens a survey, watches a member of staff's answer arrive through
// the staff link, and closes it. axe-core checks every leaders' page.



const t = useBrowserApp()
beforeEach(() => resetDb(t.db))

const EMAIL = 'head@ashgrove.example'
const PASSWORD = 'correct horse battery staple'

/** A trust with two schools, and a school leader of the first only. */
async function createLeaderOfOneSchool() {
  const organisations = createOrganisationService({ db: t.db })
  const trust = await organisations.createTrust({ name: 'Riverside Partnership' })
  const school = await organisations.createSchool({ name: 'Ashgrove Primary', trustId: trust.id })
  const otherSchool = await organisations.createSchool({ name: 'Beechwood Academy', trustId: trust.id })
  const leader = await organisations.createLeader({ email: EMAIL, displayName: 'Sam Head', password: PASSWORD })
  await organisations.grantRole(leader.id, 'school_leader', school.id)
  return { organisations, trust, school, otherSchool, leader }
}


async function fillSignIn(page: Page, password = PASSWORD) {
  await page.getByLabel('Email address').fill(EMAIL)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** The leader's new-survey form on a school page, filled as a person would. */
async function createSurvey(page: Page, { title, expectedStaff, codes = false }: { title: string; expectedStaff?: number; codes?: boolean }) {
  await page.getByLabel('Title').fill(title)
  if (expectedStaff !== undefined) await page.getByLabel('Number of staff who will be asked (optional)').fill(String(expectedStaff))
  if (codes) await page.getByRole('group', { name: 'How staff get in' }).getByLabel('Single-use codes').check()
  await page.getByRole('button', { name: 'Create survey' }).click()
  await heading(page, title)
}

/** A member of staff, on a device of their own, answers through the link: the first section (the least a counted response needs), nothing else. */
async function answerAsStaff(link: string) {
  const staff = await t.browser.newPage()
  await staff.goto(`${t.server.url}${new URL(link).pathname}`)
  await staff.getByRole('button', { name: 'Start the survey' }).click()
  const instrument = requireInstrument(CURRENT_INSTRUMENT_ID)
  for (const item of instrument.scales[0]!.items) await staff.getByRole('group', { name: item.text }).getByLabel(instrument.answerLabels[4], { exact: true }).check()
  // every later screen is left unanswered, up to the review
  while (!(await staff.getByRole('button', { name: 'Send my answers' }).isVisible())) await staff.getByRole('button', { name: /^(Next|Review my answers)$/ }).click()
  await staff.getByRole('button', { name: 'Send my answers' }).click()
  await heading(staff, 'Thank you')
  await staff.close()
}

describe(`the leaders' app (${E2E_DATABASE})`, () => {
  it('runs a survey cycle: sign in, create, open, watch a response arrive, extend, close', async () => {
    const { school } = await createLeaderOfOneSchool()
    const page = await t.browser.newPage()
    // Page timers under the test's control, so the 15-second refresh can be run on demand.
    await page.clock.install()
    await page.goto(t.server.url)

    // Not signed in: the sign-in form, in place of the home page.
    await heading(page, 'Sign in')
    expect(await page.title()).toBe('Sign in · Continuum')
    await expectAccessible(page, 'sign-in')
    await fillSignIn(page)

    await heading(page, 'Your schools')
    expect(await page.title()).toBe('Your schools · Continuum')
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    const nav = page.getByRole('navigation', { name: 'Main' })
    expect(await nav.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBe('page')
    await expect.poll(() => page.getByText('No surveys yet.').isVisible()).toBe(true)
    await expectAccessible(page, 'home')

    await page.getByRole('link', { name: 'Ashgrove Primary' }).click()
    await heading(page, 'Ashgrove Primary')
    expect(new URL(page.url()).pathname).toBe(`/schools/${school.id}`)
    await expectAccessible(page, 'school page')

    // The form checks with the shared schema before sending.
    await page.getByLabel('Title').fill('No')
    await page.getByRole('button', { name: 'Create survey' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/could not be created/)
    await expect.poll(() => page.getByText('The title needs at least 3 characters.').isVisible()).toBe(true)
    expect(await page.getByLabel('Title').getAttribute('aria-invalid')).toBe('true')
    await expectAccessible(page, 'school page with form errors')
    expect(await countRows(t.db, 'surveys')).toBe(0)

    await createSurvey(page, { title: 'Autumn 2026', expectedStaff: 20 })
    const surveyId = (await t.db.selectFrom('surveys').select('id').executeTakeFirstOrThrow()).id
    expect(new URL(page.url()).pathname).toBe(`/surveys/${surveyId}`)
    await expect.poll(() => page.getByText('Draft', { exact: true }).isVisible()).toBe(true)
    // The closing day chosen is open until its end, in the school's time zone, and the page says so.
    const created = await t.db.selectFrom('surveys').select(['opens_at', 'closes_at']).executeTakeFirstOrThrow()
    const closingDay = lastOpenDay(created.closes_at, 'Europe/London')
    expect(created.closes_at).toEqual(endOfDay(closingDay, 'Europe/London'))
    expect(created.opens_at).toEqual(startOfDay(dayIn('Europe/London', created.opens_at), 'Europe/London'))
    await expect.poll(() => page.getByText(`until the end of ${formatDay(closingDay)} (UK time)`).first().isVisible()).toBe(true)

    await page.getByRole('button', { name: 'Open the survey' }).click()
    await expect.poll(() => page.getByText('Open', { exact: true }).isVisible()).toBe(true)
    await expect.poll(() => page.getByRole('img', { name: 'QR code for the staff link' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
    await expectAccessible(page, 'survey page')
    await page.screenshot({ path: join(RESULTS_DIR, 'lead-survey.png'), fullPage: true })

    // The full-screen view for a staff meeting, and back.
    await page.getByRole('button', { name: 'Show full screen' }).click()
    const dialog = page.getByRole('dialog', { name: 'Autumn 2026' })
    await dialog.waitFor()
    await expectAccessible(page, 'full-screen QR code')
    await dialog.getByRole('button', { name: 'Close full screen' }).click()
    await dialog.waitFor({ state: 'detached' })

    // Extending moves the closing date later.
    const before = (await t.db.selectFrom('surveys').select('closes_at').executeTakeFirstOrThrow()).closes_at
    await page.getByLabel('New closing date').fill(new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10))
    await page.getByRole('button', { name: 'Extend' }).click()
    const chosenDay = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10)
    await expect.poll(() => page.getByRole('status').filter({ hasText: `now open until the end of ${formatDay(chosenDay)}` }).isVisible()).toBe(true)
    expect((await t.db.selectFrom('surveys').select('closes_at').executeTakeFirstOrThrow()).closes_at).toEqual(endOfDay(chosenDay, 'Europe/London'))
    const after = (await t.db.selectFrom('surveys').select('closes_at').executeTakeFirstOrThrow()).closes_at
    expect(after.getTime()).toBeGreaterThan(before.getTime() + 10 * DAY)

    // A member of staff answers through the link read from the page.
    const link = await page.getByRole('textbox', { name: 'Staff link' }).inputValue()
    expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{22}$/)
    await expect.poll(() => page.getByText('Fewer than 5 responses', { exact: true }).isVisible()).toBe(true)
    await expect.poll(() => page.getByText(/This survey has opened, so these settings are fixed/).isVisible()).toBe(true)
    await answerAsStaff(link)
    expect(await countRows(t.db, 'responses')).toBe(1)

    // The next refresh shows no change: while open, the count moves in steps of k (DESIGN.md §4.5).
    await page.clock.runFor(16_000)
    await expect.poll(() => page.getByText('Fewer than 5 responses', { exact: true }).isVisible()).toBe(true)
    await expect.poll(() => page.getByText('Response rate: 0 % of 20 staff').isVisible()).toBe(true)
    expect(await page.getByLabel('Smallest group shown (k)').count()).toBe(0)

    // Closing takes a confirmation, which says it is final.
    await page.getByRole('button', { name: 'Close the survey now…' }).click()
    const confirm = page.getByRole('group', { name: 'Close “Autumn 2026” now?' })
    await expect.poll(() => confirm.textContent()).toMatch(/cannot be reopened/)
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Close “Autumn 2026” now?')
    await expectAccessible(page, 'close confirmation')
    await confirm.getByRole('button', { name: 'Yes, close the survey' }).click()
    await expect.poll(() => page.getByText('Closed', { exact: true }).isVisible()).toBe(true)
    await expect.poll(() => page.getByText(/^Closed on /).isVisible()).toBe(true)
    expect((await t.db.selectFrom('surveys').select('status').executeTakeFirstOrThrow()).status).toBe('closed')
    expect(await page.getByRole('textbox', { name: 'Staff link' }).count()).toBe(0)
    await expectAccessible(page, 'closed survey page')

    // Home shows the survey's state; the account page; signing out.
    await nav.getByRole('link', { name: 'Home' }).click()
    await heading(page, 'Your schools')
    await expect.poll(() => page.getByRole('link', { name: 'Autumn 2026' }).isVisible()).toBe(true)
    await expect.poll(() => page.getByText('1 response', { exact: true }).isVisible()).toBe(true)
    await nav.getByRole('link', { name: 'Account' }).click()
    await heading(page, 'Your account')
    expect(await nav.getByRole('link', { name: 'Account' }).getAttribute('aria-current')).toBe('page')
    await expect.poll(() => page.getByText(EMAIL).isVisible()).toBe(true)
    await expect.poll(() => page.getByRole('listitem').filter({ hasText: 'School leader of Ashgrove Primary' }).isVisible()).toBe(true)
    await expectAccessible(page, 'account page')
    // Back and Forward work as in any website.
    await page.goBack()
    await heading(page, 'Your schools')
    await page.goForward()
    await heading(page, 'Your account')
    await nav.getByRole('button', { name: 'Sign out' }).click()
    await heading(page, 'Sign in')
    expect(new URL(page.url()).pathname).toBe('/signin')
    await page.goto(`${t.server.url}/surveys/${surveyId}`)
    await heading(page, 'Sign in')
    await page.close()
  })

  it('says plainly when the password is wrong, the page is not theirs, missing, or the session has expired', async () => {
    const { school, otherSchool } = await createLeaderOfOneSchool()
    const page = await t.browser.newPage()
    await page.goto(`${t.server.url}/signin`)
    await fillSignIn(page, 'not the password at all')
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('That email and password do not match an account. Check both and try again.')
    await expectAccessible(page, 'sign-in with a wrong password')

    await fillSignIn(page)
    await heading(page, 'Your schools')

    // Another school of the same trust: forbidden, at its own address.
    await page.goto(`${t.server.url}/schools/${otherSchool.id}`)
    await heading(page, "You don't have access to this")
    expect(new URL(page.url()).pathname).toBe(`/schools/${otherSchool.id}`)
    expect(await page.title()).toBe("You don't have access to this · Continuum")
    await expectAccessible(page, 'forbidden page')
    await page.goto(`${t.server.url}/schools/999999`)
    await heading(page, 'Not found')
    await page.goto(`${t.server.url}/no/such/page`)
    await heading(page, 'Not found')
    await expectAccessible(page, 'not-found page')

    // The session runs out: the expired page, then back to where the leader was after signing in.
    await t.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 60_000) }).execute()
    await page.goto(`${t.server.url}/schools/${school.id}`)
    await heading(page, 'Your session has expired')
    await expectAccessible(page, 'session-expired page')
    await page.getByRole('link', { name: 'Sign in again' }).click()
    await heading(page, 'Sign in')
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/schools/${school.id}`)
    await fillSignIn(page)
    await heading(page, 'Ashgrove Primary')
    expect(new URL(page.url()).pathname).toBe(`/schools/${school.id}`)
    await page.close()
  })

  it('lets an invited leader choose a password from their link, once', async () => {
    const { organisations, school } = await createLeaderOfOneSchool()
    const invited = await organisations.createLeader({ email: 'deputy@ashgrove.example', displayName: 'Kim Deputy' })
    await organisations.grantRole(invited.id, 'school_leader', school.id)
    const link = await createAuthService({ db: t.db }).createPasswordLink('deputy@ashgrove.example', 'invite', t.server.url)
    expect(link).toMatch(/\/set-password#[A-Za-z0-9_-]{22}$/)

    const page = await t.browser.newPage()
    await page.goto(link)
    await heading(page, 'Choose your password')
    await page.getByLabel('New password', { exact: true }).fill('short')
    await page.getByRole('button', { name: 'Save password and sign in' }).click()
    await expect.poll(() => page.getByText('The password needs at least 12 characters.').isVisible()).toBe(true)
    await expectAccessible(page, 'set-password page with an error')
    await page.getByLabel('New password', { exact: true }).fill('a long and memorable one')
    await page.getByLabel('New password again').fill('a long and memorable one')
    await page.getByRole('button', { name: 'Save password and sign in' }).click()
    await heading(page, 'Your schools')
    await expect.poll(() => page.getByRole('link', { name: 'Ashgrove Primary' }).isVisible()).toBe(true)

    // On the account page the password is changed with the same two fields, which must agree.
    await page.goto(`${t.server.url}/account`)
    await heading(page, 'Your account')
    await page.getByLabel('Current password').fill('a long and memorable one')
    await page.getByLabel('New password', { exact: true }).fill('a longer and more memorable one')
    await page.getByLabel('New password again').fill('a longer and more memorable on')
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect.poll(() => page.getByText('The two new passwords are not the same.').isVisible()).toBe(true)
    await page.getByLabel('New password again').fill('a longer and more memorable one')
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Your password has been changed.' }).isVisible()).toBe(true)
    await expect.poll(() => page.getByLabel('New password', { exact: true }).inputValue()).toBe('')
    await page.context().clearCookies()
    await signInAt(page, t.server.url, 'deputy@ashgrove.example', 'a longer and more memorable one')

    // The link works once.
    const again = await t.browser.newPage()
    await again.goto(link)
    await again.getByLabel('New password', { exact: true }).fill('another long password')
    await again.getByLabel('New password again').fill('another long password')
    await again.getByRole('button', { name: 'Save password and sign in' }).click()
    await expect.poll(() => again.getByRole('alert').textContent()).toMatch(/expired or has been used already/)
    await again.close()
    await page.close()
  })

  it('makes single-use codes for a code-mode survey and shows them once, as printable slips', async () => {
    const { school } = await createLeaderOfOneSchool()
    const page = await t.browser.newPage()
    await page.goto(`${t.server.url}/schools/${school.id}`)
    await fillSignIn(page)
    await heading(page, 'Ashgrove Primary')
    await createSurvey(page, { title: 'Spring 2027', codes: true })

    await page.getByLabel('How many codes?').fill('6')
    await page.getByRole('button', { name: 'Make codes' }).click()
    await heading(page, 'Access codes for Spring 2027')
    const slips = page.getByRole('list', { name: 'Access code slips' }).getByRole('listitem')
    await expect.poll(() => slips.count()).toBe(6)
    const first = slips.first()
    expect(await first.textContent()).toMatch(/Ashgrove Primary.*Spring 2027.*\/s\/[A-Za-z0-9_-]{22}.*[0-9A-Z]{5}-[0-9A-Z]{5}.*Codes are handed out at random; nobody can tell which one was yours\./s)
    expect(await countRows(t.db, 'access_codes')).toBe(6)
    await expectAccessible(page, 'codes page')
    await page.screenshot({ path: join(RESULTS_DIR, 'lead-codes.png'), fullPage: true })
    await page.emulateMedia({ media: 'print' })
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false)
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(false)
    await page.screenshot({ path: join(RESULTS_DIR, 'lead-codes-print.png'), fullPage: true })
    await page.emulateMedia({ media: 'screen' })

    // Nothing of the codes is kept by the browser: a reload cannot show them again.
    const code = (await first.textContent())!.match(/[0-9A-Z]{5}-[0-9A-Z]{5}/)![0]
    const kept = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }, history.state, location.href]))
    expect(kept).not.toContain(code)
    await page.reload()
    await heading(page, 'Access codes for Spring 2027')
    await expect.poll(() => page.getByText(/Codes are shown only once/).isVisible()).toBe(true)
    expect(await page.getByRole('list', { name: 'Access code slips' }).count()).toBe(0)
    await page.getByLabel('How many codes?').fill('2')
    await page.getByRole('button', { name: 'Make codes' }).click()
    await expect.poll(() => slips.count()).toBe(2)
    expect(await countRows(t.db, 'access_codes')).toBe(8)
    await page.close()
  })

  it('lets a code custodian, not the leader, print the codes through a one-time link', async () => {
    const { school } = await createLeaderOfOneSchool()
    const page = await t.browser.newPage()
    await page.goto(`${t.server.url}/schools/${school.id}`)
    await fillSignIn(page)
    await heading(page, 'Ashgrove Primary')
    await page.getByLabel('Title').fill('Summer 2027')
    await page.getByRole('group', { name: 'How staff get in' }).getByLabel('Single-use codes').check()
    await page.getByLabel('A code custodian holds the codes').check()
    await page.getByLabel("Code custodian's name").fill('Pat Office')
    await page.getByLabel("Code custodian's email").fill('office@ashgrove.example')
    await page.getByRole('button', { name: 'Create survey' }).click()
    await heading(page, 'Summer 2027')

    // The leader can only make a link for the custodian; no code reaches their page.
    await expect.poll(() => page.getByText(/The codes are held by Pat Office/).isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: 'Make codes' }).count()).toBe(0)
    await page.getByLabel('How many codes?').fill('4')
    await page.getByRole('button', { name: 'Make a link for the custodian' }).click()
    const linkBox = page.getByLabel(/Link for Pat Office/)
    await linkBox.waitFor()
    const link = await linkBox.inputValue()
    expect(link).toMatch(/\/codes#[A-Za-z0-9_-]{22}$/)
    expect(await countRows(t.db, 'access_codes')).toBe(0)
    await expectAccessible(page, 'survey page with a code custodian')
    await page.close()

    // The custodian, not signed in, opens the link and prints the slips, once.
    const custodian = await t.browser.newPage()
    await custodian.goto(`${t.server.url}${new URL(link).pathname}${new URL(link).hash}`)
    await heading(custodian, 'Access codes to print')
    await custodian.getByRole('button', { name: 'Show the codes' }).click()
    await heading(custodian, 'Access codes for Summer 2027')
    await expect.poll(() => custodian.getByRole('list', { name: 'Access code slips' }).getByRole('listitem').count()).toBe(4)
    expect(new URL(custodian.url()).hash).toBe('')
    expect(await countRows(t.db, 'access_codes')).toBe(4)
    await expectAccessible(custodian, 'custodian codes page')
    await custodian.screenshot({ path: join(RESULTS_DIR, 'custodian-codes.png'), fullPage: true })
    await custodian.close()
    // Anyone opening it again, the leader included, finds it used.
    const again = await t.browser.newPage()
    await again.goto(`${t.server.url}${new URL(link).pathname}${new URL(link).hash}`)
    await again.getByRole('button', { name: 'Show the codes' }).click()
    await expect.poll(() => again.getByRole('alert').textContent()).toMatch(/already been used/)
    expect(await countRows(t.db, 'access_codes')).toBe(4)
    await again.close()
  })

  it('groups a trust leader’s schools under the trust, and fits a 320 px phone', async () => {
    const { organisations, trust } = await createLeaderOfOneSchool()
    await organisations.createSchool({ name: 'Cedar Infants', trustId: trust.id })
    const ceo = await organisations.createLeader({ email: 'ceo@riverside.example', displayName: 'Alex Chief', password: PASSWORD })
    await organisations.grantRole(ceo.id, 'trust_leader', trust.id)
    const page = await t.browser.newPage({ viewport: { width: 320, height: 640 } })
    await signInAt(page, t.server.url, 'ceo@riverside.example', PASSWORD)
    await page.getByRole('heading', { level: 2, name: 'Riverside Partnership' }).waitFor()
    await expect.poll(() => page.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(['Ashgrove Primary', 'Beechwood Academy', 'Cedar Infants'])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
    await expectAccessible(page, 'home on a phone')

    await page.getByRole('link', { name: 'Beechwood Academy' }).click()
    await heading(page, 'Beechwood Academy')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
    await createSurvey(page, { title: 'Summer 2027', expectedStaff: 12 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
    await expectAccessible(page, 'survey page on a phone')
    await page.screenshot({ path: join(RESULTS_DIR, 'lead-survey-phone.png'), fullPage: true })
    await page.close()
  })
})
