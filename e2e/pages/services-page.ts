import type { Locator, Page } from '@playwright/test'

/** The Services page as a user sees it: the table of services and its controls. */
export class ServicesPage {
  readonly table: Locator
  readonly search: Locator
  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Services' })
    this.search = page.getByRole('searchbox', { name: /search services/i })
  }

  async goto(query = '') {
    await this.page.goto(`/services${query}`)
    await this.table.waitFor()
  }

  row(service: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name: service, exact: true }) })
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

  serviceNames(): Promise<string[]> {
    return this.table.getByRole('row').locator('a[href*="/logs"]').allInnerTexts()
  }
}
