import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { freePort } from './free-port.ts'

// A throwaway PgBouncer of the test's own in front of a Postgres server, in transaction pooling
// mode: each transaction (or statement outside one) gets whichever server connection is free, so
// nothing a session sets (SET, advisory locks, named prepared statements) may outlive it.
// Debian's package (`apt-get install pgbouncer`; .ci/run installs it).

const BINARY = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => existsSync(p))

export interface PrivatePgBouncer {
  port: number
  url(database: string): string
  /** Closes every server connection, so the next ones open afresh (PgBouncer's RECONNECT). */
  reconnect(): Promise<void>
  /** Server connections it has open now, per database. */
  serverConnections(): Promise<number>
  destroy(): void
}

export async function startPrivatePgBouncer({ postgresPort, poolSize = 3 }: { postgresPort: number; poolSize?: number }): Promise<PrivatePgBouncer> {
  if (!BINARY) throw new Error('no pgbouncer binary (apt-get install pgbouncer)')
  const dir = mkdtempSync(join(tmpdir(), 'continuum-pgbouncer-'))
  chmodSync(dir, 0o777)
  const port = await freePort()
  writeFileSync(join(dir, 'users.txt'), '"postgres" ""\n')
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=127.0.0.1 port=${postgresPort}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'users.txt')}`,
      'admin_users = postgres',
      'pool_mode = transaction',
      `default_pool_size = ${poolSize}`,
      'max_client_conn = 200',
      `logfile = ${join(dir, 'log')}`,
      `pidfile = ${join(dir, 'pid')}`,
    ].join('\n'),
  )
  // PgBouncer refuses to run as root
  const asRoot = process.getuid?.() === 0
  execFileSync(asRoot ? 'runuser' : BINARY, [...(asRoot ? ['-u', 'postgres', '--', BINARY] : []), '-d', join(dir, 'pgbouncer.ini')], { stdio: 'pipe' })
  const admin = async <T>(command: string, read: (rows: Record<string, unknown>[]) => T) => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'pgbouncer' })
    await client.connect()
    try {
      return read((await client.query(command)).rows)
    } finally {
      await client.end()
    }
  }
  const bouncer: PrivatePgBouncer = {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    reconnect: () => admin('RECONNECT', () => undefined),
    serverConnections: () => admin('SHOW SERVERS', (rows) => rows.length),
    destroy() {
      const pidFile = join(dir, 'pid')
      if (existsSync(pidFile)) {
        try {
          process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGTERM')
        } catch {
          // already gone
        }
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
  // it forks into the background: wait until it answers
  for (let tries = 0; ; tries++) {
    try {
      await bouncer.serverConnections()
      return bouncer
    } catch (err) {
      if (tries > 50) throw err
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}
