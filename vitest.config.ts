import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

const STRESS_TESTS = ['server/test/load.api.test.ts', 'server/test/faults.api.test.ts']
const alias = { '@': fileURLToPath(new URL('./src', import.meta.url)) }

/**
 * Two projects: `unit` renders the app in jsdom (MSW for the network); `server` runs the
 * server's unit tests and the real-HTTP API tests (real server, real DuckDB on a temp dir).
 */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [react()],
        resolve: { alias },
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/test/setup.ts'],
          css: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/**/*.test.ts'],
          exclude: STRESS_TESTS,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        // The same contract tests through PostHog mode: proxy → PostHog-quirks shim → our server.
        resolve: { alias },
        test: {
          name: 'server-proxy',
          environment: 'node',
          include: ['server/test/logs.api.test.ts', 'server/test/views.api.test.ts', 'server/test/rules.api.test.ts'],
          env: { LOGDECK_TEST_BACKEND: 'proxy' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        // Load and fault tests measure the server under stress, so they run alone, one file at a
        // time, after everything else (scripts/test.mjs runs this project on its own).
        resolve: { alias },
        test: {
          name: 'stress',
          environment: 'node',
          include: STRESS_TESTS,
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
    ],
  },
})
