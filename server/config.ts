import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'

/**
 * Every setting has a flag and an environment variable (the flag wins). The README lists them all;
 * keep the two in step.
 */
export interface Config {
  host: string
  port: number
  dataDir: string
  /** Second listener for OTLP/HTTP (the OpenTelemetry default 4318); null when off. */
  otlpPort: number | null
  otlpHost: string
  demo: boolean
  /** Seed size for the demo data on first start. */
  demoRows: number
  /** Live trickle of demo logs per second after seeding (0 = off). */
  demoRate: number
  auth: 'none' | 'keys'
  memoryLimit: string
  /** Largest accepted API request body. */
  maxBodyBytes: number
  /** Largest accepted OTLP request body, compressed and inflated. */
  maxIngestBytes: number
  /** Worker threads that decode OTLP payloads (0: decode on the main thread). */
  ingestWorkers: number
  /** Serve the built app from here (null = do not serve it). */
  staticDir: string | null
  logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug'
  /** Front a real PostHog host instead of the embedded store (POSTHOG_* variables); null = embedded. */
  posthog: PosthogConfig | null
}

export interface PosthogConfig {
  /** Origin of the PostHog host, e.g. https://us.posthog.com (no trailing slash). */
  host: string
  apiKey: string
  /** The environment the app opens by default. */
  environmentId: number
  timeoutMs: number
}

function loadPosthog(env: NodeJS.ProcessEnv): PosthogConfig | null {
  const host = env.POSTHOG_HOST?.trim()
  if (!host) return null
  let url: URL
  try {
    url = new URL(host)
  } catch {
    throw new ConfigError(`POSTHOG_HOST is not a URL (got "${host}"); e.g. https://us.posthog.com.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('POSTHOG_HOST must be an http(s) URL.')
  if (url.username || url.password) throw new ConfigError('POSTHOG_HOST must not contain credentials; put the key in POSTHOG_PERSONAL_API_KEY.')
  const apiKey = env.POSTHOG_PERSONAL_API_KEY?.trim()
  if (!apiKey) throw new ConfigError('POSTHOG_HOST is set but POSTHOG_PERSONAL_API_KEY is not: create a personal API key with the logs:read and logs:write scopes in PostHog.')
  const environmentId = env.POSTHOG_ENVIRONMENT_ID?.trim() ?? ''
  if (!/^\d{1,12}$/.test(environmentId)) throw new ConfigError('POSTHOG_ENVIRONMENT_ID must be the numeric id of the PostHog environment (project) to open, e.g. 12345.')
  return {
    host: url.origin + url.pathname.replace(/\/+$/, ''),
    apiKey,
    environmentId: Number(environmentId),
    timeoutMs: int('POSTHOG_TIMEOUT_MS', env.POSTHOG_TIMEOUT_MS, 30_000, 100, 600_000),
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost'])
export function isLoopbackAddress(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

export class ConfigError extends Error {}

function int(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`)
  return n
}

function bool(raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback
  return !['0', 'false', 'no', 'off'].includes(raw.toLowerCase())
}

/** One decoding worker per core, up to 4 (past that, the single DuckDB writer is the limit). */
const DEFAULT_INGEST_WORKERS = Math.min(4, availableParallelism())

/**
 * DuckDB's memory_limit. It bounds what DuckDB's buffer manager holds (cached blocks of the store,
 * logs not yet checkpointed); the process needs about 0.5 GB beyond it while ingesting at full
 * speed (decoding workers, V8, payloads in flight, DuckDB's allocations outside the limit during
 * checkpoints). Ingesting into the 10 M-log bench store for 150 s at ~145 k logs/s, RSS peaked at
 * 1,586 MiB with 1GB and 1,454 MiB with 768MB, at the same rate; #2 asks for 1.5 GiB.
 */
export const DEFAULT_MEMORY_LIMIT = '768MB'

export function loadConfig(argv: string[], env: NodeJS.ProcessEnv): Config {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'otlp-port': { type: 'string' },
      'no-otlp': { type: 'boolean' },
      'no-demo': { type: 'boolean' },
      'demo-rows': { type: 'string' },
      'demo-rate': { type: 'string' },
      auth: { type: 'string' },
      'memory-limit': { type: 'string' },
      'static-dir': { type: 'string' },
      'log-level': { type: 'string' },
      'ingest-workers': { type: 'string' },
    },
    strict: true,
  })
  const host = values.host ?? env.LOGDECK_HOST ?? '127.0.0.1'
  const auth = (values.auth ?? env.LOGDECK_AUTH ?? 'none') as Config['auth']
  if (auth !== 'none' && auth !== 'keys') throw new ConfigError(`--auth must be "none" or "keys" (got "${auth}").`)
  if (auth === 'none' && !isLoopbackAddress(host)) {
    throw new ConfigError(
      `Refusing to listen on ${host} without API keys: anyone who can reach it could read and change everything. ` +
        'Start with --auth keys (LOGDECK_AUTH=keys) and create a key with `npm run keys -- create --scopes "*"`, or bind to 127.0.0.1.',
    )
  }
  const otlpOff = values['no-otlp'] ?? ['off', 'none', '0'].includes((env.LOGDECK_OTLP_PORT ?? '').toLowerCase())
  const logLevel = (values['log-level'] ?? env.LOGDECK_LOG_LEVEL ?? 'info') as Config['logLevel']
  if (!['silent', 'error', 'warn', 'info', 'debug'].includes(logLevel)) throw new ConfigError(`Unknown log level "${logLevel}".`)
  const staticDir = values['static-dir'] ?? env.LOGDECK_STATIC_DIR ?? 'dist'
  const posthog = loadPosthog(env)
  if (posthog && auth === 'keys') {
    throw new ConfigError('Fronting PostHog (POSTHOG_HOST) has no key store of its own: run it on a loopback address without --auth keys.')
  }
  return {
    host,
    port: int('--port / LOGDECK_PORT', values.port ?? env.LOGDECK_PORT, 8000, 0, 65535),
    dataDir: resolve(values['data-dir'] ?? env.LOGDECK_DATA_DIR ?? '.logdeck'),
    otlpPort: otlpOff ? null : int('--otlp-port / LOGDECK_OTLP_PORT', values['otlp-port'] ?? env.LOGDECK_OTLP_PORT, 4318, 0, 65535),
    otlpHost: env.LOGDECK_OTLP_HOST ?? host,
    demo: !(values['no-demo'] ?? !bool(env.LOGDECK_DEMO, true)),
    demoRows: int('--demo-rows / LOGDECK_DEMO_ROWS', values['demo-rows'] ?? env.LOGDECK_DEMO_ROWS, 2_000_000, 0, 100_000_000),
    demoRate: int('--demo-rate / LOGDECK_DEMO_RATE', values['demo-rate'] ?? env.LOGDECK_DEMO_RATE, 20, 0, 100_000),
    auth,
    memoryLimit: values['memory-limit'] ?? env.LOGDECK_MEMORY_LIMIT ?? DEFAULT_MEMORY_LIMIT,
    maxBodyBytes: int('LOGDECK_MAX_BODY_BYTES', env.LOGDECK_MAX_BODY_BYTES, 1024 * 1024, 1024, 64 * 1024 * 1024),
    maxIngestBytes: int('LOGDECK_MAX_INGEST_BYTES', env.LOGDECK_MAX_INGEST_BYTES, 16 * 1024 * 1024, 1024, 512 * 1024 * 1024),
    ingestWorkers: int('--ingest-workers / LOGDECK_INGEST_WORKERS', values['ingest-workers'] ?? env.LOGDECK_INGEST_WORKERS, DEFAULT_INGEST_WORKERS, 0, 64),
    staticDir: staticDir === '' || staticDir === 'off' ? null : resolve(staticDir),
    logLevel,
    posthog,
  }
}
