import { parse } from '@formatjs/icu-messageformat-parser'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'

// The interface's message catalogues (client/src/*/messages/<language>.json, and the report's words
// that the server's CSV shares, shared/messages/report/<language>.json) are parsed here, at
// build time, into ICU message ASTs, so the browser never needs intl-messageformat's parser: the
// production build swaps it for the parser-free entry (about 7 KB gzip less). A message that does
// not parse fails the build (and tests/unit/i18n.test.ts).
const icuCatalogues: Plugin = {
  name: 'icu-catalogues',
  enforce: 'pre',
  transform(code, id) {
    if (!/\/(?:client\/src\/[a-z]+\/messages|shared\/messages\/[a-z]+)\/[a-z]{2,3}\.json$/.test(id.split('?')[0]!)) return
    const messages = JSON.parse(code) as Record<string, string>
    return { code: JSON.stringify(Object.fromEntries(Object.entries(messages).map(([key, text]) => [key, parse(text)]))), map: null }
  },
}

// Two pages, two builds (npm run build runs both): the staff survey (respond.html, served at
// /s/<token>) and the leaders' app (index.html). Built apart, they share no chunk, so the survey
// carries only the code it uses: built together, a module both import (zod's core, Svelte's
// runtime) would be shared whole, with every part either app needs.
export default defineConfig(({ mode, command }) => ({
  root: 'client',
  plugins: [icuCatalogues, svelte()],
  resolve: {
    alias: command === 'build' ? [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' }] : [],
  },
  build: {
    outDir: '../dist/client',
    // the leaders' build runs first and empties the folder; the survey's build adds to it
    emptyOutDir: mode !== 'respond',
    rolldownOptions: { input: mode === 'respond' ? { respond: 'client/respond.html' } : ({ lead: 'client/index.html' } as Record<string, string>) },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  test: {
    root: '.',
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          // a page's answer waits on the server (a password check costs ~100 ms of CPU by design), so
          // polls wait as long as a person would rather than vitest's default second
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
}))
