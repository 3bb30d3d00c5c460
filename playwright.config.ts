import { defineConfig } from '@playwright/test'

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/**
 * End-to-end tests drive Debian's Chromium (no browser download here) against the real server, its
 * real DuckDB store on a temporary directory, and a local OpenAI-compatible test model — all started
 * by the global setup with a known data set.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/support/global-setup.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json']],
  projects: [
    { name: 'embedded', metadata: { backend: 'embedded' } },
    // The smoke suite again, in front of a PostHog-quirks upstream (issue: front a real PostHog host).
    { name: 'posthog-mode', metadata: { backend: 'posthog' }, testMatch: ['smoke.spec.ts'] },
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    trace: 'off',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
})
