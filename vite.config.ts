import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'vitest/config'

// Two pages, two bundles: the staff survey (respond.html, served at /s/<token>) never loads
// chart.js or leader code; the leaders' app (index.html) is everything else.
export default defineConfig({
  root: 'client',
  plugins: [svelte()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    rolldownOptions: { input: { lead: 'client/index.html', respond: 'client/respond.html' } },
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
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
