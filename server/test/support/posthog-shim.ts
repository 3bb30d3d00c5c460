import { createServer, request as httpRequest } from 'node:http'

/**
 * Sits in front of one of our own servers and answers the way a real PostHog host does where it
 * differs from the contract: bare arrays from `sparkline` and `reorder`, 200 instead of 201 from
 * explain, a bare JSON string for 404s, `{detail}` for 405s and `{error}` for server errors.
 * `quirks.placeholderSimulate` also makes simulate answer PostHog's 0.0 placeholder and strips
 * our extension fields (impact_24h, warnings, total_services).
 */
export interface ShimOptions {
  placeholderSimulate?: boolean
}

export async function startPosthogShim(upstream: string, quirks: ShimOptions = {}): Promise<{ url: string; requests: { path: string; authorization: string | undefined }[]; close(): Promise<void> }> {
  const target = new URL(upstream)
  const requests: { path: string; authorization: string | undefined }[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      requests.push({ path: req.url ?? '', authorization: req.headers.authorization })
      const up = httpRequest(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (upRes) => {
          const out: Buffer[] = []
          upRes.on('data', (c: Buffer) => out.push(c))
          upRes.on('end', () => {
            let status = upRes.statusCode ?? 500
            let text = Buffer.concat(out).toString()
            const path = (req.url ?? '').split('?')[0]!.replace(/\/+$/, '')
            let body: any
            try {
              body = text ? JSON.parse(text) : null
            } catch {
              body = null
            }
            if (status < 300 && body) {
              if (path.endsWith('/logs/sparkline')) body = body.results
              if (path.endsWith('/sampling_rules/reorder')) body = body.results
              if (path.endsWith('/explainLogWithAI') && status === 201) status = 200
              if (quirks.placeholderSimulate && path.endsWith('/simulate')) body = { estimated_reduction_pct: 0.0, notes: 'Placeholder until CH-backed simulation is wired.' }
              if (quirks.placeholderSimulate) body = stripExtensions(body)
            } else if (status === 404 && body) body = body.detail
            else if (status === 405 && body) body = { detail: body.detail }
            else if (status >= 500 && body) body = { error: body.detail }
            if (body !== null) text = JSON.stringify(body)
            res.writeHead(status, { 'content-type': 'application/json' })
            res.end(text)
          })
        },
      )
      up.on('error', () => {
        res.writeHead(502)
        res.end('"Bad gateway"')
      })
      up.end(Buffer.concat(chunks))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

function stripExtensions(body: any): any {
  if (Array.isArray(body)) return body.map(stripExtensions)
  if (!body || typeof body !== 'object') return body
  const { impact_24h: _i, warnings: _w, total_services: _t, ...rest } = body
  if (Array.isArray(rest.results)) rest.results = rest.results.map(stripExtensions)
  return rest
}
