import { LogsPage } from './pages/logs-page'
import { KNOWN } from './support/known-data'
import { expect, test } from './support/fixtures'

const { checkout } = KNOWN

test('filters logs by service, severity and attribute, keeps them in the URL, and back restores them', async ({ page }) => {
  const logs = new LogsPage(page)
  await logs.goto()
  await logs.chooseServices(checkout.name)
  await expect(logs.volumeTotal()).toHaveText(`${checkout.total} logs in this window`)
  await logs.chooseLevels('error')
  await expect(logs.volumeTotal()).toHaveText(`${checkout.errors} logs in this window`)
  await expect(logs.rows()).toHaveCount(checkout.errors)
  for (const level of await logs.rows().getByRole('gridcell').nth(1).allInnerTexts()) expect(level).toBe('ERROR')

  await logs.addFilter('customer.tier', 'gold')
  await expect(logs.filterChip('customer.tier = gold')).toBeVisible()
  await expect(logs.volumeTotal()).toHaveText('6 logs in this window')
  expect(new URL(page.url()).searchParams.get('services')).toBe(checkout.name)

  await page.reload()
  await expect(logs.filterChip('customer.tier = gold')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Severity: error' })).toBeVisible()
  await expect(logs.volumeTotal()).toHaveText('6 logs in this window')

  await page.goBack()
  await expect(logs.volumeTotal()).toHaveText(`${checkout.errors} logs in this window`)
  await expect(logs.filterChip('customer.tier = gold')).toHaveCount(0)
})

test('opens a log with the keyboard, shows its attributes as a table, and closes with Escape', async ({ page }) => {
  const logs = new LogsPage(page)
  await logs.goto({ services: checkout.name, severity: ['error'] })
  await expect(logs.rows()).toHaveCount(checkout.errors)

  await page.keyboard.press('j')
  await page.keyboard.press('Enter')
  await expect(logs.drawerBody).toContainText('failed: card processor timeout after 30000ms')
  await expect(logs.attribute('http.status_code')).toHaveText('504')
  await expect(logs.drawer.getByRole('button', { name: /^Show all logs of trace / })).toBeVisible()
  expect(new URL(page.url()).searchParams.get('log')).toMatch(/^[0-9a-f-]{36}$/)

  await page.keyboard.press('Escape')
  await expect(logs.drawer).toBeHidden()
  await page.keyboard.press('/')
  await expect(logs.search).toBeFocused()
})

test('loads the next page of logs as the list scrolls', async ({ page }) => {
  const logs = new LogsPage(page)
  await logs.goto({ services: checkout.name })
  await expect(page.getByText('100 logs loaded, more as you scroll')).toBeVisible()
  await logs.grid.locator('..').evaluate((element) => element.scrollTo(0, element.scrollHeight))
  await expect(page.getByText(`End of results · ${checkout.total} logs`)).toBeVisible()
})

test('shows a log whose body is markup as text, and runs none of it', async ({ page }) => {
  let dialogs = 0
  page.on('dialog', (dialog) => {
    dialogs += 1
    void dialog.dismiss()
  })
  const logs = new LogsPage(page)
  await logs.goto({ services: KNOWN.xss.name })

  await expect(logs.row(KNOWN.xss.body)).toBeVisible()
  await expect(page.getByText(KNOWN.xss.body, { exact: true })).toBeVisible()
  await logs.open(KNOWN.xss.body)
  await expect(logs.drawerBody).toHaveText(KNOWN.xss.body)
  await expect(logs.attribute('note')).toHaveText('<b>bold?</b>')

  await expect(page.locator('main img')).toHaveCount(0)
  await expect(logs.drawer.locator('b')).toHaveCount(0)
  expect(dialogs).toBe(0)
})

test('zooms the time range to the part of the volume chart dragged across', async ({ page }) => {
  const logs = new LogsPage(page)
  await logs.goto({ services: checkout.name })
  await expect(logs.volumeTotal()).toHaveText(`${checkout.total} logs in this window`)
  const chart = logs.volume.locator('svg.recharts-surface')
  const box = (await chart.boundingBox())!
  await page.mouse.move(box.x + box.width * 0.35, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 8 })
  await page.mouse.up()

  await expect.poll(() => new URL(page.url()).searchParams.get('to')).toMatch(/^\d{4}-\d{2}-\d{2}T/)
  const params = new URL(page.url()).searchParams
  const span = Date.parse(params.get('to')!) - Date.parse(params.get('from')!)
  expect(span).toBeGreaterThan(5 * 60_000)
  expect(span).toBeLessThan(30 * 60_000)
  await expect(page.getByRole('button', { name: /^Time range: / })).not.toHaveText(/Last 1 hour/)
  await page.goBack()
  await expect(page.getByRole('button', { name: 'Time range: Last 1 hour' })).toBeVisible()
})
