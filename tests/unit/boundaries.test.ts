import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { expect, it } from 'vitest'

// STYLE.md §2: who may import what. Scans every import specifier (static, dynamic and type-only).

const root = resolve(import.meta.dirname, '../..')
const rules: Record<string, { allowDirs: string[]; allowPackages: RegExp; allowNode: boolean }> = {
  shared: { allowDirs: ['shared'], allowPackages: /^zod(\/.*)?$/, allowNode: false },
  client: { allowDirs: ['client', 'shared'], allowPackages: /^(svelte(\/.*)?|chart\.js(\/.*)?|zod(\/.*)?)$/, allowNode: false },
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

it('finds imports in the forms the scan has to recognise', () => {
  expect(importsOf(join(root, 'server', 'db', 'migrate.ts'))).toContain('../../migrations/index.ts')
  expect(importsOf(join(root, 'client', 'src', 'respond', 'main.ts'))).toEqual(expect.arrayContaining(['svelte', '../common/base.css']))
})
