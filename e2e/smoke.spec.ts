import { KNOWN } from './support/known-data'
import { ServicesPage } from './pages/services-page'
import { expect, test } from './support/fixtures'

test('the app loads the shell and the services of the known data set', async ({ page }) => {
  const bodies: Promise<string>[] = []
  page.on('response', (res) => bodies.push(res.text().catch(() => '')))
  const services = new ServicesPage(page)
  await services.goto()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  for (const link of ['Services', 'Logs', 'Sampling rules', 'Saved views']) {
    await expect(page.getByRole('link', { name: link, exact: true })).toBeVisible()
  }
  await expect(services.row(KNOWN.checkout.name)).toBeVisible()
  expect(await services.cell(KNOWN.checkout.name, 'Log volume')).toMatch(/^120\b/)
  expect(await services.cell(KNOWN.checkout.name, 'Errors')).toMatch(/^12\b/)

  // In PostHog mode the server holds a personal API key: it must never reach the browser.
  const key = process.env.E2E_PROXY_KEY!
  const seen = [await page.content(), ...(await Promise.all(bodies))]
  expect(seen.length).toBeGreaterThan(3)
  expect(seen.filter((text) => text.includes(key))).toEqual([])
})
