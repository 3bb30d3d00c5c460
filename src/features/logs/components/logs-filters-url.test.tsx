import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import { mockViewport, renderApp } from '@/test/render-app'
import { server } from '@/test/server'
import { logRow, serveLogs } from '../test-data'

const leaf = { key: 'http.route', operator: 'exact', type: 'log_attribute', value: '/health' }

function url(params: Record<string, unknown>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) search.set(key, typeof value === 'string' ? value : JSON.stringify(value))
  return `/logs?${search}`
}

beforeEach(() => {
  mockViewport(600)
  server.use(
    http.get('*/api/environments/:env/logs/values', ({ request }) => {
      const key = new URL(request.url).searchParams.get('key')
      const names = key === 'service.name' ? ['checkout', 'search'] : ['/health', '/checkout/:id']
      return HttpResponse.json({ results: names.map((name, i) => ({ id: name, name, count: 100 - i })), refreshing: false })
    }),
    http.get('*/api/environments/:env/logs/attributes', ({ request }) => {
      const type = new URL(request.url).searchParams.get('attribute_type')
      const results = type === 'resource' ? [{ name: 'host.name', propertyFilterType: 'log_resource_attribute' }] : [{ name: 'http.route', propertyFilterType: 'log_attribute' }]
      return HttpResponse.json({ results, count: results.length })
    }),
  )
})

describe('Logs explorer filters in the URL', () => {
  it('reads every filter from the URL into the request and the controls', async () => {
    const queries = serveLogs({ results: [logRow()] })
    renderApp(url({ services: 'checkout', severity: ['error', 'warn'], q: 'timeout', filters: [leaf], order: 'earliest', from: '-24h' }))

    await screen.findByRole('grid', { name: 'Logs' })
    expect(queries[0]).toMatchObject({
      dateRange: { date_from: '-24h', date_to: null },
      serviceNames: ['checkout'],
      severityLevels: ['warn', 'error'],
      searchTerm: 'timeout',
      filterGroup: { type: 'AND', values: [leaf] },
      orderBy: 'earliest',
      limit: 100,
    })
    expect(screen.getByRole('button', { name: 'Services: checkout' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Severity: warn, error' })).toBeInTheDocument()
    expect(screen.getByRole('searchbox', { name: 'Search log messages' })).toHaveValue('timeout')
    const chips = screen.getByRole('list', { name: 'Attribute filters' })
    expect(within(chips).getByRole('button', { name: 'Edit filter http.route = /health' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Oldest first' })).toBeInTheDocument()
  })

  it('writes each control to the URL, and back/forward restore the filters', async () => {
    const queries = serveLogs({ results: [logRow()] })
    const { user, searchParams, router } = renderApp('/logs')
    await screen.findByRole('grid', { name: 'Logs' })
    expect(queries[0]).toEqual({ dateRange: { date_from: '-1h', date_to: null }, orderBy: 'latest', limit: 100 })

    await user.type(screen.getByRole('searchbox', { name: 'Search log messages' }), 'payment failed{Enter}')
    await waitFor(() => expect(searchParams().get('q')).toBe('payment failed'))

    await user.click(screen.getByRole('button', { name: 'Severity: All' }))
    await user.click(screen.getByRole('checkbox', { name: 'error' }))
    await waitFor(() => expect(searchParams().get('severity')).toBe('["error"]'))
    await user.keyboard('{Escape}')

    await user.click(screen.getByRole('button', { name: 'Services: All' }))
    await user.click(await screen.findByRole('checkbox', { name: /search/ }))
    await waitFor(() => expect(searchParams().get('services')).toBe('search'))
    await user.click(screen.getByRole('checkbox', { name: /checkout/ }))
    await waitFor(() => expect(JSON.parse(searchParams().get('services')!)).toEqual(['search', 'checkout']))
    await user.keyboard('{Escape}')

    await user.click(screen.getByRole('button', { name: 'Add filter' }))
    const form = screen.getByRole('dialog', { name: 'Add a filter' })
    await user.type(within(form).getByRole('combobox', { name: 'Key' }), 'http.ro')
    await user.click(await within(form).findByRole('option', { name: /http\.route/ }))
    await user.type(within(form).getByRole('combobox', { name: 'Value' }), '/health')
    await user.click(within(form).getByRole('radio', { name: 'Exclude matches' }))
    await user.click(within(form).getByRole('button', { name: 'Add filter' }))
    await waitFor(() =>
      expect(JSON.parse(searchParams().get('filters')!)).toEqual([{ key: 'http.route', type: 'log_attribute', operator: 'is_not', value: '/health' }]),
    )

    await waitFor(() =>
      expect(queries.at(-1)).toMatchObject({
        searchTerm: 'payment failed',
        severityLevels: ['error'],
        serviceNames: ['search', 'checkout'],
        filterGroup: { type: 'AND', values: [{ key: 'http.route', operator: 'is_not', value: '/health' }] },
      }),
    )

    await user.click(screen.getByRole('button', { name: 'Remove filter http.route ≠ /health' }))
    await waitFor(() => expect(searchParams().has('filters')).toBe(false))

    router.history.back()
    await waitFor(() => expect(searchParams().get('filters')).not.toBeNull())
    expect(await screen.findByRole('button', { name: 'Edit filter http.route ≠ /health' })).toBeInTheDocument()
    router.history.back()
    router.history.back()
    await waitFor(() => expect(searchParams().get('services')).toBe('search'))
    expect(screen.getByRole('button', { name: 'Services: search' })).toBeInTheDocument()
    router.history.forward()
    await waitFor(() => expect(screen.getByRole('button', { name: 'Services: search, checkout' })).toBeInTheDocument())

    await user.click(screen.getByRole('button', { name: 'Clear all' }))
    await waitFor(() => expect([...searchParams().keys()]).toEqual([]))
    expect(screen.getByRole('searchbox', { name: 'Search log messages' })).toHaveValue('')
  })

  it('drops what a broken URL gets wrong and keeps the rest', async () => {
    const queries = serveLogs({ results: [logRow()] })
    renderApp(url({ severity: ['nope', 'fatal'], order: 'sideways', filters: [{ key: '', operator: 'exact' }, leaf, { key: 'x', operator: 'regex', value: '(a+)+' }], tz: 'mars' }))

    await screen.findByRole('grid', { name: 'Logs' })
    expect(queries[0]).toMatchObject({ severityLevels: ['error'], orderBy: 'latest', filterGroup: { type: 'AND', values: [leaf] } })
    expect(screen.getByRole('columnheader', { name: 'Time (local)' })).toBeInTheDocument()
  })

  it('opens with the service the Services page links to, "(no service)" included', async () => {
    const queries = serveLogs({ results: [logRow({ service_name: '' })] })
    renderApp('/logs?services=(no service)&from=-6h')
    await screen.findByRole('grid', { name: 'Logs' })
    expect(queries[0]).toMatchObject({ serviceNames: ['(no service)', ''], dateRange: { date_from: '-6h', date_to: null } })
  })
})
