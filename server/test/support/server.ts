import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig, type Config } from '../../config'
import { loadAiConfig } from '../../ai/config'
import { startServer, type RunningServer, type StartOptions } from '../../server'
import { createKey } from '../../store/keys'
import { startProxyServer } from '../../upstream/server'
import { startPosthogShim } from './posthog-shim'

export interface TestServer extends RunningServer {
  dataDir: string
  token: string
  /** `fetch` against the server with JSON in and out. */
  api(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string>; raw?: string | Buffer }): Promise<{ status: number; body: any; headers: Headers }>
  /** Sends an OTLP/JSON export request; resolves with the HTTP status. */
  sendOtlp(payload: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>
  stop(opts?: { keepData?: boolean }): Promise<void>
}

/**
 * A real server on a temporary data directory and a free port: what the API tests talk to.
 * With LOGDECK_TEST_BACKEND=proxy the same tests run through PostHog mode: a Logdeck proxy in front
 * of a PostHog-quirks shim in front of a real Logdeck server in keys mode (see vitest.config.ts).
 */
export async function startTestServer(overrides: Partial<Config> = {}, dataDir?: string, opts: StartOptions = {}): Promise<TestServer> {
  if (process.env.LOGDECK_TEST_BACKEND === 'proxy' && !overrides.auth) return startProxiedTestServer(overrides, dataDir, opts)
  return startEmbeddedTestServer(overrides, dataDir, opts)
}

async function startProxiedTestServer(overrides: Partial<Config>, dataDir: string | undefined, opts: StartOptions): Promise<TestServer> {
  const upstream = await startEmbeddedTestServer({ ...overrides, auth: 'keys' }, dataDir, opts)
  const { secret } = await createKey(upstream.ctx.db, { label: 'proxy', scopes: ['*'], environmentIds: null })
  const shim = await startPosthogShim(upstream.url)
  const proxy = await startProxyServer({
    ...upstream.ctx.config,
    auth: 'none',
    port: 0,
    staticDir: null,
    posthog: { host: shim.url, apiKey: secret, environmentId: 1, timeoutMs: 10_000 },
  })
  return {
    ...upstream,
    url: proxy.url,
    api: clientFor(proxy.url),
    async stop(stopOpts = {}) {
      await proxy.close()
      await shim.close()
      await upstream.stop(stopOpts)
    },
  }
}

async function startEmbeddedTestServer(overrides: Partial<Config> = {}, dataDir?: string, opts: StartOptions = {}): Promise<TestServer> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'logdeck-test-'))
  const config: Config = {
    ...loadConfig([], {}),
    port: 0,
    otlpPort: null,
    demo: false,
    staticDir: null,
    logLevel: 'silent',
    dataDir: dir,
    memoryLimit: '512MB',
    ...overrides,
  }
  const running = await startServer(config, { pipeline: { maxBatchRows: 50_000, maxDelayMs: 5, maxQueuedRows: 1_000_000, decodeWorkers: 1 }, ai: loadAiConfig({}), ...opts })
  const token = running.ctx.envs.get(1)!.projectToken
  const api = clientFor(running.url)
  return {
    ...running,
    dataDir: dir,
    token,
    api,
    async sendOtlp(payload, headers = {}) {
      const r = await api('/v1/logs', { body: payload, headers: { authorization: `Bearer ${token}`, ...headers } })
      return { status: r.status, body: r.body }
    },
    async stop(opts = {}) {
      await running.close()
      if (!opts.keepData) rmSync(dir, { recursive: true, force: true })
    },
  }
}

function clientFor(base: string): TestServer['api'] {
  return async (path, init = {}) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) }
    let body: string | Buffer | undefined = init.raw
    if (init.body !== undefined) {
      body = JSON.stringify(init.body)
      headers['content-type'] ??= 'application/json'
    }
    const res = await fetch(base + path, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body: body as BodyInit | undefined })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      /* not JSON: keep the text so the test can say what came back */
    }
    return { status: res.status, body: parsed, headers: res.headers }
  }
}

type Attr = Record<string, string | number | boolean>
const anyValue = (v: string | number | boolean) =>
  typeof v === 'string' ? { stringValue: v } : typeof v === 'boolean' ? { boolValue: v } : Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v }
const kv = (attrs: Attr = {}) => Object.entries(attrs).map(([key, v]) => ({ key, value: anyValue(v) }))

export interface TestLog {
  service?: string
  body: string
  severity?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL' | 'TRACE' | 'WARNING' | ''
  severityNumber?: number
  timeMs: number
  attributes?: Attr
  resource?: Attr
  traceId?: string
  spanId?: string
}

/** An OTLP/JSON export request, one resource per service, the way an SDK batches. */
export function otlpPayload(logs: TestLog[]) {
  const groups = new Map<string, TestLog[]>()
  for (const l of logs) {
    const key = JSON.stringify([l.service ?? null, l.resource ?? {}])
    const group = groups.get(key)
    if (group) group.push(l)
    else groups.set(key, [l])
  }
  return {
    resourceLogs: [...groups.values()].map((ls) => ({
      resource: { attributes: kv({ ...(ls[0]!.service !== undefined ? { 'service.name': ls[0]!.service } : {}), ...(ls[0]!.resource ?? {}) }) },
      scopeLogs: [
        {
          scope: { name: 'test' },
          logRecords: ls.map((l) => ({
            timeUnixNano: `${BigInt(Math.round(l.timeMs)) * 1_000_000n}`,
            severityText: l.severity ?? 'INFO',
            severityNumber: l.severityNumber ?? 0,
            body: { stringValue: l.body },
            attributes: kv(l.attributes),
            traceId: l.traceId ?? '',
            spanId: l.spanId ?? '',
          })),
        },
      ],
    })),
  }
}
