import { writeFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { loadAiConfig, type AiConfig } from './ai/config'
import type { Config } from './config'
import type { AppContext } from './context'
import { buildOtlpServer, buildServer } from './http/app'
import { KeyAuthenticator } from './http/auth'
import { DEFAULT_PIPELINE_OPTIONS, IngestPipeline, type PipelineOptions } from './ingest/pipeline'
import { DEFAULT_RETAG_OPTIONS, Retagger, type RetagOptions, type RetagReport } from './rules/retag'
import { RulesRuntimeImpl } from './rules/runtime'
import { Db } from './store/db'
import { ensureDefaults, EnvironmentDirectory } from './store/environments'

export interface RunningServer {
  ctx: AppContext
  /** Re-evaluates stored logs after rule changes; `idle()` waits for it. */
  retagger: Retagger
  url: string
  otlpUrl: string | null
  server: FastifyInstance
  close(): Promise<void>
}

export interface StartOptions {
  /** Defaults: DEFAULT_PIPELINE_OPTIONS, with the configured number of decoding workers. */
  pipeline?: Partial<PipelineOptions>
  retag?: RetagOptions
  /** Told when stored logs have been re-evaluated after a rule change (the default says nothing). */
  onRetag?: (r: RetagReport) => void
  /** Defaults to the AI_* environment variables. */
  ai?: AiConfig
}

/** Opens the store and starts listening. Used by `npm start` and by every API and e2e test. */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const db = await Db.open({ dataDir: config.dataDir, memoryLimit: config.memoryLimit })
  await ensureDefaults(db)
  const envs = new EnvironmentDirectory(db)
  await envs.load()
  const retagger = new Retagger(db, opts.retag ?? DEFAULT_RETAG_OPTIONS, opts.onRetag, (e) => console.error(`logdeck: re-evaluating stored logs for the new rules failed: ${e.message}`))
  const rules = new RulesRuntimeImpl(db, retagger)
  await rules.loadAll(envs.all().map((e) => e.id))
  const ctx: AppContext = {
    config,
    db,
    envs,
    keys: new KeyAuthenticator(db),
    rules,
    ai: opts.ai ?? loadAiConfig(process.env),
    pipeline: new IngestPipeline(db, rules, { ...DEFAULT_PIPELINE_OPTIONS, decodeWorkers: config.ingestWorkers, ...opts.pipeline }),
  }
  const controlToken = randomBytes(24).toString('base64url')
  const server = buildServer(ctx, controlToken)
  const otlp = config.otlpPort === null ? null : buildOtlpServer(ctx)
  try {
    await server.listen({ host: config.host, port: config.port })
    if (otlp) await otlp.listen({ host: config.otlpHost, port: config.otlpPort! })
  } catch (e) {
    await server.close()
    await otlp?.close()
    await retagger.close()
    await ctx.pipeline.close()
    db.close()
    throw e
  }
  const url = listenUrl(server)!
  const otlpUrl = otlp ? listenUrl(otlp) : null
  // Lets `npm run keys` reach the running server (which holds the store's write lock).
  const controlFile = join(config.dataDir, 'control.json')
  writeFileSync(controlFile, JSON.stringify({ url, token: controlToken, pid: process.pid }), { mode: 0o600 })
  let closed = false
  return {
    ctx,
    retagger,
    url,
    otlpUrl,
    server,
    async close() {
      if (closed) return
      closed = true
      await otlp?.close()
      await server.close()
      await retagger.close()
      await ctx.pipeline.close()
      rmSync(controlFile, { force: true })
      db.close()
    },
  }
}


function listenUrl(server: FastifyInstance): string | null {
  const address = server.server.address()
  if (!address || typeof address === 'string') return null
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return `http://${host}:${address.port}`
}
