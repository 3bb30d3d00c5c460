import type { APIRequestContext } from '@playwright/test'
import { RuleEditorPage } from './pages/rule-editor-page'
import { SamplingRulesPage } from './pages/sampling-rules-page'
import { KNOWN } from './support/known-data'
import { expect, test, uniqueName } from './support/fixtures'

const RULES = '/api/environments/1/logs/sampling_rules'

/** Names of the rules a test makes (through the API or the UI); they are deleted after it. */
const made: string[] = []
const named = (prefix: string) => {
  const name = uniqueName(prefix)
  made.push(name)
  return name
}

async function createRule(request: APIRequestContext, body: { name: string } & Record<string, unknown>): Promise<{ id: string; name: string }> {
  const res = await request.post(RULES, { data: body })
  expect(res.status(), await res.text()).toBe(201)
  return res.json()
}

const dropDebug = (name: string) => ({ name, rule_type: 'severity_sampling', config: { actions: { DEBUG: { type: 'drop' } } } })

test.afterEach(async ({ request }) => {
  const names = made.splice(0)
  const { results } = await (await request.get(`${RULES}?limit=1000`)).json()
  for (const rule of results) if (names.some((n) => rule.name.startsWith(n))) await request.delete(`${RULES}/${rule.id}`)
})

test('creates one rule of each type through the editor', async ({ page, request }) => {
  const editor = new RuleEditorPage(page)
  const list = new SamplingRulesPage(page)
  const names = { severity: named('Sample INFO'), path: named('Drop health'), rate: named('Cap search') }

  await editor.gotoNew()
  await editor.name.fill(names.severity)
  await editor.levelAction('WARN', 'Sample').click()
  await editor.page.getByRole('textbox', { name: 'Share of WARN logs to keep (%)' }).fill('50')
  await editor.field('HTTP status at least').fill('500')
  await editor.save()
  await expect(list.row(names.severity)).toBeVisible()

  await editor.gotoNew()
  await editor.name.fill(names.path)
  await editor.chooseType('Path drop')
  await editor.field('Patterns').fill('^/health$\n^/ready$')
  await editor.save()
  await expect(list.row(names.path)).toBeVisible()

  await editor.gotoNew()
  await editor.name.fill(names.rate)
  await editor.chooseType('Rate limit')
  await editor.field('Service').fill(KNOWN.search.name)
  await editor.field('Rate (logs/s)').fill('20')
  await editor.field('Burst (logs)').fill('60')
  await editor.save()
  await expect(list.row(names.rate)).toBeVisible()

  const all = (await (await request.get(`${RULES}?limit=1000`)).json()).results as any[]
  const mine = Object.fromEntries(all.filter((r) => Object.values(names).includes(r.name)).map((r) => [r.name, r]))
  expect(mine[names.severity]).toMatchObject({
    enabled: false,
    rule_type: 'severity_sampling',
    config: { actions: { DEBUG: { type: 'drop' }, INFO: { type: 'sample', rate: 0.1 }, WARN: { type: 'sample', rate: 0.5 } }, always_keep: { status_gte: 500 } },
  })
  expect(mine[names.path]).toMatchObject({ rule_type: 'path_drop', config: { patterns: ['^/health$', '^/ready$'] } })
  expect(mine[names.rate]).toMatchObject({ rule_type: 'rate_limit', scope_service: KNOWN.search.name, config: { logs_per_second: 20, burst_logs: 60 } })
  // Each new rule goes to the end of the order.
  const order = (await list.names()).filter((n) => Object.values(names).includes(n))
  expect(order).toEqual([names.severity, names.path, names.rate])
})

test('reorders by mouse drag and by keyboard, and the order survives a reload', async ({ page, request }) => {
  const [a, b, c] = [named('Order A'), named('Order B'), named('Order C')]
  for (const name of [a, b, c]) await createRule(request, dropDebug(name))
  const list = new SamplingRulesPage(page)
  const mine = async () => (await list.names()).filter((n) => [a, b, c].includes(n))

  await list.goto()
  expect(await mine()).toEqual([a, b, c])

  await list.reorder(() => list.dragOnto(c, a))
  expect(await mine()).toEqual([c, a, b])

  await list.reorder(() => list.moveWithKeyboard(b, -1))
  expect(await mine()).toEqual([c, b, a])
  await expect(page.getByRole('alert')).toHaveCount(0)
  await expect(list.handle(b)).toBeFocused()

  await list.goto()
  expect(await mine()).toEqual([c, b, a])
})

test('the preview shows the same estimate as the API for the same draft', async ({ page, request }) => {
  const editor = new RuleEditorPage(page)
  await editor.gotoNew()
  await editor.field('Service').fill(KNOWN.checkout.name)
  await editor.levelAction('WARN', 'Drop').click()
  await expect(editor.preview.getByText('of stored log volume dropped')).toBeVisible()
  const shown = await editor.estimate()

  const res = await request.post(`${RULES}/simulate`, {
    data: {
      rule_type: 'severity_sampling',
      scope_service: KNOWN.checkout.name,
      scope_path_pattern: null,
      scope_attribute_filters: [],
      config: { actions: { DEBUG: { type: 'drop' }, INFO: { type: 'sample', rate: 0.1 }, WARN: { type: 'drop' } } },
      date_from: '-24h',
    },
  })
  expect(res.ok()).toBe(true)
  const api = await res.json()
  expect(api.estimated_reduction_pct).toBeGreaterThan(0)
  expect(shown).toBe(`${new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(api.estimated_reduction_pct)} %`)
})

test('enabling a rule that would drop more than 25 % asks first, with the number', async ({ page, request }) => {
  const name = named('Drop almost everything')
  const rule = await createRule(request, {
    name,
    rule_type: 'severity_sampling',
    config: { actions: { DEBUG: { type: 'drop' }, INFO: { type: 'drop' }, WARN: { type: 'drop' } } },
  })
  const list = new SamplingRulesPage(page)
  await list.goto()
  await list.enabledSwitch(name).click()

  const dialog = page.getByRole('alertdialog', { name: /^Drop [\d.,]+ % of logs\?$/ })
  await expect(dialog).toBeVisible()
  const pct = Number((await dialog.getByRole('heading').innerText()).match(/[\d.]+/)![0])
  expect(pct).toBeGreaterThan(25)
  await expect(dialog).toContainText(`Enabling “${name}” would drop an estimated`)

  await dialog.getByRole('button', { name: 'Keep it disabled' }).click()
  await expect(dialog).toBeHidden()
  await expect(list.enabledSwitch(name)).toHaveAttribute('aria-checked', 'false')
  expect((await (await request.get(`${RULES}/${rule.id}`)).json()).enabled).toBe(false)
})

test('two people editing one rule: the second save gets the conflict dialog', async ({ browser, request }) => {
  const name = named('Shared rule')
  const rule = await createRule(request, dropDebug(name))
  const [first, second] = await Promise.all([browser.newContext(), browser.newContext()])
  try {
    const ana = new RuleEditorPage(await first.newPage())
    const ben = new RuleEditorPage(await second.newPage())
    await Promise.all([ana.goto(rule.id), ben.goto(rule.id)])

    await ana.name.fill(`${name} (Ana)`)
    await ana.save()
    await expect(ana.page.getByText(`Saved “${name} (Ana)”`)).toBeVisible()

    await ben.levelAction('INFO', 'Drop').click()
    await ben.save()
    const dialog = ben.dialog('This rule was changed while you were editing')
    await expect(dialog).toBeVisible()
    await expect(dialog.getByRole('row', { name: /^Name/ })).toContainText(`${name} (Ana)`)

    await dialog.getByRole('button', { name: 'Reload theirs' }).click()
    await expect(dialog).toBeHidden()
    await expect(ben.name).toHaveValue(`${name} (Ana)`)
  } finally {
    await Promise.all([first.close(), second.close()])
  }
})
