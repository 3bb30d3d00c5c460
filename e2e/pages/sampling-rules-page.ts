import { expect, type Locator, type Page } from '@playwright/test'

/** The sampling rules list as a user sees it: rules in evaluation order, their handles, switches and menus. */
export class SamplingRulesPage {
  readonly table: Locator
  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Sampling rules' })
  }

  /** Opens the list and waits for the rules (the skeleton has the table's name too). */
  async goto() {
    await this.page.goto('/sampling-rules')
    await this.table.getByRole('rowheader').first().waitFor()
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader').getByRole('link', { name, exact: true }) })
  }

  /** Rule names top to bottom. */
  names(): Promise<string[]> {
    return this.table.getByRole('rowheader').getByRole('link').allInnerTexts()
  }

  handle(name: string): Locator {
    return this.row(name).getByRole('button', { name: new RegExp(`^Move ${escape(name)},`) })
  }

  enabledSwitch(name: string): Locator {
    return this.row(name).getByRole('switch', { name: `Enabled: ${name}` })
  }

  /** Runs a move and waits until the server has settled it (the table is busy until then). */
  async reorder(action: () => Promise<void>) {
    const sent = this.page.waitForRequest((r) => r.url().includes('/sampling_rules/reorder') && r.method() === 'POST')
    await action()
    await sent
    await expect(this.table).toHaveAttribute('aria-busy', 'false')
  }

  /** Drags `name` by its handle with the mouse and drops it on the row of `onto`. */
  async dragOnto(name: string, onto: string) {
    await this.settled()
    const from = await this.handle(name).boundingBox()
    const to = await this.row(onto).boundingBox()
    if (!from || !to) throw new Error(`No box for ${name} or ${onto}`)
    const x = from.x + from.width / 2
    const y = from.y + from.height / 2
    const mouse = this.page.mouse
    await mouse.move(x, y)
    await mouse.down()
    await mouse.move(x, y + (to.y > from.y ? 8 : -8), { steps: 2 })
    await mouse.move(x, to.y + to.height / 2, { steps: 12 })
    await mouse.up()
  }

  /** Waits until rows stop sliding into place (after a drop they animate to their new positions). */
  async settled() {
    await this.page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running'))
  }

  /** Lifts `name` with Space, moves it with the arrow keys, drops it with Space, as the announcements say. */
  async moveWithKeyboard(name: string, steps: number) {
    await this.settled()
    await this.handle(name).focus()
    const keyboard = this.page.keyboard
    const announced = (text: string) => this.page.getByText(text).waitFor({ state: 'attached' })
    await keyboard.press('Space')
    await announced(`Picked up rule ${name}`)
    const from = (await this.names()).indexOf(name) + 1
    for (let i = 1; i <= Math.abs(steps); i++) {
      await keyboard.press(steps < 0 ? 'ArrowUp' : 'ArrowDown')
      await announced(`Rule ${name} moved to position ${from + Math.sign(steps) * i} of`)
      await this.settled()
    }
    await keyboard.press('Space')
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
