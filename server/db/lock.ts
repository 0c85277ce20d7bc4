import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

// The embedded PGlite is one process's database: two processes that open the same DATA_DIR each
// keep their own copy in memory and overwrite each other's files, so what one of them writes is
// silently lost. Whoever opens it (the server or a CLI command) therefore holds a lock file in
// DATA_DIR naming its pid; a second opener is refused while that process lives. A lock left by a
// process that died (killed, crashed) is taken over.

export const LOCK_FILE = 'continuum.lock'

interface LockHolder { pid: number; owner: string; since: string }

export class DatabaseLockedError extends Error {
  readonly holder: LockHolder
  readonly lockPath: string
  constructor(lockPath: string, holder: LockHolder) {
    super(`the embedded database in ${join(lockPath, '..')} is in use by ${holder.owner} (pid ${holder.pid}, since ${holder.since})`)
    this.lockPath = lockPath
    this.holder = holder
  }
}

/** Lock files this process holds, so that it refuses to open the same folder twice as well. */
const held = new Set<string>()

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
    if (typeof parsed === 'object' && parsed !== null && 'pid' in parsed && Number.isInteger(parsed.pid)) {
      const p = parsed as Partial<LockHolder>
      return { pid: p.pid!, owner: String(p.owner ?? 'another process'), since: String(p.since ?? 'unknown') }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
  }
  // Unreadable or not ours: treated as held by nobody, so it is taken over.
  return { pid: 0, owner: 'nobody', since: 'unknown' }
}

/**
 * Takes DATA_DIR's lock for this process, or throws DatabaseLockedError naming the live holder.
 * Returns the release function (idempotent); the lock is also released when the process exits.
 */
export function acquireDataDirLock(dataDir: string, owner: string): () => void {
  const path = join(dataDir, LOCK_FILE)
  const mine: LockHolder = { pid: process.pid, owner, since: new Date().toISOString() }
  const content = JSON.stringify(mine)
  for (let attempt = 0; attempt < 5; attempt++) {
    // Written whole to a private file, then linked into place: link() fails if the lock exists,
    // so exactly one opener wins and nobody ever reads a half-written lock.
    const draft = `${path}.${process.pid}.${attempt}.tmp`
    writeFileSync(draft, content)
    try {
      linkSync(draft, path)
      held.add(path)
      const release = () => {
        if (!held.delete(path)) return
        process.off('exit', release)
        if (readHolder(path)?.pid === process.pid) unlinkSync(path)
      }
      process.on('exit', release)
      return release
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    } finally {
      unlinkSync(draft)
    }
    const holder = readHolder(path)
    if (holder === undefined) continue // released meanwhile: try again
    // Our own pid in a lock we do not hold is a previous life of this pid (a restarted container).
    const live = held.has(path) || (holder.pid !== process.pid && holder.pid > 0 && alive(holder.pid))
    if (live) throw new DatabaseLockedError(path, holder)
    // Stale: move it aside, and make sure what we moved is the stale lock we judged, not a
    // fresh one that another opener put in place a moment ago (then put that one back).
    const aside = `${path}.${process.pid}.stale`
    try {
      renameSync(path, aside)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw err
    }
    const moved = readHolder(aside)
    if (moved && (moved.pid !== holder.pid || moved.since !== holder.since)) {
      try {
        linkSync(aside, path)
      } catch { /* someone else holds it now; either way it is not ours */ }
      unlinkSync(aside)
      throw new DatabaseLockedError(path, moved)
    }
    unlinkSync(aside)
  }
  throw new Error(`could not take the lock ${path}; another process keeps changing it`)
}
