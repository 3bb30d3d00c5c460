import type { Locator, Page } from '@playwright/test'

/** The saved views page, its undo toast, and the pinned views in the sidebar. */
export class ViewsPage {
  readonly table: Locator
  readonly sidebar: Locator

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Saved views' })
    this.sidebar = page.getByRole('navigation', { name: 'Pinned views' })
  }

  async goto() {
    await this.page.goto('/views')
    await this.page.getByRole('heading', { level: 1, name: 'Saved views' }).waitFor()
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) })
  }

  sidebarLink(name: string): Locator {
    return this.sidebar.getByRole('link', { name, exact: true })
  }

  async pin(name: string) {
    await this.row(name).getByRole('button', { name: `Pin ${name}`, exact: true }).click()
  }

  async delete(name: string) {
    await this.row(name).getByRole('button', { name: `Delete ${name}`, exact: true }).click()
    await this.page.getByRole('alertdialog', { name: `Delete view "${name}"?` }).getByRole('button', { name: 'Delete view' }).click()
  }

  undoToast(name: string): Locator {
    return this.page.getByRole('status').filter({ hasText: `Deleted view "${name}"` })
  }

  async undo(name: string) {
    await this.undoToast(name).getByRole('button', { name: 'Undo' }).click()
  }
}
