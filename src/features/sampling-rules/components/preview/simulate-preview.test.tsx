import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { delay, http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import { renderApp } from '@/test/render-app'
import { server } from '@/test/server'
import { apiError, emptyLookups, estimate, SIMULATE_DRAFT } from '../../testing/fixtures'

let bodies: Record<string, unknown>[]

beforeEach(() => {
  bodies = []
  server.use(...emptyLookups)
})

function answer(respond: (body: Record<string, unknown>, call: number) => Promise<Response> | Response) {
  server.use(
    http.post(SIMULATE_DRAFT, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>
      bodies.push(body)
      return respond(body, bodies.length)
    }),
  )
}

const preview = () => screen.getByRole('complementary', { name: 'Impact preview' })

describe('The live simulate preview', () => {
  it('shows a skeleton while the first estimate loads, then the estimate', async () => {
    answer(async () => {
      await delay(200)
      return HttpResponse.json(estimate({ estimated_reduction_pct: 37.25 }))
    })
    renderApp('/sampling-rules/new')
    await screen.findByRole('heading', { name: 'Preview' })
    expect(within(preview()).getByRole('region', { name: 'Preview' })).toHaveAttribute('aria-busy', 'true')

    expect(await within(preview()).findByText('37.25 %')).toBeInTheDocument()
    expect(within(preview()).getByText('of stored log volume dropped')).toBeInTheDocument()
    expect(within(preview()).getByText('≈ 1,000 logs')).toBeInTheDocument()
    expect(within(preview()).getByText('1,000 of 5,000 (20 %)')).toBeInTheDocument()
    // The draft is sent without its name or switch, behind every enabled rule (no position), over 24 h.
    expect(bodies[0]).toEqual({
      rule_type: 'severity_sampling',
      scope_service: null,
      scope_path_pattern: null,
      scope_attribute_filters: [],
      config: { actions: { DEBUG: { type: 'drop' }, INFO: { type: 'sample', rate: 0.1 } } },
      date_from: '-24h',
    })
  })

  it('asks once for the draft the user stopped at, not for every keystroke', async () => {
    answer((body) => HttpResponse.json(estimate({ estimated_reduction_pct: Number((body.config as any).actions.INFO.rate) * 100 })))
    renderApp('/sampling-rules/new')
    await within(await screen.findByRole('complementary', { name: 'Impact preview' })).findByText('10 %')
    // A fast typist: no pause between keys (jsdom renders far slower than a browser).
    const typist = userEvent.setup({ delay: null })

    const share = screen.getByRole('textbox', { name: 'Share of INFO logs to keep (%)' })
    await typist.clear(share)
    await typist.type(share, '2575')
    await typist.clear(share)
    await typist.type(share, '55')
    expect(await within(preview()).findByText('55 %')).toBeInTheDocument()
    const rates = bodies.map((b) => (b.config as any).actions.INFO.rate)
    expect(rates).toEqual([0.1, 0.55])
  })

  it('cancels the request of a draft the user has moved on from', async () => {
    const signals: AbortSignal[] = []
    server.use(
      http.post(SIMULATE_DRAFT, async ({ request }) => {
        signals.push(request.signal)
        const body = (await request.json()) as Record<string, unknown>
        bodies.push(body)
        if (signals.length === 1) await delay('infinite')
        return HttpResponse.json(estimate({ estimated_reduction_pct: 44 }))
      }),
    )
    const { user } = renderApp('/sampling-rules/new')
    await waitFor(() => expect(signals).toHaveLength(1))

    await user.type(screen.getByRole('textbox', { name: 'Path pattern' }), 'x')
    expect(await within(preview()).findByText('44 %')).toBeInTheDocument()
    expect(signals[0]!.aborted).toBe(true)
    expect(bodies[1]).toMatchObject({ scope_path_pattern: 'x' })
  })

  it('waits for a complete rule, says what is missing, and moves to the window the user picks', async () => {
    answer((body) => HttpResponse.json(estimate({ estimated_reduction_pct: body.date_from === '-7d' ? 3 : 12.5 })))
    const { user, router } = renderApp('/sampling-rules/new')
    await within(await screen.findByRole('complementary', { name: 'Impact preview' })).findByText('12.5 %')

    await user.clear(screen.getByRole('textbox', { name: 'Share of INFO logs to keep (%)' }))
    expect(await within(preview()).findByText('The preview waits for a complete rule')).toBeInTheDocument()
    expect(within(preview()).getByText('INFO: share to keep: Enter the percentage of logs to keep, from 0 to 100.')).toBeInTheDocument()

    await user.type(screen.getByRole('textbox', { name: 'Share of INFO logs to keep (%)' }), '10')
    await user.click(within(preview()).getByRole('radio', { name: '7 d' }))
    expect(await within(preview()).findByText('3 %')).toBeInTheDocument()
    expect(router.state.location.search).toMatchObject({ preview: '7d' })
    expect(bodies.at(-1)).toMatchObject({ date_from: '-7d' })
  })

  it('says when the rule matches nothing, and when the estimate fails, with a Retry that works', async () => {
    answer((_body, call) =>
      call === 1
        ? HttpResponse.json(estimate({ estimated_reduction_pct: 0, matched_logs: 0, dropped_logs: 0 }))
        : call === 2
          ? apiError(503, 'server_error', 'error', 'The log store is busy.')
          : HttpResponse.json(estimate({ estimated_reduction_pct: 8 })),
    )
    const { user } = renderApp('/sampling-rules/new')
    expect(await within(await screen.findByRole('complementary', { name: 'Impact preview' })).findByText('Matches nothing')).toBeInTheDocument()
    expect(within(preview()).getByText(/None of the 8,000 logs stored in this window reaches this rule/)).toBeInTheDocument()

    await user.type(screen.getByRole('textbox', { name: 'Path pattern' }), '^/api')
    const alert = await within(preview()).findByRole('alert')
    expect(alert).toHaveTextContent('Could not estimate this rule')
    expect(alert).toHaveTextContent('The log store is busy.')

    await user.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(await within(preview()).findByText('8 %')).toBeInTheDocument()
    await waitFor(() => expect(bodies).toHaveLength(3))
    expect(bodies[2]).toMatchObject({ scope_path_pattern: '^/api' })
  })
})
