import type { Locator, Page } from '@playwright/test'

/** One saved view opened in the explorer (`/views/$shortId`): its state bar and actions. */
export class SavedViewPage {
  readonly saved: Locator
  readonly modified: Locator

  constructor(readonly page: Page) {
    this.saved = page.getByText(/^Showing the view as saved/)
    this.modified = page.getByText('Modified', { exact: true })
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true })
  }

  /** The view's short id, from the address bar. */
  shortId(): string {
    const match = /\/views\/([^/?#]+)/.exec(this.page.url())
    if (!match) throw new Error(`Not on a saved view: ${this.page.url()}`)
    return match[1]!
  }

  async saveChanges() {
    await this.page.getByRole('button', { name: 'Save changes' }).click()
  }
}
