import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import { renderApp } from '@/test/render-app'
import { server } from '@/test/server'
import { emptyLookups, estimate, makeRule, page, RULE, RULES, SIMULATE_DRAFT } from '../../testing/fixtures'

const rule = makeRule({ name: 'Drop DEBUG' })
let deleted: string[]

beforeEach(() => {
  deleted = []
  server.use(
    ...emptyLookups,
    http.get(RULES, () => HttpResponse.json(page(deleted.length ? [] : [rule]))),
    http.get(RULE, () => HttpResponse.json(rule)),
    http.post(SIMULATE_DRAFT, () => HttpResponse.json(estimate())),
    http.delete(RULE, ({ params }) => {
      deleted.push(String(params.id))
      return new HttpResponse(null, { status: 204 })
    }),
  )
})

describe('Leaving the editor', () => {
  it('holds navigation while there are unsaved changes until the user discards them', async () => {
    const { user, router } = renderApp(`/sampling-rules/${rule.id}`)
    const name = await screen.findByRole('textbox', { name: 'Name' })
    const back = within(screen.getByRole('navigation', { name: 'Breadcrumb' })).getByRole('link', { name: 'Sampling rules' })

    // Nothing changed yet: leaving is free.
    expect(screen.getByText('All changes saved')).toBeInTheDocument()
    await user.type(name, ' (edited)')
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument()

    await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Services' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Leave without saving?' })
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }))
    expect(router.state.location.pathname).toBe(`/sampling-rules/${rule.id}`)
    expect(name).toHaveValue('Drop DEBUG (edited)')

    // Changing the preview window is not leaving.
    await user.click(screen.getByRole('radio', { name: '7 d' }))
    await waitFor(() => expect(router.state.location.search).toMatchObject({ preview: '7d' }))
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument()

    await user.click(back)
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Discard changes' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/sampling-rules'))
  })

  it('deletes only after a confirmation that names the rule, then returns to the list', async () => {
    const { user, router } = renderApp(`/sampling-rules/${rule.id}`)
    await user.click(await screen.findByRole('button', { name: 'Delete rule' }))

    const dialog = await screen.findByRole('alertdialog', { name: 'Delete “Drop DEBUG”?' })
    expect(dialog).toHaveTextContent('cannot be restored')
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(deleted).toEqual([])

    await user.click(screen.getByRole('button', { name: 'Delete rule' }))
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete rule' }))

    await waitFor(() => expect(router.state.location.pathname).toBe('/sampling-rules'))
    expect(deleted).toEqual([rule.id])
    expect(await screen.findByText('Deleted “Drop DEBUG”')).toBeInTheDocument()
    expect(await screen.findByRole('heading', { name: 'No sampling rules yet' })).toBeInTheDocument()
  })
})
