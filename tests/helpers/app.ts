import type { Kysely } from 'kysely'
import { afterAll, beforeAll } from 'vitest'
import { buildApp, type AppDeps } from '../../server/app.ts'
import type { Database } from '../../server/db/schema.ts'
import { createTestDb, type DatabaseKind } from './test-db.ts'

export type App = Awaited<ReturnType<typeof buildApp>>

/** A test database, and the app over it once the block's `beforeAll` has run. */
export interface TestApp {
  db: Kysely<Database>
  app: App
}

/**
 * The integration tier's one setup: a migrated database of `kind`, built before the calling
 * describe block's tests and destroyed after them. Read `db` inside hooks and tests (it is set
 * in `beforeAll`).
 */
export function useDb(kind: DatabaseKind, options: Parameters<typeof createTestDb>[1] = {}): Pick<TestApp, 'db'> {
  const t = {} as Pick<TestApp, 'db'>
  beforeAll(async () => {
    t.db = await createTestDb(kind, options)
  })
  afterAll(async () => {
    await t.db?.destroy()
  })
  return t
}

/**
 * `useDb`, and the app over that database built once for the block (`buildApp` with `options`)
 * and closed before the database is destroyed. Tests reach both as `t.app` and `t.db`.
 */
export function useApp(kind: DatabaseKind, options: Omit<AppDeps, 'db'> = {}, dbOptions: Parameters<typeof createTestDb>[1] = {}): TestApp {
  const t = useDb(kind, dbOptions) as TestApp
  beforeAll(async () => {
    t.app = await buildApp({ db: t.db, ...options })
  })
  afterAll(async () => {
    await t.app?.close()
  })
  return t
}
