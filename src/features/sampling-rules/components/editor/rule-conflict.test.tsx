import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import type { RuleResponse } from '@/contract/rules'
import { renderApp } from '@/test/render-app'
import { server } from '@/test/server'
import { apiError, emptyLookups, estimate, makeRule, page, RULE, RULES, SIMULATE_DRAFT } from '../../testing/fixtures'

const mine = makeRule({ name: 'Sample INFO', version: 1, config: { actions: { INFO: { type: 'sample', rate: 0.1 } } } })
const theirs: RuleResponse = {
  ...mine,
  name: 'Sample INFO at 5 %',
  version: 3,
  config: { actions: { INFO: { type: 'sample', rate: 0.05 } } },
} as RuleResponse

let stored: RuleResponse
let patches: Record<string, unknown>[]

beforeEach(() => {
  stored = mine
  patches = []
  server.use(
    ...emptyLookups,
    http.get(RULES, () => HttpResponse.json(page([stored]))),
    http.get(RULE, () => HttpResponse.json(stored)),
    http.post(SIMULATE_DRAFT, () => HttpResponse.json(estimate())),
    http.patch(RULE, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>
      patches.push(body)
      if (body.version !== stored.version) {
        return apiError(409, 'conflict', 'stale_version', `Rule "${stored.name}" was changed by someone else.`)
      }
      stored = { ...stored, ...body, version: stored.version + 1 } as RuleResponse
      return HttpResponse.json(stored)
    }),
  )
})

/** Opens the rule, lets "someone else" save version 3, then edits the name here and saves. */
async function saveOverTheirChange() {
  const app = renderApp(`/sampling-rules/${mine.id}`)
  const name = await screen.findByRole('textbox', { name: 'Name' })
  stored = theirs
  await app.user.clear(name)
  await app.user.type(name, 'Mine')
  await app.user.click(screen.getByRole('button', { name: 'Save changes' }))
  const dialog = await screen.findByRole('alertdialog', { name: 'This rule was changed while you were editing' })
  return { ...app, dialog, name }
}

describe('Saving over a newer version (409)', () => {
  it('shows what changed on the server next to my edit, and "Reload theirs" takes their version', async () => {
    const { user, dialog, name } = await saveOverTheirChange()
    expect(patches).toEqual([expect.objectContaining({ name: 'Mine', version: 1 })])
    expect(dialog).toHaveTextContent('it is now at version 3')

    const rows = within(dialog).getAllByRole('row').slice(1)
    const cells = rows.map((row) => within(row).getAllByRole('cell').map((c) => c.textContent))
    const labels = rows.map((row) => within(row).getByRole('rowheader').textContent)
    expect(labels).toEqual(['Name', 'Config › actions › INFO › rate'])
    expect(cells[0]).toEqual(['Sample INFO', 'Sample INFO at 5 %', 'Mine'])
    expect(cells[1]).toEqual(['0.1', '0.05', '0.1'])

    await user.click(within(dialog).getByRole('button', { name: 'Reload theirs' }))

    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument()
    expect(name).toHaveValue('Sample INFO at 5 %')
    expect(screen.getByRole('textbox', { name: 'Share of INFO logs to keep (%)' })).toHaveValue('5')
    expect(screen.getByText('All changes saved')).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Sample INFO at 5 %')
    expect(patches).toHaveLength(1)

    // The next save carries their version and goes through.
    await user.type(name, '!')
    await user.click(screen.getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(patches).toHaveLength(2))
    expect(patches[1]).toMatchObject({ name: 'Sample INFO at 5 %!', version: 3 })
    expect(await screen.findByText('Saved “Sample INFO at 5 %!”')).toBeInTheDocument()
  })

  it('"Overwrite with mine" saves my version over theirs', async () => {
    const { user, dialog, name } = await saveOverTheirChange()

    await user.click(within(dialog).getByRole('button', { name: 'Overwrite with mine' }))

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument())
    expect(patches).toHaveLength(2)
    expect(patches[1]).toMatchObject({ name: 'Mine', version: 3, config: { actions: { INFO: { type: 'sample', rate: 0.1 } } } })
    expect(await screen.findByText('Saved “Mine”')).toBeInTheDocument()
    expect(name).toHaveValue('Mine')
    expect(stored.version).toBe(4)
    expect(screen.getByText('All changes saved')).toBeInTheDocument()
  })
})
