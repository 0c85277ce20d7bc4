import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { freePort } from './free-port.ts'

// A throwaway Postgres server of the test's own (initdb into a temporary folder, its own port),
// for tests that stop and start the database or restore dumps: the machine's shared service is
// never touched. `standbyOf` makes it a streaming standby of another such server instead
// (pg_basebackup -R: a hot standby that replays the primary's WAL and answers read-only queries).

function binDir(): string {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : []
  const dir = versions.map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => existsSync(join(d, 'initdb')))
  if (!dir) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)')
  return dir
}

/** Runs a Postgres tool; as root, as the postgres user (initdb and postgres refuse to run as root). */
function run(tool: string, args: string[]): string {
  const bin = join(binDir(), tool)
  const asRoot = process.getuid?.() === 0
  return execFileSync(asRoot ? 'runuser' : bin, asRoot ? ['-u', 'postgres', '--', bin, ...args] : args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

/** Runs a Postgres client tool (pg_dump, pg_restore) from the same installation. */
export function runClientTool(tool: string, args: string[]): string {
  return execFileSync(join(binDir(), tool), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

export interface PrivatePostgres {
  port: number
  /** The temporary folder (data directory, socket, log). */
  dir: string
  /** A URL for a database of this server (created on first use). */
  url(database?: string): Promise<string>
  start(): void
  stop(mode?: 'fast' | 'immediate'): void
  destroy(): void
}

export async function startPrivatePostgres({ standbyOf }: { standbyOf?: PrivatePostgres } = {}): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'continuum-pg-'))
  chmodSync(dir, 0o777)
  const data = join(dir, 'data')
  const port = await freePort()
  if (standbyOf) run('pg_basebackup', ['-D', data, '-R', '-X', 'stream', '--checkpoint=fast', '-h', '127.0.0.1', '-p', String(standbyOf.port), '-U', 'postgres', '--no-sync'])
  else run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'])
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`
  const instance: PrivatePostgres = {
    port,
    dir,
    async url(database = 'continuum') {
      const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' })
      await admin.connect()
      try {
        const exists = await admin.query('select 1 from pg_database where datname = $1', [database])
        if (exists.rowCount === 0) await admin.query(`create database "${database.replace(/"/g, '')}"`)
      } finally {
        await admin.end()
      }
      return `postgres://postgres@127.0.0.1:${port}/${database}`
    },
    start() {
      run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
    },
    stop(mode = 'fast') {
      run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop'])
    },
    destroy() {
      try {
        instance.stop('immediate')
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
  instance.start()
  return instance
}
