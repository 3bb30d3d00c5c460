import { test as base, expect } from '@playwright/test'

/** Every spec talks to the server the global setup started. */
export const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use, testInfo) => {
    // The posthog-mode project runs the same specs through the PostHog proxy.
    const url = testInfo.project.metadata.backend === 'posthog' ? process.env.E2E_PROXY_URL : process.env.E2E_BASE_URL
    if (!url) throw new Error('E2E_BASE_URL is not set: run the specs through playwright.config.ts (its global setup starts the server).')
    await use(url)
  },
})

/** A name no other test uses, so tests that create things never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`
}

export { expect }
