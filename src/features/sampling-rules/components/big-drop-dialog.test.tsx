import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import type { RuleResponse } from '@/contract/rules'
import { renderApp } from '@/test/render-app'
import { server } from '@/test/server'
import { emptyLookups, estimate, makeRule, page, RULE, RULES, SIMULATE_DRAFT, SIMULATE_SAVED } from '../testing/fixtures'

let rule: RuleResponse
let patches: unknown[]
let reduction: number

beforeEach(() => {
  rule = makeRule({ name: 'Drop DEBUG everywhere' })
  patches = []
  reduction = 42.5
  server.use(
    http.get(RULES, () => HttpResponse.json(page([rule]))),
    http.post(SIMULATE_SAVED, () =>
      HttpResponse.json(estimate({ estimated_reduction_pct: reduction, dropped_logs: 3400, total_logs: 8000, dropped_bytes: 2_097_152 })),
    ),
    http.patch(RULE, async ({ request }) => {
      const body = (await request.json()) as Partial<RuleResponse>
      patches.push(body)
      rule = { ...rule, ...body, version: rule.version + 1 } as RuleResponse
      return HttpResponse.json(rule)
    }),
  )
})

describe('Enabling a rule that drops a lot', () => {
  it('asks first, with the estimate, and leaves the rule off when the user declines', async () => {
    const { user } = renderApp('/sampling-rules')
    const toggle = await screen.findByRole('switch', { name: 'Enabled: Drop DEBUG everywhere' })
    await user.click(toggle)

    const dialog = await screen.findByRole('alertdialog', { name: 'Drop 42.5 % of logs?' })
    expect(dialog).toHaveTextContent('Enabling “Drop DEBUG everywhere” would drop an estimated 42.5 %')
    expect(dialog).toHaveTextContent('(3,400 of 8,000 logs, 2 MB)')
    expect(within(dialog).getByRole('button', { name: 'Keep it disabled' })).toHaveFocus()

    await user.click(within(dialog).getByRole('button', { name: 'Keep it disabled' }))
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument()
    expect(toggle).toHaveAttribute('aria-checked', 'false')
    expect(patches).toEqual([])

    await user.click(toggle)
    const again = await screen.findByRole('alertdialog')
    await user.click(within(again).getByRole('button', { name: 'Enable and drop these logs' }))
    expect(toggle).toHaveAttribute('aria-checked', 'true')
    await waitFor(() => expect(patches).toEqual([{ enabled: true }]))
  })

  it('enables at once below the threshold', async () => {
    reduction = 25
    const { user } = renderApp('/sampling-rules')
    const toggle = await screen.findByRole('switch', { name: 'Enabled: Drop DEBUG everywhere' })
    await user.click(toggle)

    await waitFor(() => expect(toggle).toHaveAttribute('aria-checked', 'true'))
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument()
    expect(patches).toEqual([{ enabled: true }])
  })

  it('asks too when the backend gives no estimate (a PostHog placeholder), and says so', async () => {
    server.use(http.post(SIMULATE_SAVED, () => HttpResponse.json({ estimated_reduction_pct: 0, notes: 'Placeholder.' })))
    const { user } = renderApp('/sampling-rules')
    await user.click(await screen.findByRole('switch', { name: 'Enabled: Drop DEBUG everywhere' }))

    const dialog = await screen.findByRole('alertdialog', { name: 'Enable without an estimate?' })
    expect(dialog).toHaveTextContent('could not be estimated: this backend does not compute simulations')
    await user.click(within(dialog).getByRole('button', { name: 'Enable anyway' }))
    await waitFor(() => expect(patches).toEqual([{ enabled: true }]))
  })

  it('turns the switch back and says why when the server refuses', async () => {
    reduction = 5
    server.use(http.patch(RULE, () => HttpResponse.json({ type: 'server_error', code: 'error', detail: 'The store is read-only.', attr: null }, { status: 503 })))
    const { user } = renderApp('/sampling-rules')
    const toggle = await screen.findByRole('switch', { name: 'Enabled: Drop DEBUG everywhere' })
    await user.click(toggle)

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Could not switch the rule; it is back as it was')
    expect(alert).toHaveTextContent('The store is read-only.')
    expect(toggle).toHaveAttribute('aria-checked', 'false')
  })

  it('asks in the editor too, before saving a new rule that is switched on', async () => {
    const posted: unknown[] = []
    server.use(
      ...emptyLookups,
      http.post(SIMULATE_DRAFT, () => HttpResponse.json(estimate({ estimated_reduction_pct: 61 }))),
      http.post(RULES, async ({ request }) => {
        posted.push(await request.json())
        return HttpResponse.json(makeRule({ name: 'Quiet INFO', enabled: true }), { status: 201 })
      }),
    )
    const { user, router } = renderApp('/sampling-rules/new')
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'Quiet INFO')
    await user.click(screen.getByRole('switch', { name: 'Enabled' }))
    await user.click(screen.getByRole('button', { name: 'Create rule' }))

    const dialog = await screen.findByRole('alertdialog', { name: 'Drop 61 % of logs?' })
    expect(posted).toEqual([])
    await user.click(within(dialog).getByRole('button', { name: 'Save, enable and drop these logs' }))

    await waitFor(() => expect(router.state.location.pathname).toBe('/sampling-rules'))
    expect(posted).toEqual([expect.objectContaining({ name: 'Quiet INFO', enabled: true })])
  })
})
