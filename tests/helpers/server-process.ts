import { spawn } from 'node:child_process'
import { resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')

/** The server as a real process: its address, its output so far, and SIGTERM (resolves to its exit code). */
export interface ServerProcess { base: string; pid: number; output: () => string; stop: () => Promise<number | null> }

/**
 * Starts `server/main.ts` as `npm start` would, on 127.0.0.1:`port` without a client, in `env`
 * (which says its database), and waits until it answers /api/health and, with `announces`, has
 * printed that. Throws with its output if it exits or is not up within `timeoutMs`.
 */
export async function startServerProcess(
  env: NodeJS.ProcessEnv,
  port: number,
  { announces, timeoutMs = 60_000 }: { announces?: RegExp; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['server/main.ts'], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', CLIENT_DIR: 'no-client' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + timeoutMs
  while (!(await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) || (announces && !announces.test(output))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the server did not start:\n${output}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    base,
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM')
      return exited
    },
  }
}
