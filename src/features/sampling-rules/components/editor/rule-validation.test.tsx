import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import { renderApp } from '@/test/render-app'
import { server } from '@/test/server'
import { emptyLookups, estimate, makeRule, page, RULES, SIMULATE_DRAFT } from '../../testing/fixtures'

let created: unknown[]

beforeEach(() => {
  created = []
  server.use(
    ...emptyLookups,
    http.post(SIMULATE_DRAFT, () => HttpResponse.json(estimate())),
    http.get(RULES, () => HttpResponse.json(page([]))),
    http.post(RULES, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>
      created.push(body)
      return HttpResponse.json(makeRule({ ...body, name: String(body.name) } as never), { status: 201 })
    }),
  )
})

async function openNewRule() {
  const app = renderApp('/sampling-rules/new')
  await screen.findByRole('heading', { level: 1, name: 'New sampling rule' })
  return app
}

/** The error text an input points at through aria-describedby. */
function errorOf(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id.endsWith('-error'))
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
}

describe('Rule form validation (the contract schema, said at each input)', () => {
  it('severity sampling: a name and a share for each sampled level, 0–100 %', async () => {
    const { user } = await openNewRule()
    const info = screen.getByRole('textbox', { name: 'Share of INFO logs to keep (%)' })
    await user.clear(info)
    await user.click(screen.getByRole('button', { name: 'Create rule' }))

    const summary = await screen.findByRole('alert')
    expect(summary).toHaveTextContent('Fix these 2 problems before saving')
    const name = screen.getByRole('textbox', { name: 'Name' })
    expect(name).toHaveAttribute('aria-invalid', 'true')
    expect(errorOf(name)).toBe('Required.')
    await waitFor(() => expect(name).toHaveFocus())
    expect(errorOf(info)).toBe('Enter the percentage of logs to keep, from 0 to 100.')

    await user.type(info, '150')
    expect(errorOf(info)).toBe('Enter the percentage of logs to keep, from 0 to 100.')
    await user.clear(info)
    await user.type(info, 'lots')
    expect(errorOf(info)).toBe('Enter a number.')

    // Switching WARN to sample adds its own share input, required too.
    await user.click(within(screen.getByRole('radiogroup', { name: 'WARN logs' })).getByRole('radio', { name: 'Sample' }))
    expect(errorOf(screen.getByRole('textbox', { name: 'Share of WARN logs to keep (%)' }))).toBe(
      'Enter the percentage of logs to keep, from 0 to 100.',
    )
    expect(created).toEqual([])
  })

  it('path drop: needs a pattern or a filter group, every pattern a safe regex, and the attribute when matching one', async () => {
    const { user } = await openNewRule()
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Drop probes')
    await user.click(screen.getByRole('radio', { name: /Path drop/ }))
    await user.click(screen.getByRole('button', { name: 'Create rule' }))

    const patterns = screen.getByRole('textbox', { name: 'Patterns' })
    expect(errorOf(patterns)).toBe('Add at least one pattern or a condition below; without either the rule could never match.')

    await user.type(patterns, '^/health{enter}{enter}(a+)+$')
    expect(errorOf(patterns)).toMatch(/^Line 3: Regex repeats a group that contains another quantifier/)

    await user.clear(patterns)
    await user.type(patterns, '^/health')
    await user.click(screen.getByRole('radio', { name: 'An attribute' }))
    expect(errorOf(screen.getByRole('combobox', { name: 'Attribute' }))).toBe('Required.')
    expect(created).toEqual([])
  })

  it('rate limit: a whole-number rate, and a burst of at least the rate', async () => {
    const { user } = await openNewRule()
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Cap search')
    await user.click(screen.getByRole('radio', { name: /Rate limit/ }))
    await user.click(screen.getByRole('button', { name: 'Create rule' }))

    const rate = screen.getByRole('textbox', { name: 'Rate (logs/s)' })
    expect(errorOf(rate)).toBe('Enter a rate.')
    await user.type(rate, '1.5')
    expect(errorOf(rate)).toBe('Enter a whole number.')
    await user.clear(rate)
    await user.type(rate, '10')
    expect(rate).not.toHaveAttribute('aria-invalid')

    const burst = screen.getByRole('textbox', { name: 'Burst (logs)' })
    await user.type(burst, '5')
    expect(errorOf(burst)).toBe('The burst must be at least the rate (10).')
    expect(created).toEqual([])
  })

  it('scope: a valid path regex and a value for conditions that compare one', async () => {
    const { user } = await openNewRule()
    await user.type(screen.getByRole('textbox', { name: 'Path pattern' }), '(unclosed')
    await user.click(screen.getByRole('button', { name: 'Add attribute filter' }))
    await user.type(screen.getByRole('combobox', { name: 'Filter 1 attribute' }), 'customer.tier')
    await user.click(screen.getByRole('button', { name: 'Create rule' }))

    expect(errorOf(screen.getByRole('textbox', { name: 'Path pattern' }))).toMatch(/^Invalid regex/)
    expect(errorOf(screen.getByRole('combobox', { name: 'Filter 1 value' }))).toBe('"eq" needs a value.')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter 1 condition' }), 'is set')
    expect(screen.queryByRole('combobox', { name: 'Filter 1 value' })).not.toBeInTheDocument()
  })

  it('sends the draft the contract expects once every field is valid, and goes to the list', async () => {
    const { user, router } = await openNewRule()
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Drop probes')
    await user.click(screen.getByRole('radio', { name: /Path drop/ }))
    await user.type(screen.getByRole('textbox', { name: 'Patterns' }), '^/health{enter}^/ready')
    await user.type(screen.getByRole('textbox', { name: 'HTTP status at least' }), '500')
    await user.click(screen.getByRole('button', { name: 'Create rule' }))

    await waitFor(() => expect(router.state.location.pathname).toBe('/sampling-rules'))
    expect(created).toEqual([
      {
        name: 'Drop probes',
        enabled: false,
        priority: null,
        rule_type: 'path_drop',
        scope_service: null,
        scope_path_pattern: null,
        scope_attribute_filters: [],
        config: { patterns: ['^/health', '^/ready'], always_keep: { status_gte: 500 } },
      },
    ])
    expect(await screen.findByText('Created “Drop probes”')).toBeInTheDocument()
  })
})
