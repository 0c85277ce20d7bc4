import { buildApp } from './app.ts'
import { loadConfig } from './config.ts'
import { connect } from './db/connect.ts'
import { DatabaseLockedError } from './db/lock.ts'
import { migrateToLatest } from './db/migrate.ts'
import { seedDemoIfEmpty } from './demo.ts'
import { instruments } from '../shared/instrument/versions.ts'
import { ensureInstrumentVersions } from './modules/surveys/surveys.repository.ts'

const config = loadConfig()
if (config.databaseUrl) {
  // On its own connection, so that the app's connections all open after the database has its
  // settings (a statement time limit, work_mem: server/db/migrate.ts), which new connections take.
  const migrating = await connect({ databaseUrl: config.databaseUrl, poolSize: 1 })
  try {
    await migrateToLatest(migrating)
  } finally {
    await migrating.destroy()
  }
}
let onPoolError: (err: Error) => void = (err) => console.error('database connection problem:', err.message)
const db = await connect({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  lockOwner: 'the Continuum server (npm start)',
  onPoolError: (err) => onPoolError(err),
  openAll: true,
}).catch((err: unknown) => {
  if (!(err instanceof DatabaseLockedError)) throw err
  console.error(`error: ${err.message}.\nOnly one process can use the embedded database at a time: wait for it to finish or stop it, then start again.`)
  process.exit(1)
})
// Reports, exports and the trust overview read from the replica when there is one (docs/operations.md).
const readDb = config.readDatabaseUrl ? await connect({ databaseUrl: config.readDatabaseUrl, onPoolError: (err) => onPoolError(err), openAll: true }) : undefined
if (!config.databaseUrl) await migrateToLatest(db)
await ensureInstrumentVersions(db, Object.values(instruments))
const app = await buildApp({
  db,
  readDb,
  clientDir: config.clientDir,
  logger: { level: config.logLevel },
  publicUrl: config.publicUrl,
  trustProxy: config.trustProxy,
})

onPoolError = (err) => app.log.warn({ err: { message: err.message } }, 'an idle database connection was lost; it will be replaced')
if (config.databaseUrl) {
  app.log.info(`database: Postgres server from DATABASE_URL${readDb ? '; reports, exports and the trust overview from READ_DATABASE_URL' : ''}`)
} else {
  app.log.warn(
    `database: embedded PGlite in ${config.dataDir}. It runs without fsync and is meant for trying Continuum ` +
      'and small single-school use; keep anything that must not be lost on a Postgres server (set DATABASE_URL).',
  )
}

const demo = !config.databaseUrl && config.demo ? await seedDemoIfEmpty(db, { publicUrl: config.publicUrl }) : undefined

let closing = false
const shutdown = async (signal: string) => {
  if (closing) return
  closing = true
  app.log.info({ signal }, 'shutting down: finishing requests in flight')
  await app.close()
  await readDb?.destroy()
  await db.destroy()
  process.exit(0)
}
process.once('SIGINT', () => void shutdown('SIGINT'))
process.once('SIGTERM', () => void shutdown('SIGTERM'))

await app.listen({ host: config.host, port: config.port })
app.log.info(`Continuum is running at ${config.publicUrl}`)
if (demo) console.log(demo.announcement)
