import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { generateResponses } from '../shared/domain/synthetic.ts'
import type { PatternValue } from '../shared/instrument/types.ts'
import { CURRENT_INSTRUMENT_ID, requireInstrument } from '../shared/instrument/versions.ts'
import { SubmitResponseBodySchema, toSubmission } from '../shared/schemas/forms.ts'
import { staffBandOf, type SchoolPhase } from '../shared/schemas/organisations.ts'
import type { Database } from './db/schema.ts'
import { insertAction, insertNote, updateAction } from './modules/actions/actions.repository.ts'
import { insertResponse } from './modules/forms/forms.repository.ts'
import { countTrusts } from './modules/organisations/organisations.repository.ts'
import { createOrganisationService } from './modules/organisations/organisations.service.ts'
import { createSurveyService } from './modules/surveys/surveys.service.ts'

// Demo mode: on first start with an empty embedded database, a clearly labelled demo trust with
// four schools whose synthetic staff sit at different points of the continuum, two past cycles
// each, and one open survey to try as a member of staff. Every demo survey uses the current
// questionnaire (dl-v2), so each school's cycles, the trust's terms and its trends compare like
// with like.

interface DemoSchool { name: string; slug: string; pattern: PatternValue; staff: number; phase: SchoolPhase }

export const DEMO_SCHOOLS: readonly DemoSchool[] = [
  { name: 'Ashgrove Primary (demo)', slug: 'ashgrove', pattern: 2, staff: 26, phase: 'primary' },
  { name: 'Brookfield Academy (demo)', slug: 'brookfield', pattern: 4, staff: 48, phase: 'secondary' },
  { name: 'Castleton High (demo)', slug: 'castleton', pattern: 6, staff: 64, phase: 'secondary' },
  { name: 'Dunmore Primary (demo)', slug: 'dunmore', pattern: 7, staff: 30, phase: 'primary' },
]

/**
 * Synthetic schools for the demo's norms, clearly labelled: four trusts of six, three primary and
 * three secondary schools with 20 to 49 staff each, every one with a closed survey this summer, so
 * that the demo schools' reports place each scale among all schools and similar schools.
 */
export const NORMS_REFERENCE = { trusts: 4, schoolsPerTrust: 6, respondents: 6 } as const

export interface DemoLogin { email: string; password: string; role: string }
export interface DemoSeed { surveyLink: string; logins: DemoLogin[]; announcement: string }

export async function seedDemoIfEmpty(db: Kysely<Database>, { publicUrl, today = new Date() }: { publicUrl: string; today?: Date }): Promise<DemoSeed | undefined> {
  if ((await countTrusts(db)) > 0) return undefined
  const organisations = createOrganisationService({ db })
  const surveys = createSurveyService({ db, publicUrl })
  const instrument = requireInstrument(CURRENT_INSTRUMENT_ID)
  const logins: DemoLogin[] = []
  const newLogin = async (email: string, displayName: string, role: string) => {
    const password = randomBytes(9).toString('base64url')
    const leader = await organisations.createLeader({ email, displayName, password })
    logins.push({ email, password, role })
    return leader.id
  }

  const trust = await organisations.createTrust({ name: 'Riverside Learning Partnership (demo)', isDemo: true })
  const ceo = await newLogin('ceo@riverside.demo', 'Demo Trust Leader', 'trust leader, all four schools')
  await organisations.grantRole(ceo, 'trust_leader', trust.id)

  let openLink = ''
  for (const [s, school] of DEMO_SCHOOLS.entries()) {
    const { id: schoolId } = await organisations.createSchool({ name: school.name, trustId: trust.id })
    await organisations.updateSchoolContext(schoolId, { phase: school.phase, staffBand: staffBandOf(school.staff), nation: 'england' })
    const head = await newLogin(`head@${school.slug}.demo`, `Demo Head of ${school.name.replace(' (demo)', '')}`, `school leader, ${school.name}`)
    await organisations.grantRole(head, 'school_leader', schoolId)

    // Two past cycles: last year's, one pattern step less distributed where the school has grown
    // towards sharing leadership, then this summer's.
    const cycles = [
      { title: 'Summer 2025 staff survey', monthsAgo: 17, pattern: earlierPattern(school.pattern), seed: 1000 + s },
      { title: 'Summer 2026 staff survey', monthsAgo: 5, pattern: school.pattern, seed: 2000 + s },
    ]
    const cycleIds: number[] = []
    for (const cycle of cycles) {
      const opensAt = monthsBefore(today, cycle.monthsAgo)
      const closesAt = new Date(opensAt.getTime() + 14 * 86_400_000)
      const { id } = await surveys.createSurvey(
        schoolId,
        { title: cycle.title, opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString(), expectedStaff: school.staff, k: 5, instrumentVersion: instrument.id },
        'open',
      )
      const answered = Math.round(school.staff * (0.72 + 0.05 * s))
      const bodies = generateResponses({ instrument, pattern: cycle.pattern, respondents: answered, seed: cycle.seed })
      for (const [i, body] of bodies.entries()) {
        const checked = toSubmission(instrument, SubmitResponseBodySchema.parse(body))
        if (!checked.ok) throw new Error('synthetic response does not fit the instrument')
        const day = new Date(opensAt.getTime() + (i % 10) * 86_400_000).toISOString().slice(0, 10)
        await insertResponse(db, id, instrument.id, checked.submission, { submittedOn: day })
      }
      await db.updateTable('surveys').set({ status: 'closed', closed_at: closesAt }).where('id', '=', id).execute()
      cycleIds.push(id)
    }
    // One school acted on last year's report: its plan, re-measured by this summer's survey.
    if (school.slug === 'brookfield') await seedDemoPlan(db, cycleIds[0]!, monthsBefore(today, 16))

    if (s === 0) {
      const open = await surveys.createSurvey(
        schoolId,
        {
          title: 'Autumn 2026 staff survey',
          opensAt: new Date(today.getTime() - 86_400_000).toISOString(),
          closesAt: new Date(today.getTime() + 30 * 86_400_000).toISOString(),
          expectedStaff: school.staff,
          instrumentVersion: instrument.id,
        },
        'open',
      )
      openLink = open.link
    }
  }

  await seedNormsReference(db, today)

  const announcement = [
    '',
    'Demo data created (Riverside Learning Partnership, four demo schools, synthetic staff;',
    `  and ${NORMS_REFERENCE.trusts * NORMS_REFERENCE.schoolsPerTrust} synthetic "Norms reference" schools, so that reports show where each scale stands among schools).`,
    `  Answer the open demo survey as a member of staff: ${openLink}`,
    `  Sign in as a leader at ${publicUrl}/ with:`,
    ...logins.map((l) => `    ${l.email.padEnd(26)} ${l.password}   (${l.role})`),
    '  These passwords are shown once; forgotten? Stop the server, then: npm run cli -- reset-password --email <email>',
    '',
  ].join('\n')
  return { surveyLink: openLink, logins, announcement }
}

async function seedNormsReference(db: Kysely<Database>, today: Date): Promise<void> {
  const organisations = createOrganisationService({ db })
  const surveys = createSurveyService({ db, publicUrl: 'http://127.0.0.1' })
  const instrument = requireInstrument(CURRENT_INSTRUMENT_ID)
  const opensAt = monthsBefore(today, 5)
  const closesAt = new Date(opensAt.getTime() + 14 * 86_400_000)
  let n = 0
  for (let t = 1; t <= NORMS_REFERENCE.trusts; t++) {
    const trust = await organisations.createTrust({ name: `Norms reference trust ${t} (synthetic)`, isDemo: true })
    for (let i = 0; i < NORMS_REFERENCE.schoolsPerTrust; i++) {
      n += 1
      const phase = i % 2 === 0 ? 'primary' : 'secondary'
      const school = await organisations.createSchool({ name: `Norms reference ${phase} school ${n} (synthetic)`, trustId: trust.id })
      await organisations.updateSchoolContext(school.id, { phase, staffBand: '20_to_49', nation: 'england' })
      const { id } = await surveys.createSurvey(school.id, { title: 'Summer 2026 staff survey', opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString(), k: 5 }, 'open')
      const pattern = (1 + ((n * 3) % 7)) as PatternValue
      for (const body of generateResponses({ instrument, pattern, respondents: NORMS_REFERENCE.respondents, seed: 5000 + n, dontKnowRate: 0, skipRate: 0 })) {
        const checked = toSubmission(instrument, SubmitResponseBodySchema.parse(body))
        if (!checked.ok) throw new Error('synthetic response does not fit the instrument')
        await insertResponse(db, id, instrument.id, checked.submission, { submittedOn: opensAt.toISOString().slice(0, 10) })
      }
      await db.updateTable('surveys').set({ status: 'closed', closed_at: closesAt }).where('id', '=', id).execute()
    }
  }
}

/** Brookfield's plan after its Summer 2025 report: leadership of the actions spread across roles, with notes. */
async function seedDemoPlan(db: Kysely<Database>, surveyId: number, made: Date): Promise<void> {
  const later = (days: number) => new Date(made.getTime() + days * 86_400_000)
  const plan = [
    {
      action: { title: 'Bring decisions about homework to the teams who set it', details: 'Each department proposes its own homework routine; the senior team agrees the frame, not the detail.', scales: ['shared_power' as const], influence: 'dialogue' as const, lead: { role: 'middle_leader' as const, name: 'Dana Okafor' }, supporters: [{ role: 'senior_leader' as const, name: 'Chris Patel' }], reviewOn: '2026-02-06', status: 'planned' as const },
      notes: [{ days: 40, status: 'under_way' as const, body: 'Science and English have proposals; maths next month.' }, { days: 150, status: 'done' as const, body: 'Every department now sets its own routine within the frame.' }],
    },
    {
      action: { title: 'Mixed-role planning groups for the reading priority', details: 'Teachers and teaching assistants plan the reading interventions together each half term.', scales: ['synergy' as const, 'shared_responsibility' as const], influence: 'modelling' as const, lead: { role: 'support_staff' as const, name: 'Lee Morgan' }, supporters: [{ role: 'teacher' as const, name: 'Sara Haddad' }, { role: 'middle_leader' as const, name: 'Dana Okafor' }], reviewOn: '2026-03-13', status: 'planned' as const },
      notes: [{ days: 30, status: 'under_way' as const, body: 'Two groups running, in Years 7 and 8.' }],
    },
    {
      action: { title: 'A fortnightly one-page round-up of who leads what', details: '', scales: ['coordination' as const], influence: 'monitoring' as const, lead: { role: 'senior_leader' as const, name: 'Chris Patel' }, supporters: [], reviewOn: '2025-12-12', status: 'planned' as const },
      notes: [{ days: 20, status: 'under_way' as const, body: 'First round-up sent.' }],
    },
    {
      action: { title: 'Joint enquiry on feedback with Castleton High', details: 'Both staffs ask the same question about written feedback and share what they find.', scales: ['community_engagement' as const, 'organisational_learning' as const], influence: 'partnership' as const, lead: { role: 'teacher' as const, name: 'Sara Haddad' }, supporters: [{ role: 'senior_leader' as const, name: null }], reviewOn: '2026-05-15', status: 'planned' as const },
      notes: [{ days: 90, status: 'dropped' as const, body: 'Postponed to next year: Castleton changed its timetable.' }],
    },
  ]
  for (const { action, notes } of plan) {
    const id = await insertAction(db, surveyId, action, made)
    await insertNote(db, id, { status: 'planned', body: '' }, made)
    for (const note of notes) {
      await insertNote(db, id, { status: note.status, body: note.body }, later(note.days))
      await updateAction(db, id, { status: note.status }, later(note.days))
    }
  }
}

function earlierPattern(pattern: PatternValue): PatternValue {
  if (pattern === 7) return 5
  return Math.max(1, pattern - 1) as PatternValue
}

function monthsBefore(date: Date, months: number): Date {
  const d = new Date(date)
  d.setUTCMonth(d.getUTCMonth() - months)
  d.setUTCHours(8, 0, 0, 0)
  return d
}
