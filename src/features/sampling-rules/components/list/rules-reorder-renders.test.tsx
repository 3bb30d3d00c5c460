import { screen, waitFor, within } from '@testing-library/react'
import { delay, http, HttpResponse } from 'msw'
import type { NamedExoticComponent } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { renderApp } from '@/test/render-app'
import { server } from '@/test/server'
import { makeRule, page, REORDER, RULES } from '../../testing/fixtures'
import type { RuleCellsProps } from './rule-cells'

/** Names of the rules whose cells rendered, one entry per render. */
const rendered = vi.hoisted(() => [] as string[])

// The real memoised RuleCells with a counter in its render function: the memo (and its props
// comparison) stays the module's own, so a row that re-renders needlessly is counted.
vi.mock('./rule-cells', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./rule-cells')>()
  const memoised = actual.RuleCells as NamedExoticComponent<RuleCellsProps> & { type?: (props: RuleCellsProps) => unknown }
  if (typeof memoised.type !== 'function') throw new Error('RuleCells is no longer a memoised component')
  const render = memoised.type
  return {
    ...actual,
    RuleCells: {
      ...memoised,
      type: (props: RuleCellsProps) => {
        rendered.push(props.rule.name)
        return render(props)
      },
    },
  }
})

const table = () => screen.getByRole('table', { name: 'Sampling rules' })

function shownOrder(): string[] {
  return within(table())
    .getAllByRole('rowheader')
    .map((cell) => within(cell).getByRole('link').textContent ?? '')
}

describe('Reordering sampling rules: renders', () => {
  it('re-renders the cells of the two rows that swapped places, and no other row, through lock, answer and unlock', async () => {
    const rules = ['One', 'Two', 'Three', 'Four', 'Five'].map((name) => makeRule({ name }))
    let order = rules
    server.use(
      http.get(RULES, () => HttpResponse.json(page(order))),
      http.post(REORDER, async ({ request }) => {
        const { ordered_ids } = (await request.json()) as { ordered_ids: string[] }
        await delay(100)
        order = ordered_ids.map((id) => rules.find((r) => r.id === id)!)
        return HttpResponse.json(page(order))
      }),
    )
    const { user } = renderApp('/sampling-rules')
    await screen.findByRole('link', { name: 'Five' })
    expect(rendered.filter((name) => name === 'One').length).toBeGreaterThan(0)
    rendered.length = 0

    await user.click(screen.getByRole('button', { name: 'Actions for Four' }))
    await user.click(within(screen.getByRole('menu', { name: 'Actions for Four' })).getByRole('menuitem', { name: 'Move to bottom' }))
    expect(shownOrder()).toEqual(['One', 'Two', 'Three', 'Five', 'Four'])
    await waitFor(() => expect(table()).toHaveAttribute('aria-busy', 'true'))
    // Locked: the switches say so, though their rows' cells did not render again.
    expect(screen.getByRole('switch', { name: 'Enabled: One' })).toHaveAttribute('aria-disabled', 'true')
    await waitFor(() => expect(table()).toHaveAttribute('aria-busy', 'false'))
    expect(shownOrder()).toEqual(['One', 'Two', 'Three', 'Five', 'Four'])

    expect(new Set(rendered)).toEqual(new Set(['Four', 'Five']))
  })
})
