import { resolve } from 'node:path'
import { z } from 'zod'

const EnvSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must be a postgres:// or postgresql:// URL' }).optional(),
  READ_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'READ_DATABASE_URL must be a postgres:// or postgresql:// URL' }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url({ error: 'PUBLIC_URL must be an absolute URL such as https://continuum.example.org' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLIENT_DIR: z.string().min(1).default('./dist/client'),
  TRUST_PROXY: z.stringbool().default(false),
  DEMO: z.stringbool().default(true),
})

export type LogLevel = z.infer<typeof EnvSchema>['LOG_LEVEL']

export type Config = Readonly<{
  databaseUrl: string | undefined
  /** A streaming replica of DATABASE_URL for reports, exports and the trust overview; unset: the primary. */
  readDatabaseUrl: string | undefined
  dataDir: string
  host: string
  port: number
  publicUrl: string
  logLevel: LogLevel
  clientDir: string
  trustProxy: boolean
  demo: boolean
}>

/** The only reader of process.env. Reports every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) throw new Error(`invalid environment:\n${z.prettifyError(parsed.error)}`)
  const e = parsed.data
  if (e.READ_DATABASE_URL && !e.DATABASE_URL) throw new Error('invalid environment:\nREAD_DATABASE_URL is a replica of DATABASE_URL: set DATABASE_URL too')
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    readDatabaseUrl: e.READ_DATABASE_URL,
    dataDir: resolve(e.DATA_DIR),
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://${shownHost}:${e.PORT}`).replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    clientDir: resolve(e.CLIENT_DIR),
    trustProxy: e.TRUST_PROXY,
    demo: e.DEMO,
  })
}
