import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import type { Explanation } from '../../../src/contract/explain'

/**
 * A stand-in for an OpenAI-compatible chat-completions server, on a real socket.
 *
 * In tests: `const ai = await startFakeOpenAI()`, point AI_BASE_URL at `ai.url`, queue what the next
 * requests get with `ai.script(…)` (after the queue runs out every request gets a valid
 * explanation), and inspect `ai.calls` — every request as received, raw body included, so a test
 * can prove what did or did not reach the provider.
 *
 * As a process (the end-to-end suite): `node --import tsx server/test/support/fake-openai.ts
 * --port 18080`. Another process scripts it over HTTP: `POST /__fake/script` with a behaviour or a
 * list of them, `GET /__fake/calls`, `POST /__fake/reset`.
 */

export type Behaviour =
  /** A well-formed completion whose content is an explanation (by default FAKE_EXPLANATION). */
  | { kind: 'valid'; explanation?: Explanation; model?: string; fenced?: boolean }
  /** A well-formed completion with this exact message content (malformed JSON, prose…). */
  | { kind: 'content'; content: string }
  /** An HTTP error with an OpenAI-style error body. */
  | { kind: 'error'; status: number; message?: string }
  /** Waits before answering as `then` (default: valid); a client that gives up first just goes away. */
  | { kind: 'slow'; delayMs: number; then?: Behaviour }
  /** Like a provider without structured output: 400 naming `response_format` when asked for json_schema, else valid. */
  | { kind: 'reject_json_schema' }

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  /** The raw request body. */
  body: string
  /** The body parsed as JSON, or null when it is not JSON. */
  json: unknown
}

export interface FakeOpenAI {
  /** Base URL including `/v1`, ready for AI_BASE_URL. */
  url: string
  /** Chat-completion requests received, oldest first (control requests are not recorded). */
  calls: RecordedRequest[]
  /** Replaces the queue of behaviours for the next requests. */
  script(next: Behaviour | Behaviour[]): void
  /** Forgets the calls and the queue. */
  reset(): void
  close(): Promise<void>
}

export const FAKE_MODEL = 'fake-model'

export const FAKE_EXPLANATION: Explanation = {
  headline: 'Payment service timed out calling the card processor',
  severity_assessment: 'error',
  impact_summary: 'Checkouts fail for customers while the card processor does not answer.',
  probable_causes: [
    { hypothesis: 'The card processor is slow or down', confidence: 'high', reasoning: 'The request timed out after 30 s.' },
    { hypothesis: 'Connection pool exhaustion', confidence: 'low', reasoning: 'Timeouts can also come from waiting for a connection.' },
  ],
  immediate_actions: [
    { action: "Check the processor's status page", priority: 'now', why: 'Confirms whether the outage is upstream.' },
    { action: 'Add a circuit breaker around the processor call', priority: 'later', why: 'Fails fast instead of holding checkouts.' },
  ],
  technical_explanation: '- The HTTP client gave up after 30 s.\n- No retry is visible in the log.',
  key_fields: [{ field: 'http.status_code', value: '504', significance: 'Gateway timeout from upstream.', attribute_type: 'log' }],
}

export async function startFakeOpenAI(options: { port?: number; host?: string } = {}): Promise<FakeOpenAI> {
  const calls: RecordedRequest[] = []
  let queue: Behaviour[] = []
  const timers = new Set<NodeJS.Timeout>()
  let completionCount = 0

  const respond = (res: ServerResponse, recorded: RecordedRequest, behaviour: Behaviour): void => {
    switch (behaviour.kind) {
      case 'valid': {
        const text = JSON.stringify(behaviour.explanation ?? FAKE_EXPLANATION)
        const model = behaviour.model ?? requestedModel(recorded.json) ?? FAKE_MODEL
        return completion(res, model, behaviour.fenced ? '```json\n' + text + '\n```' : text)
      }
      case 'content':
        return completion(res, requestedModel(recorded.json) ?? FAKE_MODEL, behaviour.content)
      case 'error':
        return sendJson(res, behaviour.status, {
          error: { message: behaviour.message ?? `Fake provider error ${behaviour.status}`, type: 'server_error', param: null, code: null },
        })
      case 'slow': {
        const timer = setTimeout(() => {
          timers.delete(timer)
          if (!res.destroyed) respond(res, recorded, behaviour.then ?? { kind: 'valid' })
        }, behaviour.delayMs)
        timers.add(timer)
        res.on('close', () => {
          clearTimeout(timer)
          timers.delete(timer)
        })
        return
      }
      case 'reject_json_schema': {
        const format = (recorded.json as { response_format?: { type?: unknown } } | null)?.response_format?.type
        if (format !== 'json_schema') return respond(res, recorded, { kind: 'valid' })
        return sendJson(res, 400, {
          error: {
            message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
            type: 'invalid_request_error',
            param: 'response_format',
            code: null,
          },
        })
      }
    }
  }

  const completion = (res: ServerResponse, model: string, content: string): void => {
    completionCount++
    sendJson(res, 200, {
      id: `chatcmpl-fake-${completionCount}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    })
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req)
    const path = new URL(req.url ?? '/', 'http://fake').pathname
    const json = parseJson(body)
    if (req.method === 'POST' && (path === '/v1/chat/completions' || path === '/chat/completions')) {
      const recorded: RecordedRequest = { method: req.method, path, headers: req.headers, body, json }
      calls.push(recorded)
      return respond(res, recorded, queue.shift() ?? { kind: 'valid' })
    }
    if (req.method === 'POST' && path === '/__fake/script') {
      const list: unknown[] = Array.isArray(json) ? json : [json]
      if (!list.every((b) => typeof (b as { kind?: unknown } | null)?.kind === 'string')) {
        return sendJson(res, 400, { error: { message: 'Send a behaviour ({"kind": …}) or a list of them.', type: 'invalid_request_error', param: null, code: null } })
      }
      fake.script(list as Behaviour[])
      return sendJson(res, 200, { queued: queue.length })
    }
    if (req.method === 'GET' && path === '/__fake/calls') return sendJson(res, 200, calls)
    if (req.method === 'POST' && path === '/__fake/reset') {
      fake.reset()
      return sendJson(res, 200, { ok: true })
    }
    sendJson(res, 404, { error: { message: `Unknown route ${req.method} ${path}`, type: 'invalid_request_error', param: null, code: null } })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(e), type: 'server_error', param: null, code: null } })
    })
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 0, host, () => ok())
  })
  const { port } = server.address() as AddressInfo

  const fake: FakeOpenAI = {
    url: `http://${host}:${port}/v1`,
    calls,
    script(next) {
      queue = Array.isArray(next) ? [...next] : [next]
    },
    reset() {
      calls.length = 0
      queue = []
    },
    close() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      return new Promise((ok) => {
        server.close(() => ok())
        // Keep-alive sockets (fetch keeps them) and slow answers in progress would hold close() open.
        server.closeAllConnections()
      })
    },
  }
  return fake
}

function requestedModel(json: unknown): string | null {
  const model = (json as { model?: unknown } | null)?.model
  return typeof model === 'string' && model ? model : null
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')))
    req.on('error', fail)
  })
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href
if (isMain) {
  const { values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' } }, strict: true })
  const fake = await startFakeOpenAI({ port: Number(values.port ?? 18080), host: values.host })
  console.log(`fake OpenAI-compatible server listening on ${fake.url}`)
  const stop = () => void fake.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
