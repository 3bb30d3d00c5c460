import { KNOWN } from './support/known-data'
import { ServicesPage } from './pages/services-page'
import { expect, test } from './support/fixtures'

test('the app loads the shell and the services of the known data set', async ({ page }, testInfo) => {
  const bodies: Promise<string>[] = []
  page.on('response', (res) => bodies.push(res.text().catch(() => '')))
  const services = new ServicesPage(page)
  await services.goto()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  for (const link of ['Services', 'Logs', 'Sampling rules', 'Saved views']) {
    await expect(page.getByRole('link', { name: link, exact: true })).toBeVisible()
  }
  // The top bar says which backend serves the data; in PostHog mode, the host the global setup's
  // PostHog stand-in listens on (the proxy forwards to it).
  const posthog = testInfo.project.metadata.backend === 'posthog'
  await expect(services.shell.backendBadge).toHaveText(posthog ? 'PostHog · 127.0.0.1' : 'Embedded store')
  await services.shell.backendBadge.hover()
  await expect(page.getByRole('tooltip')).toContainText(
    posthog ? 'forwards every request to the PostHog host 127.0.0.1' : 'stored and queried by this Logdeck server itself',
  )
  await expect(services.row(KNOWN.checkout.name)).toBeVisible()
  expect(await services.cell(KNOWN.checkout.name, 'Log volume')).toMatch(/^120\b/)
  expect(await services.cell(KNOWN.checkout.name, 'Errors')).toMatch(/^12\b/)

  // In PostHog mode the server holds a personal API key: it must never reach the browser.
  const key = process.env.E2E_PROXY_KEY!
  const seen = [await page.content(), ...(await Promise.all(bodies))]
  expect(seen.length).toBeGreaterThan(3)
  expect(seen.filter((text) => text.includes(key))).toEqual([])
})
