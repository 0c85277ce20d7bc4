import { parseArgs } from 'node:util'
import { loadConfig } from './config.ts'
import { connect } from './db/connect.ts'
import { migrateToLatest } from './db/migrate.ts'
import { AppError } from './errors.ts'
import { formatDay, isDay } from '../shared/domain/school-days.ts'
import { instruments } from '../shared/instrument/versions.ts'
import { createAuthService } from './modules/auth/auth.service.ts'
import { findLeaderIdByEmail } from './modules/organisations/organisations.repository.ts'
import { createOrganisationService } from './modules/organisations/organisations.service.ts'
import { ensureInstrumentVersions } from './modules/surveys/surveys.repository.ts'
import { createSurveyService } from './modules/surveys/surveys.service.ts'

// The operator's command line: `npm run cli -- <command> [options]`. Every input is checked by
// the same shared schemas as the API; a mistake prints what is wrong and exits 2.

const COMMANDS = {
  migrate: { usage: 'migrate', options: {} },
  'create-trust': { usage: 'create-trust --name "Riverside Partnership"', options: { name: { type: 'string' } } },
  'create-school': {
    usage: 'create-school --name "Ashgrove Primary" [--trust <trust id>] [--time-zone Europe/London]   survey days are days in this zone',
    options: { name: { type: 'string' }, trust: { type: 'string' }, 'time-zone': { type: 'string' } },
  },
  'create-leader': {
    usage: 'create-leader --email head@school.org --name "Sam Head" (--school <id> | --trust <id>)   prints an invitation link',
    options: { email: { type: 'string' }, name: { type: 'string' }, school: { type: 'string' }, trust: { type: 'string' } },
  },
  'grant-role': {
    usage: 'grant-role --email head@school.org (--school <id> | --trust <id>)',
    options: { email: { type: 'string' }, school: { type: 'string' }, trust: { type: 'string' } },
  },
  'invite-leader': { usage: 'invite-leader --email head@school.org   a new invitation link', options: { email: { type: 'string' } } },
  'disable-leader': { usage: 'disable-leader --email head@school.org   signs them out and refuses sign-in', options: { email: { type: 'string' } } },
  'enable-leader': { usage: 'enable-leader --email head@school.org', options: { email: { type: 'string' } } },
  'create-survey': {
    usage: 'create-survey --school <id> --title "Autumn 2026" --opens 2026-11-23 --closes 2026-12-07 [--k 5] [--codes] [--live] [--expected-staff 40] [--open]   open until the end of the closing day, school time',
    options: {
      school: { type: 'string' }, title: { type: 'string' }, opens: { type: 'string' }, closes: { type: 'string' },
      k: { type: 'string' }, codes: { type: 'boolean' }, live: { type: 'boolean' }, 'expected-staff': { type: 'string' }, open: { type: 'boolean' },
    },
  },
  'reset-password': { usage: 'reset-password --email head@school.org   signs them out, prints a link to set a new password', options: { email: { type: 'string' } } },
  'create-codes': { usage: 'create-codes --survey <id> --count 40', options: { survey: { type: 'string' }, count: { type: 'string' } } },
} as const satisfies Record<string, { usage: string; options: Record<string, { type: 'string' | 'boolean' }> }>

type Command = keyof typeof COMMANDS

class UsageError extends Error {}

function help(): string {
  return ['Usage: npm run cli -- <command> [options]', '', 'Commands:', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join('\n')
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name]
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`)
  return value
}

function id(values: Record<string, unknown>, name: string): number {
  const text = required(values, name)
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive whole number (an id), not "${text}"`)
  return n
}

function optionalInt(values: Record<string, unknown>, name: string): number | undefined {
  return values[name] === undefined ? undefined : id(values, name)
}

function roleScope(values: Record<string, unknown>): ['school_leader' | 'trust_leader', number] {
  if ((values.school === undefined) === (values.trust === undefined)) throw new UsageError('give exactly one of --school <id> or --trust <id>')
  return values.school !== undefined ? ['school_leader', id(values, 'school')] : ['trust_leader', id(values, 'trust')]
}

/**
 * A day ("2026-11-23") is passed through as it is: the survey opens at the start of that day, or
 * closes at the end of it, in the school's time zone. A full ISO date-time is taken as given.
 */
function surveyDate(values: Record<string, unknown>, name: string): string {
  const text = required(values, name)
  if (isDay(text)) return text
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(Date.parse(text))) throw new UsageError(`--${name} must be a day like 2026-11-23 or a date-time like 2026-11-23T09:00:00Z, not "${text}"`)
  return new Date(text).toISOString()
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === 'help' || name === '--help') {
    console.log(help())
    return name ? 0 : 2
  }
  if (!Object.hasOwn(COMMANDS, name)) throw new UsageError(`unknown command "${name}"`)
  const command = name as Command
  const { values } = parseArgs({ args: rest, options: COMMANDS[command].options, strict: true, allowPositionals: false })
  const v = values as Record<string, unknown>

  const config = loadConfig()
  const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    const applied = await migrateToLatest(db)
    await ensureInstrumentVersions(db, Object.values(instruments))
    const organisations = createOrganisationService({ db })
    const surveys = createSurveyService({ db, publicUrl: config.publicUrl })
    const auth = createAuthService({ db })
    switch (command) {
      case 'migrate':
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.')
        break
      case 'create-trust': {
        const trust = await organisations.createTrust({ name: required(v, 'name') })
        console.log(`Created trust ${trust.id}: ${trust.name}`)
        break
      }
      case 'create-school': {
        const timeZone = v['time-zone']
        const school = await organisations.createSchool({ name: required(v, 'name'), trustId: optionalInt(v, 'trust') ?? null, ...(typeof timeZone === 'string' ? { timeZone } : {}) })
        console.log(`Created school ${school.id}: ${school.name} (time zone ${school.timeZone})`)
        break
      }
      case 'create-leader': {
        const [role, scopeId] = roleScope(v)
        const leader = await db.transaction().execute(async (trx) => {
          const organisationsInTrx = createOrganisationService({ db: trx })
          const created = await organisationsInTrx.createLeader({ email: required(v, 'email'), displayName: required(v, 'name') })
          await organisationsInTrx.grantRole(created.id, role, scopeId)
          return created
        })
        const link = await auth.createPasswordLink(leader.email, 'invite', config.publicUrl)
        console.log(`Created leader ${leader.id}: ${leader.email}\nSend them this invitation link to set a password (valid 7 days, works once):\n${link}`)
        break
      }
      case 'grant-role': {
        const [role, scopeId] = roleScope(v)
        const leaderId = await findLeaderIdByEmail(db, required(v, 'email').toLowerCase())
        if (leaderId === undefined) throw new UsageError(`there is no leader with the email ${required(v, 'email')}`)
        await organisations.grantRole(leaderId, role, scopeId)
        console.log(`${required(v, 'email')} is now ${role === 'school_leader' ? 'a school leader of school' : 'a trust leader of trust'} ${scopeId}.`)
        break
      }
      case 'invite-leader': {
        console.log(`Invitation link (valid 7 days, works once):\n${await auth.createPasswordLink(required(v, 'email'), 'invite', config.publicUrl)}`)
        break
      }
      case 'disable-leader':
      case 'enable-leader': {
        await auth.setDisabled(required(v, 'email'), command === 'disable-leader')
        console.log(command === 'disable-leader' ? `${required(v, 'email')} is disabled and signed out everywhere.` : `${required(v, 'email')} may sign in again.`)
        break
      }
      case 'create-survey': {
        const k = optionalInt(v, 'k')
        const expectedStaff = optionalInt(v, 'expected-staff')
        const survey = await surveys.createSurvey(
          id(v, 'school'),
          {
            title: required(v, 'title'),
            opensAt: surveyDate(v, 'opens'),
            closesAt: surveyDate(v, 'closes'),
            accessMode: v.codes ? 'codes' : 'link',
            releaseMode: v.live ? 'live' : 'at_close',
            ...(k === undefined ? {} : { k }),
            ...(expectedStaff === undefined ? {} : { expectedStaff }),
          },
          v.open ? 'open' : 'draft',
        )
        console.log(`Created survey ${survey.id} (${survey.status}), open from the start of ${formatDay(survey.opensOn)} until the end of ${formatDay(survey.closesOn)} (${survey.timeZone}). Staff link: ${survey.link}`)
        break
      }
      case 'reset-password': {
        const link = await auth.createPasswordLink(required(v, 'email'), 'reset', config.publicUrl)
        console.log(`${required(v, 'email')} is signed out everywhere. Link to set a new password (valid 7 days, works once):\n${link}`)
        break
      }
      case 'create-codes': {
        const codes = await surveys.createAccessCodes(id(v, 'survey'), id(v, 'count'))
        console.log(`${codes.length} single-use codes for survey ${id(v, 'survey')} (shown once, stored only as hashes):`)
        for (const code of codes) console.log(code)
        break
      }
    }
    return 0
  } finally {
    await db.destroy()
  }
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (err) {
  if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
    console.error(`error: ${err.message}\n\n${help()}`)
    process.exitCode = 2
  } else if (err instanceof AppError) {
    console.error(`error: ${err.message}`)
    process.exitCode = 2
  } else {
    throw err
  }
}
