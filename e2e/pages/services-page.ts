import type { Locator, Page } from '@playwright/test'

/** Most Tab presses between two controls any test expects (pinned views and extra rows sit between). */
const MAX_TAB_PRESSES = 80

/** The shell around every page: the sidebar and the top bar. */
export class AppShell {
  readonly skipLink: Locator
  readonly home: Locator
  readonly nav: Locator
  readonly topBar: Locator
  readonly environment: Locator
  readonly backendBadge: Locator
  readonly timeRange: Locator
  readonly timeRangeDialog: Locator
  readonly refresh: Locator
  readonly theme: Locator
  readonly main: Locator

  constructor(readonly page: Page) {
    this.skipLink = page.getByRole('link', { name: 'Skip to content' })
    this.home = page.getByRole('complementary').getByRole('link', { name: 'Logdeck' })
    this.nav = page.getByRole('navigation', { name: 'Main' })
    this.topBar = page.getByRole('banner')
    this.environment = this.topBar.getByRole('spinbutton', { name: 'Environment' })
    this.backendBadge = this.topBar.getByText(/^(Embedded store|PostHog · \S+)$/)
    this.timeRange = this.topBar.getByRole('button', { name: /^Time range: / })
    this.timeRangeDialog = page.getByRole('dialog', { name: 'Choose a time range' })
    this.refresh = this.topBar.getByRole('button', { name: 'Refresh' })
    this.theme = this.topBar.getByRole('group', { name: 'Theme' })
    this.main = page.locator('main#main')
  }

  navLink(name: 'Services' | 'Logs' | 'Sampling rules' | 'Saved views'): Locator {
    return this.nav.getByRole('link', { name, exact: true })
  }

  themeOption(name: 'System' | 'Light' | 'Dark'): Locator {
    return this.theme.getByRole('radio', { name })
  }

  async chooseTimePreset(label: string) {
    await this.timeRange.click()
    await this.timeRangeDialog.getByRole('button', { name: label, exact: true }).click()
    await this.timeRangeDialog.waitFor({ state: 'detached' })
  }

  /** Whether `target` is the document's focused element. */
  isFocused(target: Locator): Promise<boolean> {
    return target.evaluate((element) => element === document.activeElement)
  }

  /**
   * Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would, and fails
   * with the path the focus took if it never gets there.
   */
  async tabTo(target: Locator, { backwards = false, max = MAX_TAB_PRESSES } = {}): Promise<void> {
    await target.waitFor()
    const path: string[] = []
    for (let presses = 0; presses < max; presses++) {
      await this.page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
      if (await this.isFocused(target)) return
      path.push(await this.describeFocus())
    }
    throw new Error(`${backwards ? 'Shift+Tab' : 'Tab'} never reached ${target.toString()}; the focus went: ${path.join(' → ')}`)
  }

  /** The focused element in a few words (tag, role, name), for failure messages. */
  describeFocus(): Promise<string> {
    return this.page.evaluate(() => {
      const element = document.activeElement
      if (!element || element === document.body) return '(body)'
      const role = element.getAttribute('role')
      const label = element instanceof HTMLInputElement ? element.labels?.[0]?.textContent : null
      const name = (element.getAttribute('aria-label') ?? label ?? element.textContent ?? '').trim().slice(0, 40)
      return `${element.tagName.toLowerCase()}${role ? `[${role}]` : ''} "${name}"`
    })
  }
}

/** The Services page as a user sees it: the table of services and its controls. */
export class ServicesPage {
  readonly shell: AppShell
  readonly table: Locator
  readonly tableRegion: Locator
  readonly search: Locator
  readonly autoRefresh: Locator

  constructor(readonly page: Page) {
    this.shell = new AppShell(page)
    this.table = page.getByRole('table', { name: 'Services' })
    this.tableRegion = page.getByRole('region', { name: 'Services table' })
    this.search = page.getByRole('searchbox', { name: /search services/i })
    this.autoRefresh = page.getByRole('switch', { name: 'Auto-refresh' })
  }

  async goto(query = '') {
    await this.page.goto(`/services${query}`)
    await this.table.waitFor()
  }

  /** Sends the page to the server again and waits for the table. */
  async reload() {
    await this.page.reload()
    await this.table.waitFor()
  }

  row(service: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name: service, exact: true }) })
  }

  serviceLink(service: string): Locator {
    return this.row(service).getByRole('link', { name: service, exact: true })
  }

  severityMix(service: string): Locator {
    return this.row(service).getByRole('img', { name: /^Severity mix: / })
  }

  copyLink(service: string): Locator {
    return this.row(service).getByRole('button', { name: `Copy link to ${service} logs` })
  }

  /** The text of one cell, by its column header's name. */
  async cell(service: string, column: string): Promise<string> {
    const headers = await this.table.getByRole('columnheader').allInnerTexts()
    const index = headers.findIndex((h) => h.trim().toLowerCase().startsWith(column.toLowerCase()))
    if (index < 0) throw new Error(`No column "${column}" among ${headers.join(', ')}`)
    return (await this.row(service).locator('th, td').nth(index).innerText()).trim()
  }

  columnHeader(name: string): Locator {
    return this.table.getByRole('columnheader', { name: new RegExp(`^${name}`, 'i') })
  }

  /** The button in a column header that sorts by it. */
  sortButton(name: string): Locator {
    return this.columnHeader(name).getByRole('button')
  }

  serviceNames(): Promise<string[]> {
    return this.table.getByRole('row').locator('a[href*="/logs"]').allInnerTexts()
  }
}
