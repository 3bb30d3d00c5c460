/** A small keep-alive HTTP client: cheaper per request than fetch, so the client costs little CPU. */
import { Agent, request } from 'node:http'

const agent = new Agent({ keepAlive: true, maxSockets: 256 })

export interface Answer {
  status: number
  text: string
  /** Wall time from sending to the last byte, ms. */
  ms: number
}

export function send(method: string, url: string, body?: Buffer | string, headers: Record<string, string> = {}, timeoutMs = 120_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const u = new URL(url)
    const req = request(
      {
        agent,
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method,
        headers: body === undefined ? headers : { 'content-length': String(Buffer.byteLength(body)), ...headers },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }))
        res.on('error', reject)
      },
    )
    req.on('timeout', () => req.destroy(new Error(`${method} ${u.pathname} timed out after ${timeoutMs} ms`)))
    req.on('error', reject)
    req.end(body)
  })
}

/** JSON in, JSON out; throws on a non-2xx answer with what came back. */
export async function api<T = unknown>(base: string, method: string, path: string, body?: unknown): Promise<{ body: T; ms: number; status: number }> {
  const a = await send(method, base + path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? {} : { 'content-type': 'application/json' })
  if (a.status < 200 || a.status > 299) throw new Error(`${method} ${path} answered ${a.status}: ${a.text.slice(0, 500)}`)
  return { body: (a.text ? JSON.parse(a.text) : null) as T, ms: a.ms, status: a.status }
}

export function closeConnections() {
  agent.destroy()
}
