import { KNOWN } from './support/known-data'
import { ServicesPage } from './pages/services-page'
import { expect, test } from './support/fixtures'

test('the app loads the shell and the services of the known data set', async ({ page }) => {
  const services = new ServicesPage(page)
  await services.goto()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  for (const link of ['Services', 'Logs', 'Sampling rules', 'Saved views']) {
    await expect(page.getByRole('link', { name: link, exact: true })).toBeVisible()
  }
  await expect(services.row(KNOWN.checkout.name)).toBeVisible()
  expect(await services.cell(KNOWN.checkout.name, 'Log volume')).toMatch(/^120\b/)
  expect(await services.cell(KNOWN.checkout.name, 'Errors')).toMatch(/^12\b/)
})
