import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadAiConfig } from '../../server/ai/config'
import { loadConfig } from '../../server/config'
import { seedDemo } from '../../server/demo/seed'
import { startServer } from '../../server/server'
import { createKey } from '../../server/store/keys'
import { startPosthogShim } from '../../server/test/support/posthog-shim'
import { startProxyServer } from '../../server/upstream/server'
import { FAKE_MODEL, startFakeOpenAI } from '../../server/test/support/fake-openai'
import { knownLogs, otlpPayload } from './known-data'

/**
 * Starts the real server (built app, real DuckDB on a temporary directory) and a local
 * OpenAI-compatible test model, then loads a known data set through OTLP. Workers read the URLs
 * from the environment this sets.
 */
export default async function globalSetup() {
  const ai = await startFakeOpenAI()
  const dataDir = mkdtempSync(join(tmpdir(), 'logdeck-e2e-'))
  const running = await startServer(
    { ...loadConfig([], {}), port: 0, otlpPort: null, demo: false, staticDir: 'dist', logLevel: 'warn', dataDir, memoryLimit: '512MB' },
    { ai: loadAiConfig({ AI_BASE_URL: ai.url, AI_MODEL: FAKE_MODEL, AI_RATE_LIMIT_PER_MIN: '1000' }) },
  )
  const token = running.ctx.envs.get(1)!.projectToken
  // A small, realistic background (the demo generator) so pages are not only the known services.
  await seedDemo(running.ctx, 20_000, () => undefined)
  const res = await fetch(`${running.url}/v1/logs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(otlpPayload(knownLogs(Date.now()))),
  })
  if (!res.ok) throw new Error(`Seeding the known data failed: ${res.status} ${await res.text()}`)
  // PostHog mode: a proxy (serving the same app) → a shim with PostHog's quirks → this server.
  const { secret } = await createKey(running.ctx.db, { label: 'e2e-proxy', scopes: ['*'], environmentIds: null })
  const shim = await startPosthogShim(running.url)
  const proxy = await startProxyServer({
    ...running.ctx.config,
    port: 0,
    posthog: { host: shim.url, apiKey: secret, environmentId: 1, timeoutMs: 10_000 },
  })
  process.env.E2E_BASE_URL = running.url.replace('127.0.0.1', 'localhost')
  process.env.E2E_PROXY_URL = proxy.url.replace('127.0.0.1', 'localhost')
  process.env.E2E_PROXY_KEY = secret
  process.env.E2E_AI_URL = ai.url
  process.env.E2E_PROJECT_TOKEN = token
  return async () => {
    await proxy.close()
    await shim.close()
    await running.close()
    await ai.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
