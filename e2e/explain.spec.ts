import { LogsPage } from './pages/logs-page'
import { KNOWN } from './support/known-data'
import { expect, test } from './support/fixtures'

/** The local test model the global setup started; its control routes sit next to `/v1`. */
async function scriptModel(behaviour: unknown) {
  const control = new URL('/__fake/script', process.env.E2E_AI_URL!)
  const res = await fetch(control, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(behaviour) })
  expect(res.ok).toBe(true)
}

test('explains a log with the configured model, regenerates it, and turns a key field into a filter', async ({ page }) => {
  const logs = new LogsPage(page)
  await logs.goto({ services: KNOWN.checkout.name, severity: ['error'] })
  await logs.open('failed: card processor timeout')
  const panel = await logs.openExplainTab()

  await expect(panel.getByText(/after secrets are redacted/)).toBeVisible()
  await panel.getByRole('button', { name: 'Explain this log' }).click()
  const result = panel.getByRole('article')
  await expect(result.getByRole('heading', { name: 'Payment service timed out calling the card processor' })).toBeVisible()
  await expect(result).toContainText('high confidence')
  await expect(result).toContainText(/\d+ logs? of this shape in the last hour, first seen/)
  await expect(result).toContainText('fake-model · generated just now')

  await scriptModel({
    kind: 'valid',
    explanation: {
      headline: 'Regenerated: the processor is overloaded',
      severity_assessment: 'critical',
      impact_summary: 'Payments fail.',
      probable_causes: [{ hypothesis: 'Overload', confidence: 'medium', reasoning: 'Timeouts cluster.' }],
      immediate_actions: [{ action: 'Page the payments team', priority: 'now', why: 'Revenue is at stake.' }],
      technical_explanation: '- Timeouts after **30 s**.',
      key_fields: [{ field: 'http.status_code', value: '504', significance: 'Gateway timeout.', attribute_type: 'log' }],
    },
  })
  await result.getByRole('button', { name: 'Regenerate' }).click()
  await expect(result.getByRole('heading', { name: 'Regenerated: the processor is overloaded' })).toBeVisible()
  await expect(result).toContainText('Critical')
  await expect(result).not.toContainText('(cached)')
  await expect(result.locator('strong')).toHaveText('30 s')

  await result.getByRole('button', { name: 'Filter by http.status_code = 504' }).click()
  await expect(page.getByRole('list', { name: 'Attribute filters' }).getByRole('button', { name: 'Edit filter http.status_code = 504' })).toBeVisible()
  await expect(logs.volumeTotal()).toHaveText(`${KNOWN.checkout.errors} logs in this window`)
})
