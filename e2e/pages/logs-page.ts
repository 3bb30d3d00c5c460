import type { Locator, Page } from '@playwright/test'

/** The logs explorer as a user sees it: filters, volume chart, the list and the open log. */
export class LogsPage {
  readonly search: Locator
  readonly grid: Locator
  readonly volume: Locator
  readonly drawer: Locator
  readonly drawerBody: Locator

  constructor(readonly page: Page) {
    this.search = page.getByRole('searchbox', { name: 'Search log messages' })
    this.grid = page.getByRole('grid', { name: 'Logs' })
    this.volume = page.getByRole('region', { name: 'Log volume' })
    this.drawer = page.getByRole('dialog', { name: 'Log details' })
    this.drawerBody = this.drawer.getByTestId('log-body')
  }

  /** Opens `/logs` with search params (`{ services: 'x', severity: ['error'] }`) and waits for the list. */
  async goto(params: Record<string, string | string[]> = {}) {
    const search = new URLSearchParams()
    for (const [key, value] of Object.entries(params)) search.set(key, typeof value === 'string' ? value : JSON.stringify(value))
    await this.page.goto(`/logs${search.size > 0 ? `?${search}` : ''}`)
    await this.grid.or(this.page.getByRole('heading', { name: /^No logs/ })).waitFor()
  }

  /** "12 logs in this window", from the volume chart. */
  volumeTotal(): Locator {
    return this.volume.getByRole('status')
  }

  rows(): Locator {
    return this.grid.getByRole('row').filter({ has: this.page.getByRole('gridcell') })
  }

  row(text: string): Locator {
    return this.rows().filter({ hasText: text })
  }

  async chooseServices(...names: string[]) {
    await this.page.getByRole('button', { name: /^Services:/ }).click()
    const panel = this.page.getByRole('dialog', { name: 'Filter by service' })
    for (const name of names) {
      await panel.getByRole('searchbox', { name: 'Search services' }).fill(name)
      await panel.getByRole('checkbox', { name: new RegExp(`^${name}\\b`) }).check()
    }
    await this.page.keyboard.press('Escape')
  }

  async chooseLevels(...levels: string[]) {
    await this.page.getByRole('button', { name: /^Severity:/ }).click()
    const panel = this.page.getByRole('dialog', { name: 'Filter by severity' })
    for (const level of levels) await panel.getByRole('checkbox', { name: level, exact: true }).check()
    await this.page.keyboard.press('Escape')
  }

  async addFilter(key: string, value: string, options: { exclude?: boolean } = {}) {
    await this.page.getByRole('button', { name: 'Add filter' }).click()
    const form = this.page.getByRole('dialog', { name: 'Add a filter' })
    await form.getByRole('combobox', { name: 'Key' }).fill(key)
    await form.getByRole('combobox', { name: 'Value' }).fill(value)
    if (options.exclude) await form.getByRole('radio', { name: 'Exclude matches' }).check()
    await form.getByRole('button', { name: 'Add filter' }).click()
  }

  filterChip(label: string): Locator {
    return this.page.getByRole('list', { name: 'Attribute filters' }).getByRole('button', { name: `Edit filter ${label}` })
  }

  async open(text: string) {
    await this.row(text).first().click()
    await this.drawer.waitFor()
  }

  /** The value cell of an attribute in the open log. */
  attribute(key: string): Locator {
    return this.drawer.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: key, exact: true }) }).getByRole('cell').first()
  }

  /** Saves what the explorer shows as a new view; the app then opens it. */
  async saveView(name: string, options: { pinned?: boolean } = {}) {
    await this.page.getByRole('button', { name: 'Save view' }).click()
    const dialog = this.page.getByRole('dialog', { name: 'Save view' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name)
    if (options.pinned) await dialog.getByRole('checkbox', { name: 'Pin to the sidebar' }).check()
    await dialog.getByRole('button', { name: 'Save view' }).click()
    await dialog.waitFor({ state: 'detached' })
  }

  async openExplainTab() {
    await this.drawer.getByRole('tab', { name: 'Explain with AI' }).click()
    return this.drawer.getByRole('tabpanel', { name: 'Explain with AI' })
  }
}
