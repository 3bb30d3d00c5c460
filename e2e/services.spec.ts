import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { KNOWN } from './support/known-data'
import { ServicesPage } from './pages/services-page'
import { expect, test } from './support/fixtures'

const checkout = KNOWN.checkout
const search = KNOWN.search

/** All logs of environment 1 in the last hour, as the API counts them (the share's denominator). */
async function logsInLastHour(request: APIRequestContext): Promise<number> {
  const res = await request.post('/api/environments/1/logs/services', {
    data: { query: { dateRange: { date_from: '-1h', date_to: null }, limit: 10_000 } },
  })
  expect(res.ok()).toBe(true)
  const body = (await res.json()) as { services: { log_count: number }[] }
  return body.services.reduce((sum, s) => sum + s.log_count, 0)
}

/** Times as the browser's local wall clock, `YYYY-MM-DDTHH:MM` (what a datetime-local input takes). */
function wallClock(page: Page, times: number[]): Promise<string[]> {
  return page.evaluate((list) => {
    const pad = (n: number) => String(n).padStart(2, '0')
    return list.map((ms) => {
      const d = new Date(ms)
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
    })
  }, times)
}

function searchParams(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams
}

/** Waits until the URL's query has these values (`null`: absent). */
async function expectParams(page: Page, expected: Record<string, string | null>) {
  await expect
    .poll(() => Object.fromEntries(Object.keys(expected).map((key) => [key, searchParams(page).get(key)])))
    .toEqual(expected)
}

/** The known services in the order the table shows them (other specs may add services of their own). */
async function knownOrder(services: ServicesPage): Promise<string[]> {
  const known: string[] = [checkout.name, search.name, KNOWN.xss.name]
  return (await services.serviceNames()).filter((name) => known.includes(name))
}

/** The rows of the severity tooltip as shown (whitespace collapsed): `Debug 25 % 30`. */
async function tooltipRows(tooltip: Locator): Promise<string[]> {
  const rows = await tooltip.getByRole('row').allInnerTexts()
  return rows.map((row) => row.replace(/\s+/g, ' ').trim())
}

test.describe('Services page', () => {
  test('shows the right numbers for the known services', async ({ page }) => {
    const services = new ServicesPage(page)
    const totalBefore = await logsInLastHour(page.request)
    await services.goto('?q=e2e-')
    await expect(services.row(checkout.name)).toBeVisible()

    expect(await services.cell(checkout.name, 'Log volume')).toBe('120')
    expect(await services.cell(checkout.name, 'Errors')).toBe('12')
    // 12 of 120: above the 5 % threshold, so it is flagged in words as well as in colour.
    expect(await services.cell(checkout.name, 'Error rate')).toMatch(/^10\.00 %/)
    await expect(services.row(checkout.name).getByText('(high)')).toBeAttached()

    // The share is of every log in the window (not only the services matching the search).
    const share = Number((await services.cell(checkout.name, 'Share of volume')).replace(/\s*%$/, ''))
    const totalAfter = await logsInLastHour(page.request)
    const [fewest, most] = [Math.min(totalBefore, totalAfter), Math.max(totalBefore, totalAfter)]
    expect(share).toBeGreaterThanOrEqual((100 * checkout.total) / most - 0.06)
    expect(share).toBeLessThanOrEqual((100 * checkout.total) / fewest + 0.06)

    const info = checkout.total - checkout.errors - checkout.warn - checkout.debug
    const mix = services.severityMix(checkout.name)
    await expect(mix).toHaveAccessibleName(`Severity mix: debug 25 % (${checkout.debug}), info 50 % (${info}), warn 15 % (${checkout.warn}), error 10 % (${checkout.errors})`)
    await mix.hover()
    const tooltip = page.getByRole('tooltip')
    await expect(tooltip).toBeVisible()
    expect(await tooltipRows(tooltip)).toEqual(['Debug 25 % 30', 'Info 50 % 60', 'Warn 15 % 18', 'Error 10 % 12'])

    expect(await services.cell(search.name, 'Log volume')).toBe('80')
    expect(await services.cell(search.name, 'Errors')).toBe('0')
    expect(await services.cell(search.name, 'Error rate')).toBe('0.00 %')
    await expect(services.severityMix(search.name)).toHaveAccessibleName('Severity mix: debug 0 % (0), info 90 % (72), warn 10 % (8), error 0 % (0)')
  })

  test('sort and search live in the URL and survive a reload', async ({ page }) => {
    const services = new ServicesPage(page)
    await services.goto()
    await expect(services.columnHeader('Log volume')).toHaveAttribute('aria-sort', 'descending')

    await services.search.fill('e2e-')
    await expectParams(page, { q: 'e2e-' })
    await expect(services.row(checkout.name)).toBeVisible()
    await expect.poll(async () => (await services.serviceNames()).every((name) => name.includes('e2e-'))).toBe(true)
    expect(await knownOrder(services)).toEqual([checkout.name, search.name, KNOWN.xss.name])

    await services.sortButton('Log volume').click()
    await expectParams(page, { sort: null, dir: 'asc', q: 'e2e-' })
    await expect(services.columnHeader('Log volume')).toHaveAttribute('aria-sort', 'ascending')
    await expect.poll(() => knownOrder(services)).toEqual([KNOWN.xss.name, search.name, checkout.name])

    // A numeric column starts descending, the default, which stays out of the URL.
    await services.sortButton('Errors').click()
    await expectParams(page, { sort: 'error_count', dir: null, q: 'e2e-' })
    await expect(services.columnHeader('Errors')).toHaveAttribute('aria-sort', 'descending')
    await expect.poll(async () => (await knownOrder(services))[0]).toBe(checkout.name)

    await services.sortButton('Service').click()
    await expectParams(page, { sort: 'service_name', dir: 'asc', q: 'e2e-' })
    await expect.poll(() => knownOrder(services)).toEqual([checkout.name, search.name, KNOWN.xss.name])
    const url = page.url()

    await services.reload()
    expect(page.url()).toBe(url)
    await expect(services.search).toHaveValue('e2e-')
    await expect(services.columnHeader('Service')).toHaveAttribute('aria-sort', 'ascending')
    await expect(services.columnHeader('Log volume')).not.toHaveAttribute('aria-sort')
    await expect.poll(() => knownOrder(services)).toEqual([checkout.name, search.name, KNOWN.xss.name])

    // Narrowing further and clearing also go through the URL.
    await services.search.fill('e2e-sea')
    await expectParams(page, { q: 'e2e-sea' })
    await expect.poll(() => knownOrder(services)).toEqual([search.name])
    await services.search.fill('')
    await expectParams(page, { q: null, sort: 'service_name' })
    await expect(services.row(checkout.name)).toBeVisible()
  })

  test('clicking a service opens its logs', async ({ page }) => {
    const services = new ServicesPage(page)
    await services.goto('?q=e2e-')
    await services.serviceLink(checkout.name).click()
    await expect(page).toHaveURL(/\/logs\?/)
    await expectParams(page, { services: checkout.name, q: null })

    const logs = page.getByRole('grid', { name: 'Logs' })
    await expect(logs.getByRole('gridcell', { name: checkout.name, exact: true }).first()).toBeVisible()
    await expect(logs.getByRole('gridcell', { name: search.name, exact: true })).toHaveCount(0)

    // Anywhere on the row (outside its controls) leads there too.
    await page.goBack()
    await services.table.waitFor()
    await services.row(search.name).getByRole('cell').first().click()
    await expect(page).toHaveURL(/\/logs\?/)
    await expectParams(page, { services: search.name })
    await expect(logs.getByRole('gridcell', { name: search.name, exact: true }).first()).toBeVisible()
  })

  test('the theme follows the system until chosen, and the choice persists', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' })
    const services = new ServicesPage(page)
    const { shell } = services
    const html = page.locator('html')
    await services.goto()
    await expect(shell.themeOption('System')).toBeChecked()
    await expect(html).toHaveClass(/\bdark\b/)
    await page.emulateMedia({ colorScheme: 'light' })
    await expect(html).not.toHaveClass(/\bdark\b/)

    await shell.theme.getByTitle('Dark').click()
    await expect(shell.themeOption('Dark')).toBeChecked()
    await expect(html).toHaveClass(/\bdark\b/)

    await services.reload()
    await expect(shell.themeOption('Dark')).toBeChecked()
    await expect(html).toHaveClass(/\bdark\b/)
    await shell.navLink('Logs').click()
    await expect(page).toHaveURL(/\/logs/)
    await expect(html).toHaveClass(/\bdark\b/)
    await expect(shell.themeOption('Dark')).toBeChecked()

    await shell.theme.getByTitle('System').click()
    await expect(html).not.toHaveClass(/\bdark\b/)
    await page.reload()
    await expect(shell.themeOption('System')).toBeChecked()
    await expect(html).not.toHaveClass(/\bdark\b/)
  })

  test('the time range lives in the URL, survives a reload and follows navigation', async ({ page }) => {
    const services = new ServicesPage(page)
    const { shell } = services
    await services.goto()
    await expect(shell.timeRange).toHaveAccessibleName('Time range: Last 1 hour')

    await shell.chooseTimePreset('Last 6 hours')
    await expectParams(page, { from: '-6h', to: null })
    await expect(shell.timeRange).toHaveAccessibleName('Time range: Last 6 hours')
    await expect(page.getByRole('main')).toContainText('Last 6 hours')
    await expect(services.row(checkout.name)).toBeVisible()
    expect(await services.cell(checkout.name, 'Log volume')).toBe('120')

    await services.reload()
    await expectParams(page, { from: '-6h' })
    await expect(shell.timeRange).toHaveAccessibleName('Time range: Last 6 hours')

    await shell.navLink('Logs').click()
    await expect(page).toHaveURL(/\/logs\?/)
    await expectParams(page, { from: '-6h' })
    await expect(shell.timeRange).toHaveAccessibleName('Time range: Last 6 hours')
    await shell.navLink('Services').click()
    await services.table.waitFor()
    await expectParams(page, { from: '-6h' })

    // A custom absolute range: two hours up to a few minutes from now, in the browser's local time.
    const local = await wallClock(page, [Date.now() - 2 * 3_600_000, Date.now() + 5 * 60_000])
    await shell.timeRange.click()
    await shell.timeRangeDialog.getByLabel('From', { exact: true }).fill(local[0]!)
    await shell.timeRangeDialog.getByLabel('To', { exact: true }).fill(local[1]!)
    await shell.timeRangeDialog.getByRole('button', { name: 'Apply range' }).click()
    await expect.poll(() => searchParams(page).get('to')).not.toBeNull()
    // Read back as wall-clock times, not as a span in ms: across a DST change the same wall-clock
    // range is an hour longer or shorter.
    const applied = [Date.parse(searchParams(page).get('from')!), Date.parse(searchParams(page).get('to')!)]
    expect(await wallClock(page, applied)).toEqual(local)
    const label = await shell.timeRange.getAttribute('aria-label')
    expect(label).toMatch(/^Time range: .+ – .+$/)
    await expect(services.row(checkout.name)).toBeVisible()
    expect(await services.cell(checkout.name, 'Log volume')).toBe('120')

    const url = page.url()
    await services.reload()
    expect(page.url()).toBe(url)
    await expect(shell.timeRange).toHaveAccessibleName(label!)
  })
})

test.describe('Keyboard only', () => {
  /** The page with its asynchronous parts settled, so the tab order no longer changes. */
  async function openSettled(services: ServicesPage, query: string) {
    await services.goto(query)
    await expect(services.row(checkout.name)).toBeVisible()
    await expect(services.shell.backendBadge).toBeVisible()
    await expect(services.page.getByRole('navigation', { name: 'Pinned views' }).locator('[aria-busy="false"]')).toBeAttached()
  }

  test('Tab and Shift+Tab reach every control of the shell and the Services page, in order', async ({ page }) => {
    const services = new ServicesPage(page)
    const { shell } = services
    await openSettled(services, '?q=e2e-')

    const controls = [
      shell.skipLink,
      shell.home,
      shell.navLink('Services'),
      shell.navLink('Logs'),
      shell.navLink('Sampling rules'),
      shell.navLink('Saved views'),
      shell.environment,
      shell.backendBadge,
      shell.timeRange,
      shell.refresh,
      // A radio group is one tab stop: the checked option.
      shell.themeOption('System'),
      services.autoRefresh,
      services.search,
      services.tableRegion,
      ...['Service', 'Log volume', 'Share of volume', 'Errors', 'Error rate'].map((name) => services.sortButton(name)),
      services.serviceLink(checkout.name),
      services.severityMix(checkout.name),
      services.copyLink(checkout.name),
      services.serviceLink(search.name),
      services.severityMix(search.name),
      services.copyLink(search.name),
    ]
    for (const control of controls) await shell.tabTo(control)
    for (const control of controls.slice(0, -1).reverse()) await shell.tabTo(control, { backwards: true })

    // The skip link jumps over the sidebar and the top bar.
    expect(await shell.isFocused(shell.skipLink)).toBe(true)
    await page.keyboard.press('Enter')
    await expect.poll(() => shell.isFocused(shell.main)).toBe(true)
    await page.keyboard.press('Tab')
    expect(await shell.isFocused(services.autoRefresh)).toBe(true)
  })

  test('the top bar and the sidebar work from the keyboard', async ({ page }) => {
    const services = new ServicesPage(page)
    const { shell } = services
    await openSettled(services, '?q=e2e-')

    await shell.tabTo(shell.environment)
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('2')
    await page.keyboard.press('Enter')
    await expectParams(page, { env: '2' })
    expect(await shell.isFocused(shell.environment)).toBe(true)
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('1')
    await page.keyboard.press('Enter')
    await expectParams(page, { env: null, q: 'e2e-' })
    await expect(services.row(checkout.name)).toBeVisible()

    // The backend badge explains itself on focus.
    await page.keyboard.press('Tab')
    expect(await shell.isFocused(shell.backendBadge)).toBe(true)
    await expect(page.getByRole('tooltip')).toContainText('stored and queried by this Logdeck server itself')

    await page.keyboard.press('Tab')
    expect(await shell.isFocused(shell.timeRange)).toBe(true)
    await page.keyboard.press('Enter')
    await expect(shell.timeRangeDialog).toBeVisible()
    expect(await shell.isFocused(shell.timeRangeDialog.getByRole('button', { name: 'Last 1 hour' }))).toBe(true)
    await shell.tabTo(shell.timeRangeDialog.getByRole('button', { name: 'Last 6 hours' }), { max: 3 })
    await page.keyboard.press('Space')
    await expectParams(page, { from: '-6h' })
    await expect(shell.timeRangeDialog).toBeHidden()
    expect(await shell.isFocused(shell.timeRange)).toBe(true)
    await expect(shell.timeRange).toHaveAccessibleName('Time range: Last 6 hours')
    await page.keyboard.press('Enter')
    await expect(shell.timeRangeDialog).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(shell.timeRangeDialog).toBeHidden()
    expect(await shell.isFocused(shell.timeRange)).toBe(true)

    await page.keyboard.press('Tab')
    expect(await shell.isFocused(shell.refresh)).toBe(true)
    const refetch = page.waitForRequest((req) => req.method() === 'POST' && req.url().includes('/logs/services'))
    await page.keyboard.press('Enter')
    await refetch

    await page.keyboard.press('Tab')
    expect(await shell.isFocused(shell.themeOption('System'))).toBe(true)
    await page.keyboard.press('ArrowRight')
    await expect(shell.themeOption('Light')).toBeChecked()
    await page.keyboard.press('ArrowRight')
    await expect(shell.themeOption('Dark')).toBeChecked()
    await expect(page.locator('html')).toHaveClass(/\bdark\b/)

    await shell.tabTo(shell.navLink('Sampling rules'), { backwards: true })
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/\/sampling-rules\?/)
    await expectParams(page, { from: '-6h', q: null })
    await expect(shell.navLink('Sampling rules')).toHaveAttribute('aria-current', 'page')
  })

  test('the Services page works from the keyboard', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL })
    const services = new ServicesPage(page)
    const { shell } = services
    await openSettled(services, '')

    await shell.tabTo(services.autoRefresh)
    await page.keyboard.press('Space')
    await expect(services.autoRefresh).toHaveAttribute('aria-checked', 'true')
    await expectParams(page, { live: 'true' })
    await page.keyboard.press('Space')
    await expect(services.autoRefresh).toHaveAttribute('aria-checked', 'false')
    await expectParams(page, { live: null })

    await page.keyboard.press('Tab')
    expect(await shell.isFocused(services.search)).toBe(true)
    await page.keyboard.type('e2e-')
    await expectParams(page, { q: 'e2e-' })
    await expect.poll(async () => (await services.serviceNames()).every((name) => name.includes('e2e-'))).toBe(true)

    await shell.tabTo(services.sortButton('Service'))
    await page.keyboard.press('Space')
    await expectParams(page, { sort: 'service_name', dir: 'asc' })
    await expect(services.columnHeader('Service')).toHaveAttribute('aria-sort', 'ascending')
    expect(await shell.isFocused(services.sortButton('Service'))).toBe(true)
    await shell.tabTo(services.sortButton('Errors'))
    await page.keyboard.press('Enter')
    await expectParams(page, { sort: 'error_count', dir: null })
    await expect.poll(async () => (await knownOrder(services))[0]).toBe(checkout.name)

    await shell.tabTo(services.severityMix(checkout.name))
    const tooltip = page.getByRole('tooltip')
    await expect(tooltip).toBeVisible()
    expect(await tooltipRows(tooltip)).toContain('Error 10 % 12')
    await page.keyboard.press('Escape')
    await expect(tooltip).toBeHidden()

    await shell.tabTo(services.copyLink(checkout.name))
    await page.keyboard.press('Enter')
    await expect(page.getByText('Link copied')).toBeVisible()
    const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()))
    expect(copied.origin).toBe(new URL(baseURL!).origin)
    expect(copied.pathname).toBe('/logs')
    expect(copied.searchParams.get('services')).toBe(checkout.name)

    await shell.tabTo(services.serviceLink(checkout.name), { backwards: true })
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/\/logs\?/)
    await expectParams(page, { services: checkout.name })
  })
})
