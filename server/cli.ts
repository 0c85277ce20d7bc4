import { parseArgs } from 'node:util'
import { loadConfig } from './config.ts'
import { connect } from './db/connect.ts'
import { migrateToLatest } from './db/migrate.ts'
import { DatabaseLockedError } from './db/lock.ts'
import { AppError, parse } from './errors.ts'
import { dayIn, formatDay, isDay, lastOpenDay } from '../shared/domain/school-days.ts'
import { instruments } from '../shared/instrument/versions.ts'
import { createAuthService } from './modules/auth/auth.service.ts'
import { createOperatorService, NotStoredError, type OperatorService } from './modules/operator/operator.service.ts'
import { findLeaderIdByEmail } from './modules/organisations/organisations.repository.ts'
import { createOrganisationService } from './modules/organisations/organisations.service.ts'
import { EmailSchema, UpdateSchoolContextBodySchema, type UpdateSchoolContextBody } from '../shared/schemas/organisations.ts'
import { ensureInstrumentVersions } from './modules/surveys/surveys.repository.ts'
import { createSurveyService } from './modules/surveys/surveys.service.ts'
import { createNormService } from './modules/norms/norms.service.ts'
import { createTallySource } from './modules/reports/tally-source.ts'
import { surveyPhase } from '../shared/domain/survey-phase.ts'

// The operator's command line: `npm run cli -- <command> [options]`. Every input is checked by
// the same shared schemas as the API; a mistake prints what is wrong and exits 2. A command prints
// success only after reading back what it stored; a failure prints why on stderr and exits 1.
// On the embedded database the CLI refuses while the server (or another command) has it open
// (server/db/lock.ts); on Postgres it works beside the running server.

const COMMANDS = {
  migrate: { usage: 'migrate', options: {} },
  'create-trust': { usage: 'create-trust --name "Riverside Partnership"', options: { name: { type: 'string' } } },
  'create-school': {
    usage: 'create-school --name "Ashgrove Primary" [--trust <trust id or name>] [--time-zone Europe/London]   survey days are days in this zone',
    options: { name: { type: 'string' }, trust: { type: 'string' }, 'time-zone': { type: 'string' } },
  },
  'create-leader': {
    usage: 'create-leader --email head@school.org --name "Sam Head" (--school <id or name> | --trust <id or name>)   prints an invitation link',
    options: { email: { type: 'string' }, name: { type: 'string' }, school: { type: 'string' }, trust: { type: 'string' } },
  },
  'grant-role': {
    usage: 'grant-role --email head@school.org (--school <id or name> | --trust <id or name>)',
    options: { email: { type: 'string' }, school: { type: 'string' }, trust: { type: 'string' } },
  },
  'invite-leader': { usage: 'invite-leader --email head@school.org   a new invitation link', options: { email: { type: 'string' } } },
  'disable-leader': { usage: 'disable-leader --email head@school.org   signs them out everywhere and refuses sign-in', options: { email: { type: 'string' } } },
  'enable-leader': { usage: 'enable-leader --email head@school.org', options: { email: { type: 'string' } } },
  'create-survey': {
    usage: 'create-survey --school <id or name> --title "Autumn 2026" --opens 2026-11-23 --closes 2026-12-07 [--k 5] [--codes] [--live] [--expected-staff 40] [--open]   open until the end of the closing day, school time',
    options: {
      school: { type: 'string' }, title: { type: 'string' }, opens: { type: 'string' }, closes: { type: 'string' },
      k: { type: 'string' }, codes: { type: 'boolean' }, live: { type: 'boolean' }, 'expected-staff': { type: 'string' }, open: { type: 'boolean' },
    },
  },
  'set-school-context': {
    usage: 'set-school-context --school <id or name> [--phase primary] [--staff-band 20_to_49] [--nation england]   for its norm groups; "none" clears one',
    options: { school: { type: 'string' }, phase: { type: 'string' }, 'staff-band': { type: 'string' }, nation: { type: 'string' } },
  },
  'set-trust-norms': {
    usage: 'set-trust-norms --trust <id or name> --contribute yes|no   whether its schools count in other schools\' norms (they see norms either way)',
    options: { trust: { type: 'string' }, contribute: { type: 'string' } },
  },
  'refresh-norms': { usage: 'refresh-norms   computes the norms now (they are also computed when a survey closes)', options: {} },
  'reset-password': { usage: 'reset-password --email head@school.org   the old password stops working and they are signed out; prints a link to set a new one', options: { email: { type: 'string' } } },
  'create-codes': { usage: 'create-codes --survey <id> --count 40', options: { survey: { type: 'string' }, count: { type: 'string' } } },
  'list-trusts': { usage: 'list-trusts', options: {} },
  'list-schools': { usage: 'list-schools [--trust <id or name>]', options: { trust: { type: 'string' } } },
  'list-leaders': { usage: 'list-leaders [--trust <id or name> | --school <id or name>]', options: { trust: { type: 'string' }, school: { type: 'string' } } },
  'list-surveys': { usage: 'list-surveys [--trust <id or name> | --school <id or name>]', options: { trust: { type: 'string' }, school: { type: 'string' } } },
} as const satisfies Record<string, { usage: string; options: Record<string, { type: 'string' | 'boolean' }> }>

type Command = keyof typeof COMMANDS

class UsageError extends Error {}

function help(): string {
  return [
    'Usage: npm run cli -- <command> [options]',
    '',
    'Commands:',
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
    '',
    'A trust or school is given by its id or its exact name (list-trusts, list-schools show both).',
    'Exit status: 0 done (and read back), 1 failed (nothing reported as done), 2 wrong usage.',
  ].join('\n')
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

function roleScope(values: Record<string, unknown>): ['school_leader', string] | ['trust_leader', string] {
  if ((values.school === undefined) === (values.trust === undefined)) throw new UsageError('give exactly one of --school <id or name> or --trust <id or name>')
  return values.school !== undefined ? ['school_leader', required(values, 'school')] : ['trust_leader', required(values, 'trust')]
}

function atMostOneScope(values: Record<string, unknown>): void {
  if (values.school !== undefined && values.trust !== undefined) throw new UsageError('give at most one of --school or --trust')
}

/** The scope of a role as the operator gave it, resolved to an id (by id or exact name). */
async function resolveScope(operator: OperatorService, [role, ref]: ReturnType<typeof roleScope>): Promise<['school_leader' | 'trust_leader', number]> {
  return [role, role === 'school_leader' ? await operator.resolveSchool(ref) : await operator.resolveTrust(ref)]
}

/** Columns padded to their widest cell; a readable table on a terminal and easy to grep. */
function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

const roleNames = { school_leader: 'school leader', trust_leader: 'trust leader' } as const

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

/** The context fields given ("none" clears one); at least one is needed. Values are checked by the shared schema. */
function schoolContext(values: Record<string, unknown>): UpdateSchoolContextBody {
  const fields = { phase: 'phase', staffBand: 'staff-band', nation: 'nation' } as const
  const given = Object.entries(fields).filter(([, option]) => values[option] !== undefined)
  if (given.length === 0) throw new UsageError('give at least one of --phase, --staff-band or --nation')
  return parse(UpdateSchoolContextBodySchema, Object.fromEntries(given.map(([key, option]) => [key, required(values, option) === 'none' ? null : required(values, option)])))
}

function yesNo(text: string): boolean {
  if (text !== 'yes' && text !== 'no') throw new UsageError(`--contribute is yes or no, not "${text}"`)
  return text === 'yes'
}

export interface CliIo {
  env: NodeJS.ProcessEnv
  out: (text: string) => void
  err: (text: string) => void
}

const processIo: CliIo = { env: process.env, out: (text) => console.log(text), err: (text) => console.error(text) }

/** Runs one command; resolves to the exit status (0 done, 1 failed, 2 wrong usage). */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    return await run(argv, io)
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`error: ${err.message}\n\n${help()}`)
      return 2
    }
    if (err instanceof AppError && err.status === 400) {
      io.err(`error: ${err.message}\n(npm run cli -- help lists every command and its options.)`)
      return 2
    }
    if (err instanceof DatabaseLockedError) {
      io.err(
        `error: ${err.message}. Nothing was done.\n` +
          'The embedded database can be open in only one process at a time. Stop the server first (Ctrl+C where `npm start` runs), ' +
          'or wait for the other command to finish, then run this command again.\n' +
          '(With a Postgres server in DATABASE_URL, commands work while the server runs.)',
      )
      return 1
    }
    if (err instanceof NotStoredError) {
      io.err(`error: ${err.message}. Do not rely on this command having worked; run it again or check with a list-… command.`)
      return 1
    }
    io.err(`error: ${err instanceof Error ? err.message : String(err)}`)
    return 1
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === 'help' || name === '--help') {
    ;(name ? io.out : io.err)(help())
    return name ? 0 : 2
  }
  if (!Object.hasOwn(COMMANDS, name)) throw new UsageError(`unknown command "${name}"`)
  const command = name as Command
  const { values } = parseArgs({ args: rest, options: COMMANDS[command].options, strict: true, allowPositionals: false })
  const v = values as Record<string, unknown>
  // Usage is checked in full before the database is opened.
  const scope = command === 'create-leader' || command === 'grant-role' ? roleScope(v) : undefined
  if (command.startsWith('list-')) atMostOneScope(v)
  const survey = command === 'create-survey'
    ? {
      school: required(v, 'school'), title: required(v, 'title'), opensAt: surveyDate(v, 'opens'), closesAt: surveyDate(v, 'closes'),
      k: optionalInt(v, 'k'), expectedStaff: optionalInt(v, 'expected-staff'),
    }
    : undefined
  const context = command === 'set-school-context' ? schoolContext(v) : undefined
  const contribute = command === 'set-trust-norms' ? yesNo(required(v, 'contribute')) : undefined
  const codes = command === 'create-codes' ? { surveyId: id(v, 'survey'), count: id(v, 'count') } : undefined
  if ('name' in COMMANDS[command].options) required(v, 'name')
  if ('email' in COMMANDS[command].options) parse(EmailSchema, required(v, 'email'))

  const config = loadConfig(io.env)
  const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, lockOwner: `the command "${command}" (npm run cli)` })
  try {
    const applied = await migrateToLatest(db)
    await ensureInstrumentVersions(db, Object.values(instruments))
    const norms = createNormService({ db, tallySource: createTallySource({ db }) })
    const organisations = createOrganisationService({ db, onContextChanged: norms.refreshAll })
    const surveys = createSurveyService({ db, publicUrl: config.publicUrl, onClosed: norms.refresh })
    const auth = createAuthService({ db })
    const operator = createOperatorService({ db })
    const email = () => required(v, 'email')
    const tokenOf = (link: string) => link.slice(link.indexOf('#') + 1)
    const optionalRef = async (kind: 'trust' | 'school') =>
      v[kind] === undefined ? undefined : kind === 'trust' ? operator.resolveTrust(required(v, kind)) : operator.resolveSchool(required(v, kind))
    switch (command) {
      case 'migrate':
        io.out(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.')
        break
      case 'create-trust': {
        const trust = await organisations.createTrust({ name: required(v, 'name') })
        await operator.confirmTrust(trust.id, trust.name)
        io.out(`Created trust ${trust.id}: ${trust.name}`)
        break
      }
      case 'create-school': {
        const trustId = (await optionalRef('trust')) ?? null
        const timeZone = v['time-zone']
        const school = await organisations.createSchool({ name: required(v, 'name'), trustId, ...(typeof timeZone === 'string' ? { timeZone } : {}) })
        await operator.confirmSchool(school.id, school.name, trustId)
        io.out(`Created school ${school.id}: ${school.name} (${trustId === null ? '' : `trust ${trustId}, `}time zone ${school.timeZone})`)
        break
      }
      case 'create-leader': {
        const [role, scopeId] = await resolveScope(operator, scope!)
        const leader = await db.transaction().execute(async (trx) => {
          const organisationsInTrx = createOrganisationService({ db: trx })
          const created = await organisationsInTrx.createLeader({ email: email(), displayName: required(v, 'name') })
          await organisationsInTrx.grantRole(created.id, role, scopeId)
          return created
        })
        const link = await auth.createPasswordLink(leader.email, 'invite', config.publicUrl)
        await operator.confirmLeader(leader.email, { role: { role, scopeId }, linkToken: tokenOf(link), disabled: false })
        io.out(`Created leader ${leader.id}: ${leader.email}, ${roleNames[role]} of ${role === 'school_leader' ? 'school' : 'trust'} ${scopeId}\nSend them this invitation link to set a password (valid 7 days, works once):\n${link}`)
        break
      }
      case 'grant-role': {
        const [role, scopeId] = await resolveScope(operator, scope!)
        const leaderId = await findLeaderIdByEmail(db, email().toLowerCase())
        if (leaderId === undefined) throw new AppError('NOT_FOUND', `there is no leader with the email ${email()}`)
        await organisations.grantRole(leaderId, role, scopeId)
        await operator.confirmLeader(email(), { role: { role, scopeId } })
        io.out(`${email()} is now ${role === 'school_leader' ? 'a school leader of school' : 'a trust leader of trust'} ${scopeId}.`)
        break
      }
      case 'invite-leader': {
        const link = await auth.createPasswordLink(email(), 'invite', config.publicUrl)
        await operator.confirmLeader(email(), { linkToken: tokenOf(link) })
        io.out(`Invitation link (valid 7 days, works once):\n${link}`)
        break
      }
      case 'disable-leader':
      case 'enable-leader': {
        const disabled = command === 'disable-leader'
        await auth.setDisabled(email(), disabled)
        await operator.confirmLeader(email(), disabled ? { disabled, signedOut: true } : { disabled })
        io.out(disabled ? `${email()} is disabled and signed out everywhere.` : `${email()} may sign in again.`)
        break
      }
      case 'create-survey': {
        const { school: schoolRef, k, expectedStaff, ...dates } = survey!
        const created = await surveys.createSurvey(
          await operator.resolveSchool(schoolRef),
          {
            title: dates.title,
            opensAt: dates.opensAt,
            closesAt: dates.closesAt,
            accessMode: v.codes ? 'codes' : 'link',
            releaseMode: v.live ? 'live' : 'at_close',
            ...(k === undefined ? {} : { k }),
            ...(expectedStaff === undefined ? {} : { expectedStaff }),
          },
          v.open ? 'open' : 'draft',
        )
        await operator.confirmSurvey(created.id, created.title, v.open ? 'open' : 'draft')
        io.out(`Created survey ${created.id} (${created.status}), open from the start of ${formatDay(created.opensOn)} until the end of ${formatDay(created.closesOn)} (${created.timeZone}). Staff link: ${created.link}`)
        break
      }
      case 'set-school-context': {
        const schoolId = await operator.resolveSchool(required(v, 'school'))
        const stored = await organisations.updateSchoolContext(schoolId, context!)
        await operator.confirmSchoolContext(schoolId, context!)
        const shown = (value: string | null) => value ?? '(not set)'
        io.out(`School ${schoolId}: phase ${shown(stored.phase)}, staff band ${shown(stored.staffBand)}, nation ${shown(stored.nation)}, ${stored.inTrust ? 'in a trust' : 'not in a trust'}.`)
        break
      }
      case 'set-trust-norms': {
        const trustId = await operator.resolveTrust(required(v, 'trust'))
        await norms.setTrustOptOut(trustId, !contribute)
        await operator.confirmTrustNorms(trustId, !contribute!)
        io.out(contribute ? `Trust ${trustId}'s schools count in norms; the norms are computed again.` : `Trust ${trustId}'s schools no longer count in other schools' norms (they still see norms); the norms are computed again.`)
        break
      }
      case 'refresh-norms': {
        for (const id of Object.keys(instruments)) {
          const { rows, groups } = await norms.refresh(id)
          io.out(`${id}: ${groups} norm group${groups === 1 ? '' : 's'} shown, ${rows} norm row${rows === 1 ? '' : 's'} (scales, and for dl-v2 the placement's measures and pattern shares).`)
        }
        break
      }
      case 'reset-password': {
        const link = await auth.createPasswordLink(email(), 'reset', config.publicUrl, { revokePassword: true })
        await operator.confirmLeader(email(), { linkToken: tokenOf(link), hasPassword: false, signedOut: true })
        io.out(`${email()}'s password no longer works and they are signed out everywhere. Link to set a new password (valid 7 days, works once):\n${link}`)
        break
      }
      case 'create-codes': {
        const { surveyId, count } = codes!
        const before = await operator.countAccessCodes(surveyId)
        const created = await surveys.createAccessCodes(surveyId, count)
        if ((await operator.countAccessCodes(surveyId)) - before !== created.length) throw new NotStoredError(`the ${count} codes for survey ${surveyId} were not found in the database after creating them`)
        io.out(`${created.length} single-use codes for survey ${surveyId} (shown once, stored only as hashes):\n${created.join('\n')}`)
        break
      }
      case 'list-trusts': {
        const trusts = await operator.listTrusts()
        io.out(trusts.length === 0 ? 'No trusts yet. Create one with: npm run cli -- create-trust --name "…"' : table(
          ['id', 'name', 'schools', 'leaders', 'demo'],
          trusts.map((t) => [String(t.id), t.name, String(t.schools), String(t.leaders), t.isDemo ? 'demo' : '']),
        ))
        break
      }
      case 'list-schools': {
        const schools = await operator.listSchools({ trustId: await optionalRef('trust') })
        io.out(schools.length === 0 ? 'No schools.' : table(
          ['id', 'name', 'trust', 'surveys'],
          schools.map((s) => [String(s.id), s.name, s.trustId === null ? '(none)' : `${s.trustId}: ${s.trustName}`, String(s.surveys)]),
        ))
        break
      }
      case 'list-leaders': {
        const leaders = await operator.listLeaders({ trustId: await optionalRef('trust'), schoolId: await optionalRef('school') })
        io.out(leaders.length === 0 ? 'No leaders.' : table(
          ['id', 'email', 'name', 'account', 'roles'],
          leaders.map((l) => [
            String(l.id), l.email, l.displayName, l.state,
            l.roles.map((r) => `${roleNames[r.role]} of ${r.scopeId}: ${r.scopeName}`).join('; ') || '(none)',
          ]),
        ))
        break
      }
      case 'list-surveys': {
        const list = await operator.listSurveys({ trustId: await optionalRef('trust'), schoolId: await optionalRef('school') })
        const now = new Date()
        io.out(list.length === 0 ? 'No surveys.' : table(
          ['id', 'school', 'title', 'status', 'first day', 'last day', 'time zone', 'access', 'results'],
          list.map((s) => [
            String(s.id), `${s.schoolId}: ${s.schoolName}`, s.title, surveyPhase(s, now), dayIn(s.timeZone, s.opensAt), lastOpenDay(s.closesAt, s.timeZone), s.timeZone,
            s.accessMode === 'codes' ? 'codes' : 'link', s.releaseMode === 'live' ? 'live' : 'at close',
          ]),
        ))
        break
      }
    }
    return 0
  } finally {
    await db.destroy()
  }
}

if (import.meta.main) process.exitCode = await runCli(process.argv.slice(2))
