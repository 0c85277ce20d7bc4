import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { generateResponses } from '../shared/domain/synthetic.ts'
import type { PatternValue } from '../shared/instrument/types.ts'
import { CURRENT_INSTRUMENT_ID, requireInstrument } from '../shared/instrument/versions.ts'
import { SubmitResponseBodySchema, toSubmission } from '../shared/schemas/forms.ts'
import type { Database } from './db/schema.ts'
import { insertResponse } from './modules/forms/forms.repository.ts'
import { countTrusts } from './modules/organisations/organisations.repository.ts'
import { createOrganisationService } from './modules/organisations/organisations.service.ts'
import { createSurveyService } from './modules/surveys/surveys.service.ts'

// Demo mode: on first start with an empty embedded database, a clearly labelled demo trust with
// four schools whose synthetic staff sit at different points of the continuum, two past cycles
// each, and one open survey to try as a member of staff.

interface DemoSchool { name: string; slug: string; pattern: PatternValue; staff: number }

export const DEMO_SCHOOLS: readonly DemoSchool[] = [
  { name: 'Ashgrove Primary (demo)', slug: 'ashgrove', pattern: 2, staff: 26 },
  { name: 'Brookfield Academy (demo)', slug: 'brookfield', pattern: 4, staff: 48 },
  { name: 'Castleton High (demo)', slug: 'castleton', pattern: 6, staff: 64 },
  { name: 'Dunmore Primary (demo)', slug: 'dunmore', pattern: 7, staff: 30 },
]

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
    const head = await newLogin(`head@${school.slug}.demo`, `Demo Head of ${school.name.replace(' (demo)', '')}`, `school leader, ${school.name}`)
    await organisations.grantRole(head, 'school_leader', schoolId)

    // Two past cycles: last year's, one pattern step less distributed where the school has grown
    // towards sharing leadership, then this summer's.
    const cycles = [
      { title: 'Summer 2025 staff survey', monthsAgo: 17, pattern: earlierPattern(school.pattern), seed: 1000 + s },
      { title: 'Summer 2026 staff survey', monthsAgo: 5, pattern: school.pattern, seed: 2000 + s },
    ]
    for (const cycle of cycles) {
      const opensAt = monthsBefore(today, cycle.monthsAgo)
      const closesAt = new Date(opensAt.getTime() + 14 * 86_400_000)
      const { id } = await surveys.createSurvey(
        schoolId,
        { title: cycle.title, opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString(), expectedStaff: school.staff, k: 5 },
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
    }

    if (s === 0) {
      const open = await surveys.createSurvey(
        schoolId,
        {
          title: 'Autumn 2026 staff survey',
          opensAt: new Date(today.getTime() - 86_400_000).toISOString(),
          closesAt: new Date(today.getTime() + 30 * 86_400_000).toISOString(),
          expectedStaff: school.staff,
        },
        'open',
      )
      openLink = open.link
    }
  }

  const announcement = [
    '',
    'Demo data created (Riverside Learning Partnership, four demo schools, synthetic staff).',
    `  Answer the open demo survey as a member of staff: ${openLink}`,
    `  Sign in as a leader at ${publicUrl}/ with:`,
    ...logins.map((l) => `    ${l.email.padEnd(26)} ${l.password}   (${l.role})`),
    '  These passwords are shown once; forgotten? Stop the server, then: npm run cli -- reset-password --email <email>',
    '',
  ].join('\n')
  return { surveyLink: openLink, logins, announcement }
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
