import type { Locator, Page } from '@playwright/test'

type RuleTypeLabel = 'Severity sampling' | 'Path drop' | 'Rate limit'

/** The rule editor (new or existing): the form, its save button, the preview and its dialogs. */
export class RuleEditorPage {
  readonly name: Locator
  readonly preview: Locator
  constructor(readonly page: Page) {
    this.name = page.getByRole('textbox', { name: 'Name' })
    this.preview = page.getByRole('complementary', { name: 'Impact preview' })
  }

  async gotoNew() {
    await this.page.goto('/sampling-rules/new')
    await this.name.waitFor()
  }

  async goto(id: string) {
    await this.page.goto(`/sampling-rules/${id}`)
    await this.name.waitFor()
  }

  async chooseType(type: RuleTypeLabel) {
    await this.page.getByRole('radio', { name: new RegExp(`^${type}`) }).check()
  }

  /** A text field or a field with suggestions, by its label. */
  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true })
  }

  levelAction(level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR', action: 'Keep' | 'Sample' | 'Drop'): Locator {
    return this.page.getByRole('radiogroup', { name: `${level} logs` }).getByRole('radio', { name: action })
  }

  async save() {
    await this.page.getByRole('button', { name: /^(Create rule|Save changes)$/ }).click()
  }

  /** The estimate in large type once the preview is up to date ("12.5 %"). */
  async estimate(): Promise<string> {
    await this.preview.getByRole('region', { name: 'Preview' }).and(this.page.locator('[aria-busy="false"]')).waitFor()
    return (await this.preview.getByText(/^[\d.,]+ %$/).first().innerText()).trim()
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('alertdialog', { name })
  }
}
