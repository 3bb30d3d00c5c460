import { screen, waitFor, within } from '@testing-library/react'
import { delay, http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { renderApp } from '@/test/render-app'
import { server } from '@/test/server'
import { apiError, makeRule, page, REORDER, RULES } from '../../testing/fixtures'

/** Rule names in the order the table shows them. */
function shownOrder(): string[] {
  const table = screen.getByRole('table', { name: 'Sampling rules' })
  return within(table)
    .getAllByRole('rowheader')
    .map((cell) => within(cell).getByRole('link').textContent ?? '')
}

async function openMenu(user: ReturnType<typeof renderApp>['user'], name: string) {
  await user.click(screen.getByRole('button', { name: `Actions for ${name}` }))
  return screen.getByRole('menu', { name: `Actions for ${name}` })
}

describe('Reordering sampling rules', () => {
  const rules = [makeRule({ name: 'Keep errors' }), makeRule({ name: 'Drop health checks' }), makeRule({ name: 'Cap search' })]

  it('shows the new order at once, sends every id, then puts the old order back with a toast when the server refuses', async () => {
    const sent: unknown[] = []
    server.use(
      http.get(RULES, () => HttpResponse.json(page(rules))),
      http.post(REORDER, async ({ request }) => {
        sent.push(await request.json())
        await delay(150)
        return apiError(503, 'server_error', 'error', 'The rule store is being migrated; try again in a minute.')
      }),
    )
    const { user } = renderApp('/sampling-rules')
    await screen.findByRole('link', { name: 'Cap search' })
    expect(shownOrder()).toEqual(['Keep errors', 'Drop health checks', 'Cap search'])

    const menu = await openMenu(user, 'Cap search')
    await user.click(within(menu).getByRole('menuitem', { name: 'Move to top' }))

    // Optimistic: on screen before the server answers, with racing controls locked.
    expect(shownOrder()).toEqual(['Cap search', 'Keep errors', 'Drop health checks'])
    await waitFor(() => expect(screen.getByRole('table', { name: 'Sampling rules' })).toHaveAttribute('aria-busy', 'true'))
    expect(screen.getByRole('switch', { name: 'Enabled: Keep errors' })).toHaveAttribute('aria-disabled', 'true')
    expect(screen.getByText('Rule Cap search moved to position 1 of 3.')).toBeInTheDocument()
    expect(sent).toEqual([{ ordered_ids: [rules[2]!.id, rules[0]!.id, rules[1]!.id] }])

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Could not reorder the rules; the previous order is back')
    expect(alert).toHaveTextContent('The rule store is being migrated; try again in a minute.')
    expect(shownOrder()).toEqual(['Keep errors', 'Drop health checks', 'Cap search'])
    expect(screen.getByRole('table', { name: 'Sampling rules' })).toHaveAttribute('aria-busy', 'false')
  })

  it('applies the move to the current list when someone added a rule meanwhile', async () => {
    const added = makeRule({ name: 'Added elsewhere' })
    let stored = [rules[0]!, rules[1]!, added, rules[2]!]
    const sent: string[][] = []
    let reads = 0
    server.use(
      http.get(RULES, () => HttpResponse.json(page(reads++ === 0 ? rules : stored))),
      http.post(REORDER, async ({ request }) => {
        const { ordered_ids } = (await request.json()) as { ordered_ids: string[] }
        sent.push(ordered_ids)
        if (ordered_ids.length !== stored.length) return apiError(400, 'validation_error', 'invalid_input', 'ordered_ids must list every rule exactly once.')
        stored = ordered_ids.map((id) => stored.find((r) => r.id === id)!)
        return HttpResponse.json(page(stored))
      }),
    )
    const { user } = renderApp('/sampling-rules')
    await screen.findByRole('link', { name: 'Cap search' })
    await user.click(within(await openMenu(user, 'Cap search')).getByRole('menuitem', { name: 'Move to top' }))

    await waitFor(() => expect(shownOrder()).toEqual(['Cap search', 'Keep errors', 'Drop health checks', 'Added elsewhere']))
    expect(sent).toEqual([
      [rules[2]!.id, rules[0]!.id, rules[1]!.id],
      [rules[2]!.id, rules[0]!.id, rules[1]!.id, added.id],
    ])
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('keeps the new order the server confirms', async () => {
    let order = rules
    server.use(
      http.get(RULES, () => HttpResponse.json(page(order))),
      http.post(REORDER, async ({ request }) => {
        const { ordered_ids } = (await request.json()) as { ordered_ids: string[] }
        order = ordered_ids.map((id, i) => ({ ...rules.find((r) => r.id === id)!, priority: i, version: 2 }))
        return HttpResponse.json(page(order))
      }),
    )
    const { user } = renderApp('/sampling-rules')
    await screen.findByRole('link', { name: 'Keep errors' })

    const menu = await openMenu(user, 'Keep errors')
    expect(within(menu).getByRole('menuitem', { name: 'Move to top' })).toHaveAttribute('aria-disabled', 'true')
    await user.click(within(menu).getByRole('menuitem', { name: 'Move to bottom' }))

    expect(shownOrder()).toEqual(['Drop health checks', 'Cap search', 'Keep errors'])
    await waitFor(() => expect(screen.getByRole('table', { name: 'Sampling rules' })).toHaveAttribute('aria-busy', 'false'))
    expect(shownOrder()).toEqual(['Drop health checks', 'Cap search', 'Keep errors'])
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })
})
