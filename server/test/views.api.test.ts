import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './support/server'

const V = '/api/environments/1/logs/views'
let s: TestServer

beforeAll(async () => {
  s = await startTestServer()
})
afterAll(async () => {
  await s?.stop()
})

describe('saved views', () => {
  it('creates, retrieves, patches, replaces and deletes a view by short_id', async () => {
    const filters = { dateRange: { date_from: '-24h' }, severityLevels: ['error'], serviceNames: ['checkout'], searchTerm: 'timeout' }
    const created = await s.api(V, { body: { name: 'Checkout errors', filters, pinned: true, id: 'ignored', short_id: 'ignored1', created_by: { id: 99 } } })
    expect(created.status).toBe(201)
    const v = created.body
    expect(v).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      short_id: expect.stringMatching(/^[A-Za-z0-9_-]{8}$/),
      name: 'Checkout errors',
      filters,
      pinned: true,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      created_by: { id: 1, uuid: expect.any(String), distinct_id: 'local', first_name: 'Local', last_name: 'user', email: 'local@logdeck.invalid' },
    })
    expect(v.short_id).not.toBe('ignored1')
    const got = await s.api(`${V}/${v.short_id}/`)
    expect(got.body).toEqual(v)

    const patched = await s.api(`${V}/${v.short_id}`, { method: 'PATCH', body: { pinned: false } })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ name: 'Checkout errors', filters, pinned: false })

    const put = await s.api(`${V}/${v.short_id}`, { method: 'PUT', body: { name: 'Renamed' } })
    expect(put.body).toMatchObject({ name: 'Renamed', filters: {}, pinned: false })

    const del = await s.api(`${V}/${v.short_id}`, { method: 'DELETE' })
    expect(del.status).toBe(204)
    expect((await s.api(`${V}/${v.short_id}`)).status).toBe(404)
    expect((await s.api(`${V}/${v.short_id}`, { method: 'PATCH', body: { name: 'x' } })).status).toBe(404)
  })

  it('lists newest first, paginates with absolute links, and filters pinned', async () => {
    const names = ['L1', 'L2', 'L3', 'L4', 'L5']
    for (const [i, name] of names.entries()) await s.api(V, { body: { name, pinned: i % 2 === 0, filters: {} } })
    const page1 = await s.api(`${V}?limit=2`)
    expect(page1.body.results.map((v: any) => v.name)).toEqual(['L5', 'L4'])
    expect(page1.body.previous).toBeNull()
    expect(page1.body.next).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/environments\/1\/logs\/views\/?\?limit=2&offset=2$/)
    expect(page1.body.next.startsWith(s.url)).toBe(true)
    const page2 = await s.api(page1.body.next.replace(s.url, ''))
    expect(page2.body.results.map((v: any) => v.name)).toEqual(['L3', 'L2'])
    expect(page2.body.previous).toMatch(/limit=2$/)
    const pinned = await s.api(`${V}?pinned=true`)
    expect(pinned.body.results.map((v: any) => v.name)).toEqual(['L5', 'L3', 'L1'])
    expect(pinned.body.count).toBe(3)
    const bad = await s.api(`${V}?limit=0`)
    expect(bad.status).toBe(400)
    expect(bad.body.attr).toBe('limit')
  })

  it('validates names and filters with the field that is wrong', async () => {
    const cases: [unknown, string, string][] = [
      [{}, 'name', 'required'],
      [{ name: '   ' }, 'name', 'blank'],
      [{ name: 'x'.repeat(401) }, 'name', 'max_length'],
      [{ name: 'ok', filters: 'nope' }, 'filters', 'invalid_input'],
      [{ name: 'ok', filters: { dateRange: { date_from: 'someday' } } }, 'filters__dateRange__date_from', 'invalid_input'],
      [{ name: 'ok', filters: { dateRange: { date_from: '-1h', date_to: '-2h' } } }, 'filters__dateRange__date_from', 'invalid_input'],
      [{ name: 'ok', filters: { severityLevels: ['loud'] } }, 'filters__severityLevels__0', 'invalid_choice'],
      [{ name: 'ok', filters: { filterGroup: [{ key: 'a', operator: 'regex', value: '[' }] } }, 'filters__filterGroup__values__0__value', 'invalid_input'],
      [{ name: 'ok', pinned: 'yes' }, 'pinned', 'invalid_input'],
    ]
    for (const [body, attr, code] of cases) {
      const r = await s.api(V, { body })
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(r.body, JSON.stringify(body)).toMatchObject({ type: 'validation_error', attr, code })
    }
    const form = await s.api(V, { method: 'POST', raw: 'name=From%20a%20form&pinned=true', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(form.status).toBe(201)
    expect(form.body).toMatchObject({ name: 'From a form', pinned: true, filters: {} })
  })

  it('keeps environments apart', async () => {
    const env2 = await s.ctx.envs.create('views-2')
    const mine = await s.api(V, { body: { name: 'env1 view' } })
    expect((await s.api(`/api/environments/${env2.id}/logs/views/${mine.body.short_id}`)).status).toBe(404)
    expect((await s.api(`/api/environments/${env2.id}/logs/views/${mine.body.short_id}`, { method: 'DELETE' })).status).toBe(404)
    const list2 = await s.api(`/api/environments/${env2.id}/logs/views`)
    expect(list2.body.count).toBe(0)
  })

  it('hands out 1,000 unique short_ids and never reuses a deleted one', async () => {
    const ids: string[] = []
    for (let batch = 0; batch < 100; batch++) {
      const made = await Promise.all(Array.from({ length: 10 }, (_, i) => s.api(V, { body: { name: `bulk ${batch}-${i}` } })))
      for (const r of made) {
        expect(r.status).toBe(201)
        ids.push(r.body.short_id)
      }
    }
    expect(new Set(ids).size).toBe(1000)
    expect(ids.every((id) => /^[A-Za-z0-9_-]{8}$/.test(id))).toBe(true)
    const deleted = ids[0]!
    await s.api(`${V}/${deleted}`, { method: 'DELETE' })
    const rows = await s.ctx.db.all(`SELECT count(*) AS n FROM views WHERE short_id = '${deleted}'`)
    expect(rows[0]!.n).toBe(1) // the row stays, so the UNIQUE constraint keeps the id out of reach
  })
})
