import { AiConfigError } from './ai/config'
import { ConfigError, loadConfig } from './config'
import { seedDemo, startTrickle, storeIsEmpty } from './demo/seed'
import { startServer } from './server'
import { startProxyServer } from './upstream/server'

async function main() {
  let config
  try {
    config = loadConfig(process.argv.slice(2), process.env)
  } catch (e) {
    if (e instanceof ConfigError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`logdeck: ${(e as Error).message}`)
      process.exit(2)
    }
    throw e
  }
  if (config.posthog) {
    const proxy = await startProxyServer({ ...config, posthog: config.posthog })
    console.log(`\n  Logdeck is running: ${proxy.url.replace('127.0.0.1', 'localhost')}\n\n  Backend   PostHog at ${new URL(config.posthog.host).host}, environment ${config.posthog.environmentId}\n  (the embedded store and OTLP ingestion are off in this mode)\n`)
    const stop = async () => {
      await proxy.close()
      process.exit(0)
    }
    process.on('SIGINT', () => void stop())
    process.on('SIGTERM', () => void stop())
    return
  }
  const running = await startServer(config, {
    onRetag: (r) => {
      if (!r.abandoned && r.logs > 0) console.log(`  Rules changed: ${r.logs.toLocaleString('en-US')} stored logs re-evaluated against the ${r.rules} enabled rules in ${(r.ms / 1000).toFixed(1)} s.`)
    },
  })
  const { ctx } = running
  const env = ctx.envs.get(1)!
  const browserUrl = running.url.replace('127.0.0.1', 'localhost')
  console.log(`
  Logdeck is running: ${browserUrl}

  Data directory   ${config.dataDir}
  Auth             ${config.auth === 'keys' ? 'API keys required (npm run keys -- create --scopes "*")' : 'none (loopback only)'}
  OTLP/HTTP logs   POST ${running.url}/v1/logs${running.otlpUrl ? ` and ${running.otlpUrl}/v1/logs` : ''}
  Project token    ${env.projectToken}   (environment ${env.id})

  Send logs from any OpenTelemetry SDK:
    OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=${running.otlpUrl ?? running.url}/v1/logs
    OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ${env.projectToken}"
`)
  let stopTrickle: (() => void) | null = null
  const shutdown = async (signal: string) => {
    console.log(`\n${signal}: finishing queued writes and closing the store…`)
    stopTrickle?.()
    await running.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  if (config.demo && (await storeIsEmpty(ctx))) {
    const started = Date.now()
    let lastPrint = 0
    const total = await seedDemo(ctx, config.demoRows, (done, want) => {
      if (Date.now() - lastPrint < 1000 && done < want) return
      lastPrint = Date.now()
      const pct = Math.min(100, Math.floor((100 * done) / want))
      const line = `  Seeding demo data: ${done.toLocaleString('en-US')} / ${want.toLocaleString('en-US')} logs (${pct} %)`
      if (process.stdout.isTTY) process.stdout.write(`\r${line}`)
      else console.log(line)
    })
    console.log(`${process.stdout.isTTY ? '\n' : ''}  Demo data ready: ${total.toLocaleString('en-US')} logs over the last 24 h in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`)
  }
  if (config.demo && config.demoRate > 0) {
    stopTrickle = startTrickle(ctx, config.demoRate, (e) => console.error(`demo trickle: ${e.message}`))
  }
}

main().catch((e: Error) => {
  if (e instanceof AiConfigError) {
    console.error(`logdeck: ${e.message}`)
    process.exit(2)
  }
  console.error(`logdeck: ${e.message}`)
  process.exit(1)
})
