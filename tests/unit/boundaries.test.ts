import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { expect, it } from 'vitest'

// STYLE.md §2: who may import what. Scans every import specifier (static, dynamic and type-only).

const root = resolve(import.meta.dirname, '../..')
const rules: Record<string, { allowDirs: string[]; allowPackages: RegExp; allowNode: boolean }> = {
  shared: { allowDirs: ['shared'], allowPackages: /^zod(\/.*)?$/, allowNode: false },
  client: { allowDirs: ['client', 'shared'], allowPackages: /^(svelte(\/.*)?|chart\.js(\/.*)?|zod(\/.*)?|intl-messageformat|@formatjs\/icu-messageformat-parser)$/, allowNode: false },
  migrations: { allowDirs: ['migrations'], allowPackages: /^kysely(\/migration)?$/, allowNode: false },
  server: { allowDirs: ['server', 'shared', 'migrations'], allowPackages: /^(?!svelte|chart\.js)/, allowNode: true },
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* sourceFiles(path)
    else if (/\.(ts|svelte)$/.test(entry.name)) yield path
  }
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!)
}

function violations(top: string): string[] {
  const { allowDirs, allowPackages, allowNode } = rules[top]!
  const found: string[] = []
  for (const file of sourceFiles(join(root, top))) {
    const rel = relative(root, file)
    for (const spec of importsOf(file)) {
      const target = spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)) : undefined
      let ok = target
        ? allowDirs.includes(target.split(/[\\/]/)[0]!)
        : spec.startsWith('node:')
          ? allowNode
          : allowPackages.test(spec)
      // Only the migrator may reach into migrations/ from the server.
      if (ok && top === 'server' && target?.startsWith('migrations')) ok = rel === join('server', 'db', 'migrate.ts')
      // The staff survey bundle never carries leader code or chart.js.
      if (ok && rel.startsWith(join('client', 'src', 'respond'))) ok = !(target?.startsWith(join('client', 'src', 'lead')) || spec.startsWith('chart.js'))
      if (!ok) found.push(`${rel} -> ${spec}`)
    }
  }
  return found
}

it.each(Object.keys(rules))('%s/ imports only what it may', (top) => {
  expect(violations(top)).toEqual([])
})

// Inside server/ (issue 10.1): each module answers for its own data through a narrow surface, and
// imports point down: entry files (app.ts, main.ts, cli.ts, demo.ts) → plugins/ → modules/ → the
// rest of server/ (db/, errors.ts, crypto.ts, …); inside a module, routes → service → repository.
const ENTRY_FILES = ['app.ts', 'main.ts', 'cli.ts', 'demo.ts'].map((f) => join('server', f))

function layerOf(path: string): number {
  if (ENTRY_FILES.includes(path)) return 3
  if (path.startsWith(join('server', 'plugins'))) return 2
  if (path.startsWith(join('server', 'modules'))) return 1
  return 0
}

const moduleOf = (path: string) => (path.startsWith(join('server', 'modules')) ? path.split(/[\\/]/)[2] : undefined)
const roleOf = (path: string) => /\.(repository|service|routes)\.ts$/.exec(path)?.[1]

/** Why an import from `from` to `to` (both relative to the root, inside server/) breaks the layering, or undefined. */
function serverLayerViolation(from: string, to: string): string | undefined {
  if (to.split(/[\\/]/)[0] !== 'server') return undefined
  if (layerOf(to) > layerOf(from)) return 'points up'
  const [fromModule, toModule] = [moduleOf(from), moduleOf(to)]
  const other = toModule !== undefined && toModule !== fromModule
  if (roleOf(from) === 'repository' && other) return "a repository imports another module's file"
  // Entry files wire the process (cli.ts, demo.ts and main.ts use repositories directly); modules and plugins may not.
  if (roleOf(to) === 'repository' && ((other && fromModule !== undefined) || layerOf(from) === 2)) return "imports another module's repository"
  if (!other && fromModule !== undefined) {
    const rank = { repository: 0, service: 1, routes: 2 } as const
    const [a, b] = [roleOf(from), roleOf(to)]
    if (a && b && rank[b as keyof typeof rank] > rank[a as keyof typeof rank]) return 'points up inside its module'
  }
  return undefined
}

it('server/ modules import each other only through services, and no import points up', () => {
  const found: string[] = []
  for (const file of sourceFiles(join(root, 'server'))) {
    const rel = relative(root, file)
    for (const spec of importsOf(file)) {
      if (!spec.startsWith('.')) continue
      const why = serverLayerViolation(rel, relative(root, resolve(dirname(file), spec)))
      if (why) found.push(`${rel} -> ${spec}: ${why}`)
    }
  }
  expect(found).toEqual([])
})

it.each([
  ['server/modules/reports/reports.repository.ts', 'server/modules/surveys/surveys.repository.ts'],
  ['server/modules/trusts/trusts.repository.ts', 'server/modules/surveys/surveys.service.ts'],
  ['server/modules/auth/auth.service.ts', 'server/modules/organisations/organisations.repository.ts'],
  ['server/modules/auth/login-throttle.ts', 'server/modules/limits/limits.repository.ts'],
  ['server/plugins/auth.ts', 'server/modules/auth/auth.repository.ts'],
  ['server/modules/auth/auth.routes.ts', 'server/plugins/auth.ts'],
  ['server/modules/forms/forms.service.ts', 'server/app.ts'],
  ['server/plugins/auth.ts', 'server/app.ts'],
  ['server/errors.ts', 'server/modules/auth/access.ts'],
  ['server/modules/surveys/surveys.repository.ts', 'server/modules/surveys/surveys.service.ts'],
])('refuses %s -> %s', (from, to) => {
  expect(serverLayerViolation(from, to)).toBeDefined()
})

it.each([
  ['server/modules/reports/reports.service.ts', 'server/modules/surveys/surveys.service.ts'],
  ['server/modules/reports/reports.service.ts', 'server/modules/reports/reports.repository.ts'],
  ['server/modules/trusts/trusts.routes.ts', 'server/modules/auth/access.ts'],
  ['server/plugins/auth.ts', 'server/modules/auth/auth.service.ts'],
  ['server/app.ts', 'server/modules/limits/pg-rate-limit-store.ts'],
  ['server/modules/auth/auth.service.ts', 'server/passwords.ts'],
])('allows %s -> %s', (from, to) => {
  expect(serverLayerViolation(from, to)).toBeUndefined()
})

it('finds imports in the forms the scan has to recognise', () => {
  expect(importsOf(join(root, 'server', 'db', 'migrate.ts'))).toContain('../../migrations/index.ts')
  expect(importsOf(join(root, 'client', 'src', 'respond', 'main.ts'))).toEqual(expect.arrayContaining(['svelte', '../common/base.css']))
})
