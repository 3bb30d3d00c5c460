import { screen, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import type { RuleResponse } from '@/contract/rules'
import { renderApp } from '@/test/render-app'
import { server } from '@/test/server'
import { apiError, emptyLookups, estimate, makeRule, page, RULE, RULES, SIMULATE_DRAFT } from '../../testing/fixtures'

function serve(rule: RuleResponse, patchAnswer: () => Response) {
  const patches: unknown[] = []
  server.use(
    ...emptyLookups,
    http.get(RULES, () => HttpResponse.json(page([rule]))),
    http.get(RULE, () => HttpResponse.json(rule)),
    http.post(SIMULATE_DRAFT, () => HttpResponse.json(estimate())),
    http.patch(RULE, async ({ request }) => {
      patches.push(await request.json())
      return patchAnswer()
    }),
  )
  return patches
}

function errorOf(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id.endsWith('-error'))
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
}

describe('A server 400 lands on the field its attr names', () => {
  it('puts a nested config error on its input, focuses it, and clears it once that input changes', async () => {
    const rule = makeRule({ name: 'Sample INFO', config: { actions: { INFO: { type: 'sample', rate: 0.25 } } } })
    const patches = serve(rule, () => apiError(400, 'validation_error', 'invalid_input', 'Rate must be at most 1.', 'config__actions__INFO__rate'))
    const { user } = renderApp(`/sampling-rules/${rule.id}`)
    const info = await screen.findByRole('textbox', { name: 'Share of INFO logs to keep (%)' })
    expect(info).toHaveValue('25')

    await user.click(screen.getByRole('button', { name: 'Save changes' }))

    await waitFor(() => expect(info).toHaveAttribute('aria-invalid', 'true'))
    expect(errorOf(info)).toBe('Rate must be at most 1.')
    await waitFor(() => expect(info).toHaveFocus())
    expect(patches).toEqual([expect.objectContaining({ version: 1, config: { actions: { INFO: { type: 'sample', rate: 0.25 } } } })])
    expect(patches[0]).not.toHaveProperty('priority')

    await user.clear(info)
    await user.type(info, '30')
    expect(info).not.toHaveAttribute('aria-invalid')
    expect(errorOf(info)).toBe('')
  })

  it('maps a pattern index to its line in the patterns box', async () => {
    const rule = makeRule({ name: 'Drop probes', rule_type: 'path_drop', config: { patterns: ['^/health', '^/ready'] } } as never)
    serve(rule, () => apiError(400, 'validation_error', 'invalid_input', 'Pattern is not allowed here.', 'config__patterns__1'))
    const { user } = renderApp(`/sampling-rules/${rule.id}`)
    const patterns = await screen.findByRole('textbox', { name: 'Patterns' })
    // A blank line between the patterns: the second pattern is on line 3.
    await user.clear(patterns)
    await user.type(patterns, '^/health{enter}{enter}^/ready')
    expect(patterns).toHaveValue('^/health\n\n^/ready')

    await user.click(screen.getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(errorOf(patterns)).toBe('Line 3: Pattern is not allowed here.'))
  })

  it('says what the server refused when no input matches its attr', async () => {
    const rule = makeRule({ name: 'Drop DEBUG' })
    serve(rule, () => apiError(400, 'validation_error', 'invalid_input', 'Rules are read-only in this environment.', null))
    const { user } = renderApp(`/sampling-rules/${rule.id}`)
    // Ctrl+S saves from anywhere in the form.
    await user.click(await screen.findByRole('textbox', { name: 'Name' }))
    await user.keyboard('{Control>}s{/Control}')

    const alerts = await screen.findAllByRole('alert')
    expect(alerts.some((a) => a.textContent?.includes('Fix this problem before saving:Rules are read-only in this environment.'))).toBe(true)
  })
})
