import { screen, waitFor, within } from '@testing-library/react'
import { delay, http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ExplainResponse } from '@/contract/explain'
import type { LogRow } from '@/contract/logs'
import { mockViewport, renderApp } from '@/test/render-app'
import { server } from '@/test/server'

const EXPLAIN = '*/api/environments/:env/logs/explainLogWithAI'

const log: LogRow = {
  uuid: '3f2a1b4c-0000-4000-8000-000000000001',
  timestamp: '2026-03-02T10:00:00.123Z',
  observed_timestamp: null,
  severity_text: 'ERROR',
  severity_number: 17,
  level: 'error',
  service_name: 'payments',
  body: 'payment 7 failed: card processor timeout after 30000ms',
  attributes: { 'http.status_code': '504' },
  resource_attributes: { 'host.name': 'pay-1' },
  trace_id: '0af7651916cd43dd8448eb211c80319c',
  span_id: 'b7ad6b7169203331',
  event_name: '',
}

/** Half an hour ago, or midnight when that was yesterday: "first seen" shows a bare clock for today (format-ago.test.ts has the other days). */
function firstSeenToday(): number {
  const midnight = new Date()
  midnight.setHours(0, 0, 0, 0)
  return Math.max(Date.now() - 30 * 60_000, midnight.getTime())
}

function explanation(overrides: Partial<ExplainResponse> = {}): ExplainResponse {
  return {
    uuid: log.uuid,
    timestamp: log.timestamp,
    force_refresh: false,
    headline: 'Card processor timed out during checkout',
    severity_assessment: 'critical',
    impact_summary: 'Customers cannot pay while the processor does not answer.',
    probable_causes: [
      { hypothesis: 'The card processor is down', confidence: 'high', reasoning: 'The call timed out after 30 s.' },
      { hypothesis: 'Connection pool exhausted', confidence: 'low', reasoning: 'Waiting for a connection also times out.' },
    ],
    immediate_actions: [
      { action: 'Add a circuit breaker', priority: 'later', why: 'Fail fast next time.' },
      { action: "Check the processor's status page", priority: 'now', why: 'Confirms an upstream outage.' },
    ],
    technical_explanation: '- The **HTTP client** gave up after `30000ms`.\n- <script>alert(1)</script> [docs](javascript:alert(1))',
    key_fields: [{ field: 'http.status_code', value: '504', significance: 'Gateway timeout.', attribute_type: 'log' }],
    cached: true,
    generated_at: new Date(Date.now() - 12 * 60_000).toISOString(),
    model: 'fake-model',
    similar: { pattern: 'payment <n> failed: card processor timeout after <n>ms', count_1h: 412, first_seen: new Date(firstSeenToday()).toISOString(), last_seen: null },
    ...overrides,
  }
}

const apiError = (status: number, code: string, detail: string, type = 'server_error') => HttpResponse.json({ type, code, detail, attr: null }, { status })

beforeEach(() => {
  mockViewport(600)
  server.use(
    http.post('*/api/environments/:env/logs/query', () => HttpResponse.json({ results: [log], hasMore: false, nextCursor: null })),
    http.post('*/api/environments/:env/logs/sparkline', () => HttpResponse.json({ results: [] })),
  )
})

async function openExplainTab() {
  const app = renderApp(`/logs?from=2026-03-02T09:00:00.000Z&to=2026-03-02T11:00:00.000Z&log=${log.uuid}&logTs=${log.timestamp}`)
  const drawer = await screen.findByRole('dialog', { name: 'Log details' })
  await app.user.click(await within(drawer).findByRole('tab', { name: 'Explain with AI' }))
  return { ...app, panel: screen.getByRole('tabpanel', { name: 'Explain with AI' }) }
}

describe('Explain with AI', () => {
  it('sends nothing until asked, and says what leaves the server', async () => {
    let calls = 0
    server.use(http.post(EXPLAIN, () => ((calls += 1), HttpResponse.json(explanation(), { status: 201 }))))
    const { panel } = await openExplainTab()
    expect(within(panel).getByRole('button', { name: 'Explain this log' })).toBeInTheDocument()
    expect(panel).toHaveTextContent('sent to the AI model configured on the server, after secrets are redacted')
    await delay(50)
    expect(calls).toBe(0)
  })

  it('shows the explanation: severity, causes, actions, safe markdown, key fields, similar logs, model and age', async () => {
    const bodies: unknown[] = []
    server.use(
      http.post(EXPLAIN, async ({ request }) => {
        bodies.push(await request.json())
        return HttpResponse.json(explanation(), { status: 201 })
      }),
    )
    const { user, panel, searchParams, container } = await openExplainTab()
    await user.click(within(panel).getByRole('button', { name: 'Explain this log' }))

    const result = await within(panel).findByRole('article', { name: 'Card processor timed out during checkout' })
    expect(bodies).toEqual([{ uuid: log.uuid, timestamp: log.timestamp, force_refresh: false }])
    expect(result).toHaveTextContent('Critical')
    expect(result).toHaveTextContent('Customers cannot pay while the processor does not answer.')
    expect(within(result).getByText('high confidence')).toBeInTheDocument()
    expect(within(result).getByText('low confidence')).toBeInTheDocument()
    const actions = within(result).getByRole('heading', { name: 'What to do' }).parentElement!
    expect(within(actions).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      "nowCheck the processor's status pageConfirms an upstream outage.",
      'laterAdd a circuit breakerFail fast next time.',
    ])
    expect(within(result).getByText('HTTP client').tagName).toBe('STRONG')
    expect(result).toHaveTextContent('<script>alert(1)</script>')
    expect(container.querySelector('script')).toBeNull()
    expect(within(result).queryByRole('link', { name: 'docs' })).not.toBeInTheDocument()
    expect(result).toHaveTextContent(/412 logs of this shape in the last hour, first seen \d{2}:\d{2}/)
    expect(result).toHaveTextContent('fake-model · generated 12 min. ago (cached)')

    await user.click(within(result).getByRole('button', { name: 'Filter by http.status_code = 504' }))
    await waitFor(() => expect(JSON.parse(searchParams().get('filters')!)).toEqual([{ key: 'http.status_code', type: 'log_attribute', operator: 'exact', value: '504' }]))
  })

  it('regenerates with force_refresh and copies the explanation as markdown', async () => {
    const bodies: { force_refresh: boolean }[] = []
    server.use(
      http.post(EXPLAIN, async ({ request }) => {
        const body = (await request.json()) as { force_refresh: boolean }
        bodies.push(body)
        const fresh = body.force_refresh
        return HttpResponse.json(
          explanation({ cached: !fresh, headline: fresh ? 'A fresh headline' : 'Card processor timed out during checkout', generated_at: new Date().toISOString() }),
          { status: 201 },
        )
      }),
    )
    const { user, panel } = await openExplainTab()
    await user.click(within(panel).getByRole('button', { name: 'Explain this log' }))
    await within(panel).findByRole('article', { name: 'Card processor timed out during checkout' })

    await user.click(within(panel).getByRole('button', { name: 'Regenerate' }))
    const fresh = await within(panel).findByRole('article', { name: 'A fresh headline' })
    expect(bodies.map((b) => b.force_refresh)).toEqual([false, true])
    expect(fresh).toHaveTextContent('generated just now')
    expect(fresh).not.toHaveTextContent('(cached)')

    await user.click(within(fresh).getByRole('button', { name: 'Copy as markdown' }))
    const copied = await navigator.clipboard.readText()
    expect(copied).toMatch(/^## A fresh headline\n/)
    expect(copied).toContain("- [now] Check the processor's status page: Confirms an upstream outage.")
  })

  it('can be cancelled while the model works, which goes back to the start', async () => {
    let aborted = false
    server.use(
      http.post(EXPLAIN, async ({ request }) => {
        request.signal.addEventListener('abort', () => (aborted = true))
        await delay('infinite')
        return HttpResponse.json({})
      }),
    )
    const { user, panel } = await openExplainTab()
    await user.click(within(panel).getByRole('button', { name: 'Explain this log' }))
    expect(await within(panel).findByRole('status')).toHaveTextContent('Explaining this log…')
    await user.click(within(panel).getByRole('button', { name: 'Cancel' }))

    expect(await within(panel).findByRole('button', { name: 'Explain this log' })).toBeInTheDocument()
    await waitFor(() => expect(aborted).toBe(true))
  })

  it('shows the provider failure in the server words and retries', async () => {
    let calls = 0
    server.use(
      http.post(EXPLAIN, () => {
        calls += 1
        return calls === 1
          ? apiError(502, 'ai_provider_error', 'The AI provider answered 500: upstream overloaded.')
          : HttpResponse.json(explanation(), { status: 201 })
      }),
    )
    const { user, panel } = await openExplainTab()
    await user.click(within(panel).getByRole('button', { name: 'Explain this log' }))

    const alert = await within(panel).findByRole('alert')
    expect(alert).toHaveTextContent('The AI provider could not explain this log')
    expect(alert).toHaveTextContent('The AI provider answered 500: upstream overloaded.')
    expect(alert).toHaveTextContent('HTTP 502 · ai_provider_error')
    await user.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(await within(panel).findByRole('article', { name: 'Card processor timed out during checkout' })).toBeInTheDocument()
    expect(calls).toBe(2)
  })

  it('names the exact variables to set when no provider is configured', async () => {
    server.use(
      http.post(EXPLAIN, () =>
        apiError(
          503,
          'ai_not_configured',
          'AI explanations are not configured (AI_BASE_URL and AI_MODEL are not set). Set AI_BASE_URL to an OpenAI-compatible endpoint and AI_MODEL to a model it serves, plus AI_API_KEY when the provider needs one, then restart the server.',
        ),
      ),
    )
    const { user, panel } = await openExplainTab()
    await user.click(within(panel).getByRole('button', { name: 'Explain this log' }))

    const alert = await within(panel).findByRole('alert')
    expect(alert).toHaveTextContent('AI explanations are not set up on this server')
    const required = within(alert).getByRole('list', { name: /Set these environment variables/ })
    expect(within(required).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['AI_BASE_URL', 'AI_MODEL'])
    const optional = within(alert).getByRole('list', { name: /Also used/ })
    expect(within(optional).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['AI_API_KEY'])
    expect(within(alert).getByRole('button', { name: 'Check again' })).toBeInTheDocument()
  })

  it('says when to retry after a rate limit, and allows it then', async () => {
    let calls = 0
    server.use(
      http.post(EXPLAIN, () => {
        calls += 1
        return calls === 1
          ? HttpResponse.json(
              { type: 'throttled_error', code: 'throttled', detail: 'Too many AI explanations for this environment: the limit is 30 per minute. Try again in 2 s.', attr: null },
              { status: 429, headers: { 'retry-after': '2' } },
            )
          : HttpResponse.json(explanation(), { status: 201 })
      }),
    )
    const { user, panel } = await openExplainTab()
    await user.click(within(panel).getByRole('button', { name: 'Explain this log' }))

    const alert = await within(panel).findByRole('alert')
    expect(alert).toHaveTextContent('Rate limited: try again in 2 s')
    expect(alert).toHaveTextContent('the limit is 30 per minute')
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeDisabled()
    await waitFor(() => expect(within(alert).getByRole('button', { name: 'Retry' })).toBeEnabled(), { timeout: 4000 })
    expect(alert).toHaveTextContent('You can try again now')
    await user.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(await within(panel).findByRole('article', { name: 'Card processor timed out during checkout' })).toBeInTheDocument()
  })
})
