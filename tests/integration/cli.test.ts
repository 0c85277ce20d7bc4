import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ConflictError } from '../../server/errors.ts'
import { createOrganisationService } from '../../server/modules/organisations/organisations.service.ts'
import { runCli } from '../../server/cli.ts'
import { acquireDataDirLock, DatabaseLockedError, LOCK_FILE } from '../../server/db/lock.ts'
import { CurrentLeaderSchema } from '../../shared/schemas/auth.ts'
import { freePort } from '../helpers/free-port.ts'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts'
import { resetDb, testDatabases } from '../helpers/test-db.ts'
import { useApp } from '../helpers/app.ts'

// The operator CLI against the embedded database (the server and each command as real processes,
// sharing one DATA_DIR) and against Postgres beside a running server (in-process).

const root = fileURLToPath(new URL('../..', import.meta.url))
/** Every command is a process that starts PGlite: generous on a busy 2-core machine. */
const SLOW = 300_000
const NEW_PASSWORD = 'a brand new password'

interface Ran { code: number | null; stdout: string; stderr: string }

/** The environment of a spawned process: the embedded database in dataDir, never a DATABASE_URL. */
function embeddedEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, ...extra }
  delete env.DATABASE_URL
  return env
}

function spawnCli(args: string[], env: NodeJS.ProcessEnv): Promise<Ran> {
  const child = spawn(process.execPath, ['server/cli.ts', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })))
}

/** Starts the server on the embedded database; `announces` is output to wait for once it listens. */
const startServer = (dataDir: string, port: number, announces?: RegExp) =>
  // A first start migrates and seeds the demo: minutes when the machine is busy.
  startServerProcess(embeddedEnv(dataDir, { DEMO: 'true' }), port, { announces, timeoutMs: SLOW - 30_000 })

const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!
const post = (base: string, path: string, body: unknown) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const signIn = (base: string, email: string, password: string) => post(base, '/api/auth/login', { email, password })
const me = (base: string, cookie: string) => fetch(`${base}/api/auth/me`, { headers: { cookie } })
const tokenOf = (output: string) => /set-password#([\w-]+)/.exec(output)?.[1] ?? ''

describe('the data folder lock', () => {
  let dir: string
  beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'continuum-lock-'))))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('is held by one opener at a time, released once, and taken over from a process that died', () => {
    const release = acquireDataDirLock(dir, 'the first opener')
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, owner: 'the first opener' })
    expect(() => acquireDataDirLock(dir, 'a second opener')).toThrow(DatabaseLockedError)
    expect(() => acquireDataDirLock(dir, 'a second opener')).toThrow(/in use by the first opener \(pid \d+/)
    release()
    release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)

    const dead = spawnSync(process.execPath, ['-e', '']).pid!
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: dead, owner: 'a server that was killed', since: '2026-01-01T00:00:00Z' }))
    const again = acquireDataDirLock(dir, 'the next opener')
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, owner: 'the next opener' })
    again()
  })
})

describe('the CLI on the embedded database, with the server running and stopped', () => {
  let dataDir: string
  let server: ServerProcess
  let demoPasswords: Map<string, string>
  let headSession: string
  let port = 0
  const env = () => embeddedEnv(dataDir, { PUBLIC_URL: `http://127.0.0.1:${port}` })
  const run = (...args: string[]) => spawnCli(args, env())

  const today = new Date().toISOString().slice(0, 10)
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10)
  /** One valid invocation of every command (the demo trust is trust 1, its schools 1 to 4). */
  const everyCommand = [
    ['migrate'],
    ['create-trust', '--name', 'Riverside Partnership'],
    ['create-school', '--name', 'Ashgrove Primary', '--trust', '1'],
    ['create-leader', '--email', 'new@ashgrove.example', '--name', 'New Head', '--school', '1'],
    ['grant-role', '--email', 'head@ashgrove.demo', '--school', '2'],
    ['invite-leader', '--email', 'head@ashgrove.demo'],
    ['disable-leader', '--email', 'head@ashgrove.demo'],
    ['enable-leader', '--email', 'head@ashgrove.demo'],
    ['create-survey', '--school', '1', '--title', 'Spring 2027', '--opens', today, '--closes', inTwoWeeks],
    ['reset-password', '--email', 'ceo@riverside.demo'],
    ['create-codes', '--survey', '1', '--count', '3'],
    ['list-trusts'],
    ['list-schools'],
    ['list-leaders'],
    ['list-surveys'],
  ]

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'continuum-cli-'))
    port = await freePort()
    server = await startServer(dataDir, port, /passwords are shown once/)
    demoPasswords = new Map([...server.output().matchAll(/^ +(\S+@\S+\.demo) +(\S+) +\(/gm)].map((m) => [m[1]!, m[2]!]))
  }, SLOW)
  afterAll(async () => {
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }, SLOW)

  it('refuses every command while the server runs, says to stop the server first, and changes nothing', async () => {
    expect(demoPasswords.size).toBe(5)
    const signedIn = await signIn(server.base, 'head@ashgrove.demo', demoPasswords.get('head@ashgrove.demo')!)
    expect(signedIn.status).toBe(200)
    headSession = cookieOf(signedIn)

    const results = await Promise.all(everyCommand.map((args) => run(...args)))
    for (const [i, result] of results.entries()) {
      expect(result, everyCommand[i]!.join(' ')).toMatchObject({ code: 1, stdout: '' })
      expect(result.stderr).toMatch(/in use by the Continuum server \(npm start\) \(pid \d+.*Nothing was done/)
      expect(result.stderr).toMatch(/Stop the server first/)
    }
    // The server still has the database, and the refused commands changed nothing in it.
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: server.pid })
    expect((await me(server.base, headSession)).status).toBe(200)
    expect((await signIn(server.base, 'ceo@riverside.demo', demoPasswords.get('ceo@riverside.demo')!)).status).toBe(200)
  }, SLOW)

  it('with the server stopped, does what it prints, and the restarted server has all of it (the README walkthrough beside the demo)', async () => {
    expect(await server.stop()).toBe(0)
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false)
    // As if the server had been killed: its lock names a process that no longer exists.
    const dead = spawnSync(process.execPath, ['-e', '']).pid!
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: dead, owner: 'the Continuum server (npm start)', since: '2026-01-01T00:00:00Z' }))

    const ok = async (...args: string[]) => {
      const result = await run(...args)
      expect(result, args.join(' ')).toMatchObject({ code: 0, stderr: '' })
      return result.stdout
    }
    // ids follow the demo's own trusts, schools and leaders (its norms reference set among them): read them from what the CLI prints
    const trustId = Number(/^Created trust (\d+): Riverside Partnership\n$/.exec(await ok('create-trust', '--name', 'Riverside Partnership'))?.[1])
    expect(trustId).toBeGreaterThan(1)
    const schoolId = Number(/^Created school (\d+): Ashgrove Primary \(trust (\d+), time zone Europe\/London\)\n$/.exec(await ok('create-school', '--name', 'Ashgrove Primary', '--trust', 'Riverside Partnership'))?.[1])
    expect(schoolId).toBeGreaterThan(4)
    const headInvite = await ok('create-leader', '--email', 'head@ashgrove.example', '--name', 'Sam Head', '--school', 'Ashgrove Primary')
    expect(headInvite).toMatch(new RegExp(`^Created leader \\d+: head@ashgrove\\.example, school leader of school ${schoolId}\\n`))
    const ceoInvite = await ok('create-leader', '--email', 'ceo@riverside.example', '--name', 'Alex Chief', '--trust', 'riverside partnership')
    expect(await ok('grant-role', '--email', 'ceo@riverside.example', '--school', 'Ashgrove Primary')).toBe(`ceo@riverside.example is now a school leader of school ${schoolId}.\n`)
    const headReinvite = await ok('invite-leader', '--email', 'head@ashgrove.example')
    const survey = await ok('create-survey', '--school', 'Ashgrove Primary', '--title', 'Autumn 2026', '--opens', today, '--closes', inTwoWeeks, '--codes', '--open')
    const [, surveyId, staffToken] = /^Created survey (\d+) \(open\), open from .+\. Staff link: \S+\/s\/([\w-]+)\n$/.exec(survey) ?? []
    const codes = (await ok('create-codes', '--survey', surveyId!, '--count', '3')).trim().split('\n').slice(1)
    expect(codes).toHaveLength(3)
    expect(await ok('disable-leader', '--email', 'head@ashgrove.demo')).toBe('head@ashgrove.demo is disabled and signed out everywhere.\n')
    await ok('disable-leader', '--email', 'head@brookfield.demo')
    expect(await ok('enable-leader', '--email', 'head@brookfield.demo')).toBe('head@brookfield.demo may sign in again.\n')
    const reset = await ok('reset-password', '--email', 'ceo@riverside.demo')
    expect(reset).toMatch(/^ceo@riverside\.demo's password no longer works and they are signed out everywhere\./)
    expect(await ok('migrate')).toBe('The database is up to date.\n')

    const trusts = await ok('list-trusts')
    expect(trusts).toMatch(/^id +name +schools +leaders +demo\n/)
    expect(trusts).toMatch(/\n1 +Riverside Learning Partnership \(demo\) +4 +5 +demo\n/)
    expect(trusts).toMatch(new RegExp(`\\n${trustId} +Riverside Partnership +1 +2\\n$`))
    const schools = await ok('list-schools', '--trust', 'Riverside Partnership')
    expect(schools.trim().split('\n').slice(2)).toEqual([expect.stringMatching(new RegExp(`^${schoolId} +Ashgrove Primary +${trustId}: Riverside Partnership +1$`))])
    const leaders = await ok('list-leaders', '--school', 'Ashgrove Primary')
    expect(leaders.trim().split('\n').slice(2)).toEqual([
      expect.stringMatching(new RegExp(`^\\d+ +head@ashgrove\\.example +Sam Head +invited +school leader of ${schoolId}: Ashgrove Primary$`)),
      expect.stringMatching(new RegExp(`^\\d+ +ceo@riverside\\.example +Alex Chief +invited +trust leader of ${trustId}: Riverside Partnership; school leader of ${schoolId}: Ashgrove Primary$`)),
    ])
    const surveys = await ok('list-surveys', '--school', String(schoolId))
    expect(surveys.trim().split('\n').slice(2)).toEqual([expect.stringMatching(new RegExp(`^${surveyId} +${schoolId}: Ashgrove Primary +Autumn 2026 +open +${today} +${inTwoWeeks} +Europe/London +codes +at close$`))])
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false)

    server = await startServer(dataDir, port)
    const { base } = server
    // Disabled: the old session ends and sign-in is refused; re-enabled: signs in again.
    expect((await me(base, headSession)).status).toBe(401)
    expect((await signIn(base, 'head@ashgrove.demo', demoPasswords.get('head@ashgrove.demo')!)).status).toBe(401)
    expect((await signIn(base, 'head@brookfield.demo', demoPasswords.get('head@brookfield.demo')!)).status).toBe(200)
    // Reset: the old password no longer works; the printed link sets a new one.
    expect((await signIn(base, 'ceo@riverside.demo', demoPasswords.get('ceo@riverside.demo')!)).status).toBe(401)
    expect((await post(base, '/api/auth/password-links', { token: tokenOf(reset), newPassword: NEW_PASSWORD })).status).toBe(200)
    // The latest invitation link works (invite-leader replaced the first); the new leaders lead what the CLI said.
    expect((await post(base, '/api/auth/password-links', { token: tokenOf(headInvite), newPassword: NEW_PASSWORD })).status).toBe(404)
    const head = await post(base, '/api/auth/password-links', { token: tokenOf(headReinvite), newPassword: NEW_PASSWORD })
    expect(head.status).toBe(200)
    expect(CurrentLeaderSchema.parse(await head.json()).memberships).toEqual([{ role: 'school_leader', scopeId: schoolId, scopeName: 'Ashgrove Primary' }])
    const ceo = await post(base, '/api/auth/password-links', { token: tokenOf(ceoInvite), newPassword: NEW_PASSWORD })
    expect(CurrentLeaderSchema.parse(await ceo.json()).memberships).toEqual([
      { role: 'trust_leader', scopeId: trustId, scopeName: 'Riverside Partnership' },
      { role: 'school_leader', scopeId: schoolId, scopeName: 'Ashgrove Primary' },
    ])
    // The survey is open and its printed codes are accepted.
    expect((await fetch(`${base}/api/forms/${staffToken}`)).status).toBe(200)
    expect((await post(base, `/api/forms/${staffToken}/code-checks`, { accessCode: codes[0] })).status).toBe(200)
  }, SLOW)
})

describe.each(testDatabases().filter((kind) => kind === 'postgres'))('the CLI beside a running server on %s', () => {
  const t = useApp('postgres', {}, { suffix: 'cli' })
  let databaseUrl: string

  /** The CLI in this process, on its own connection to the server's database. */
  const cli = async (...args: string[]): Promise<Ran> => {
    let stdout = ''
    let stderr = ''
    const code = await runCli(args, {
      env: { DATABASE_URL: databaseUrl, PUBLIC_URL: 'http://127.0.0.1:3000' },
      out: (text) => (stdout += `${text}\n`),
      err: (text) => (stderr += `${text}\n`),
    })
    return { code, stdout, stderr }
  }
  const inject = (method: 'GET' | 'POST', url: string, payload?: object, cookie?: string) =>
    t.app.inject({ method, url, ...(payload ? { payload } : {}), ...(cookie ? { headers: { cookie } } : {}) })
  const login = (email: string, password: string) => inject('POST', '/api/auth/login', { email, password })
  const sessionOf = (res: { headers: Record<string, unknown> }) => String([res.headers['set-cookie']].flat()[0] ?? '').split(';')[0]!
  const count = async (table: 'trusts' | 'schools' | 'leaders' | 'memberships') =>
    (await t.db.selectFrom(table).select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')).executeTakeFirstOrThrow()).n

  beforeAll(async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!)
    url.pathname = `${url.pathname}_cli`
    databaseUrl = url.toString()
  })
  beforeEach(() => resetDb(t.db))

  it('reset-password and disable-leader take effect in the running server at once', async () => {
    expect((await cli('create-trust', '--name', 'Riverside Partnership')).code).toBe(0)
    const invite = await cli('create-leader', '--email', 'ceo@riverside.example', '--name', 'Alex Chief', '--trust', 'Riverside Partnership')
    expect(invite.code).toBe(0)
    expect((await inject('POST', '/api/auth/password-links', { token: tokenOf(invite.stdout), newPassword: 'the first password' })).statusCode).toBe(200)
    const session = sessionOf(await login('ceo@riverside.example', 'the first password'))
    expect((await inject('GET', '/api/auth/me', undefined, session)).statusCode).toBe(200)

    const reset = await cli('reset-password', '--email', 'ceo@riverside.example')
    expect(reset).toMatchObject({ code: 0, stderr: '' })
    expect((await inject('GET', '/api/auth/me', undefined, session)).statusCode).toBe(401)
    expect((await login('ceo@riverside.example', 'the first password')).statusCode).toBe(401)
    expect((await inject('POST', '/api/auth/password-links', { token: tokenOf(reset.stdout), newPassword: NEW_PASSWORD })).statusCode).toBe(200)

    const again = sessionOf(await login('ceo@riverside.example', NEW_PASSWORD))
    expect(await cli('disable-leader', '--email', 'ceo@riverside.example')).toMatchObject({ code: 0, stdout: 'ceo@riverside.example is disabled and signed out everywhere.\n' })
    expect((await inject('GET', '/api/auth/me', undefined, again)).statusCode).toBe(401)
    expect((await login('ceo@riverside.example', NEW_PASSWORD)).statusCode).toBe(401)
    expect((await cli('enable-leader', '--email', 'ceo@riverside.example')).code).toBe(0)
    expect((await login('ceo@riverside.example', NEW_PASSWORD)).statusCode).toBe(200)

  }, 120_000)

  it('takes a trust or school by id or exact name, refuses an ambiguous name (2) and an unknown one (1), writing nothing', async () => {
    await Promise.all([cli('create-trust', '--name', 'Twin Trust'), cli('create-trust', '--name', 'Twin Trust'), cli('create-trust', '--name', 'Solo Trust')])
    const ambiguous = await cli('create-school', '--name', 'Ashgrove Primary', '--trust', 'twin trust')
    expect(ambiguous).toMatchObject({ code: 2, stdout: '' })
    expect(ambiguous.stderr).toMatch(/2 trusts are named "twin trust" \(ids \d+, \d+\); give the id instead/)
    expect(await cli('create-school', '--name', 'Ashgrove Primary', '--trust', 'No Such Trust')).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/There is no trust named "No Such Trust"/) })
    expect(await cli('create-school', '--name', 'Ashgrove Primary', '--trust', '99')).toMatchObject({ code: 1, stderr: expect.stringMatching(/There is no trust 99/) })
    expect(await count('schools')).toBe(0)

    const solo = await cli('create-school', '--name', 'Ashgrove Primary', '--trust', ' SOLO TRUST ')
    expect(solo.stdout).toMatch(/^Created school 1: Ashgrove Primary \(trust \d+, time zone Europe\/London\)\n$/)
    expect((await cli('create-leader', '--email', 'head@ashgrove.example', '--name', 'Sam Head', '--school', 'ashgrove primary')).code).toBe(0)
    expect((await cli('list-leaders', '--trust', 'Solo Trust')).stdout).toMatch(/\n1 +head@ashgrove\.example +Sam Head +invited +school leader of 1: Ashgrove Primary\n$/)

  }, 120_000)

  it('lists trusts, schools, leaders and surveys as tables, filtered by trust or school', async () => {
    await cli('create-trust', '--name', 'North Trust')
    await cli('create-trust', '--name', 'South Trust')
    await cli('create-school', '--name', 'North School', '--trust', 'North Trust')
    await cli('create-school', '--name', 'Lone School')
    await cli('create-leader', '--email', 'north@example.org', '--name', 'North Head', '--school', 'North School')
    await cli('create-leader', '--email', 'south@example.org', '--name', 'South Chief', '--trust', 'South Trust')
    await cli('create-survey', '--school', 'North School', '--title', 'Autumn 2026', '--opens', '2026-09-01T08:30:00Z', '--closes', '2026-09-15')
    await cli('disable-leader', '--email', 'south@example.org')
    const [trusts, schools, northSchools, leaders, southLeaders, surveys, southSurveys] = await Promise.all([
      cli('list-trusts'), cli('list-schools'), cli('list-schools', '--trust', 'north trust'), cli('list-leaders'),
      cli('list-leaders', '--trust', 'South Trust'), cli('list-surveys', '--trust', 'North Trust'), cli('list-surveys', '--school', 'Lone School'),
    ])
    const rows = (r: Ran) => r.stdout.trimEnd().split('\n')
    expect(rows(trusts)).toEqual(['id  name         schools  leaders  demo', '--  -----------  -------  -------  ----', '1   North Trust  1        1', '2   South Trust  0        1'])
    expect(rows(schools).slice(2).map((r) => r.replace(/ +/g, ' '))).toEqual(['1 North School 1: North Trust 1', '2 Lone School (none) 0'])
    expect(rows(northSchools)).toHaveLength(3)
    expect(rows(leaders).slice(2).map((r) => r.replace(/ +/g, ' '))).toEqual([
      '1 north@example.org North Head invited school leader of 1: North School',
      '2 south@example.org South Chief disabled trust leader of 2: South Trust',
    ])
    expect(rows(southLeaders)).toHaveLength(3)
    expect(rows(surveys).slice(2).map((r) => r.replace(/ +/g, ' '))).toEqual(['1 1: North School Autumn 2026 draft 2026-09-01 2026-09-15 Europe/London link at close'])
    expect(southSurveys.stdout).toBe('No surveys.\n')

  }, 120_000)

  it("sets a school's context, clears a field with none, and refuses a value off the list or no field at all, writing nothing", async () => {
    await cli('create-trust', '--name', 'North Trust')
    await cli('create-school', '--name', 'North School', '--trust', 'North Trust')
    const set = await cli('set-school-context', '--school', 'North School', '--phase', 'primary', '--staff-band', '20_to_49', '--nation', 'wales')
    expect(set).toMatchObject({ code: 0, stdout: 'School 1: phase primary, staff band 20_to_49, nation wales, in a trust.\n' })
    expect((await cli('set-school-context', '--school', '1', '--nation', 'none')).stdout).toBe('School 1: phase primary, staff band 20_to_49, nation (not set), in a trust.\n')
    for (const args of [['--school', '1'], ['--school', '1', '--phase', 'college'], ['--school', '1', '--staff-band', '30']]) {
      expect(await cli('set-school-context', ...args)).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^error: /) })
    }
    expect(await cli('set-school-context', '--school', '99', '--phase', 'primary')).toMatchObject({ code: 1, stdout: '' })
    const row = await t.db.selectFrom('schools').select(['phase', 'staff_band', 'nation']).executeTakeFirstOrThrow()
    expect(row).toEqual({ phase: 'primary', staff_band: '20_to_49', nation: null })

    // A trust's schools leave other schools' norms, and come back; wrong usage changes nothing.
    expect(await cli('set-trust-norms', '--trust', 'North Trust', '--contribute', 'no')).toMatchObject({ code: 0, stdout: expect.stringMatching(/no longer count in other schools' norms/) })
    expect(await cli('set-trust-norms', '--trust', 'North Trust', '--contribute', 'maybe')).toMatchObject({ code: 2, stdout: '' })
    expect((await t.db.selectFrom('trusts').select('norms_opt_out').executeTakeFirstOrThrow()).norms_opt_out).toBe(true)
    expect(await cli('refresh-norms')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^dl-v1: 0 norm groups shown, 0 norm rows \(/) })
  }, 120_000)

  it('exits 2 for wrong usage and 1 for a failure, printing no success and writing nothing', async () => {
    await cli('create-trust', '--name', 'Riverside Partnership')
    await cli('create-leader', '--email', 'ceo@riverside.example', '--name', 'Alex Chief', '--trust', '1')
    const before = await Promise.all([count('trusts'), count('schools'), count('leaders'), count('memberships')])
    const usage = await Promise.all([
      cli('no-such-command'), cli('create-trust'), cli('create-trust', '--name', 'x'), cli('create-school', '--name', 'School', '--bogus'),
      cli('create-leader', '--email', 'a@b.org', '--name', 'Both', '--school', '1', '--trust', '1'), cli('create-codes', '--survey', 'one', '--count', '3'),
      cli('create-survey', '--school', '1', '--title', 'T', '--opens', 'soon', '--closes', '2026-12-01'), cli('list-leaders', '--school', '1', '--trust', '1'),
      cli('grant-role', '--email', 'not an email', '--trust', '1'),
    ])
    for (const result of usage) expect(result).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^error: /) })
    const failures = await Promise.all([
      cli('create-leader', '--email', 'ceo@riverside.example', '--name', 'Again', '--trust', '1'),
      cli('disable-leader', '--email', 'nobody@example.org'),
      cli('reset-password', '--email', 'nobody@example.org'),
      cli('grant-role', '--email', 'nobody@example.org', '--trust', '1'),
      cli('create-codes', '--survey', '42', '--count', '3'),
      cli('create-survey', '--school', '7', '--title', 'Autumn', '--opens', '2026-11-23', '--closes', '2026-12-07'),
    ])
    for (const result of failures) expect(result).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^error: /) })
    expect(await Promise.all([count('trusts'), count('schools'), count('leaders'), count('memberships')])).toEqual(before)

    // Operators creating the same leader at once (ten requests that all find the email free before
    // any inserts): one succeeds, the others are told the email is taken, never a crash on the key.
    const organisations = createOrganisationService({ db: t.db })
    const raced = await Promise.allSettled(Array.from({ length: 10 }, (_, n) => organisations.createLeader({ email: 'twin@riverside.example', displayName: `Twin ${n}` })))
    expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const lost of raced.filter((r) => r.status === 'rejected')) {
      expect(lost.reason).toBeInstanceOf(ConflictError)
      expect(lost.reason).toMatchObject({ status: 409, message: 'A leader with the email twin@riverside.example already exists.' })
    }
    expect(await count('leaders')).toBe(before[2]! + 1)
  }, 120_000)
})
