import { NO_SERVICE, sparklineResponseSchema } from '@/contract/logs'
import { apiClient, logsPath } from '@/lib/api-client'
import { resolveTimeRange, toDateRange, type TimeRange } from '@/lib/time-range'
import { seriesByService, type SparklineSeries } from './shape-sparkline'

/**
 * Sparklines are fetched per row, but only rows that are on screen ask (each rendered row's query
 * calls `loadSparkline`). Calls are collected until none has come for a moment (or for at most
 * `BATCH_MAX_WAIT_MS` while rows keep arriving during a scroll) and sent as one
 * `POST logs/sparkline` per 25 services — the API breaks down by at most 25 services before
 * summing the rest as `(other)`. A row that scrolls away before its batch leaves (its query is
 * cancelled) drops out, so flying past thousands of rows asks for none of them.
 */
const SPARKLINE_BATCH_SIZE = 25
const BATCH_IDLE_MS = 50
const BATCH_MAX_WAIT_MS = 300

export interface SparklineScope {
  environmentId: number
  range: TimeRange
}

interface Pending {
  service: string
  resolve: (series: SparklineSeries) => void
  reject: (reason: unknown) => void
  cancelled: boolean
}

interface Batch {
  scope: SparklineScope
  pending: Pending[]
  /** When the batch leaves at the latest. */
  deadline: number
  timer: ReturnType<typeof setTimeout> | undefined
}

const batches = new Map<string, Batch>()

/**
 * The contract answers with `(no service)` for logs without service.name but does not pin down how
 * a filter names them, so both spellings are asked for.
 */
function filterNames(service: string): string[] {
  return service === NO_SERVICE ? [NO_SERVICE, ''] : [service]
}

async function fetchChunk(scope: SparklineScope, services: string[]): Promise<Map<string, SparklineSeries>> {
  const requestedAt = Date.now()
  const response = await apiClient.post(logsPath(scope.environmentId, 'sparkline'), sparklineResponseSchema, {
    query: {
      dateRange: toDateRange(scope.range),
      serviceNames: services.flatMap(filterNames),
      sparklineBreakdownBy: 'service',
    },
  })
  return seriesByService(response.results, services, resolveTimeRange(scope.range, requestedAt))
}

function flush(key: string): void {
  const batch = batches.get(key)
  if (!batch) return
  batches.delete(key)
  const pending = batch.pending.filter((entry) => !entry.cancelled)
  if (pending.length === 0) return
  const services = [...new Set(pending.map((entry) => entry.service))]
  for (let i = 0; i < services.length; i += SPARKLINE_BATCH_SIZE) {
    const chunk = services.slice(i, i + SPARKLINE_BATCH_SIZE)
    const waiting = pending.filter((entry) => chunk.includes(entry.service))
    fetchChunk(batch.scope, chunk).then(
      (series) => waiting.forEach((entry) => entry.resolve(series.get(entry.service)!)),
      (error: unknown) => waiting.forEach((entry) => entry.reject(error)),
    )
  }
}

export function loadSparkline(scope: SparklineScope, service: string, signal?: AbortSignal): Promise<SparklineSeries> {
  return new Promise((resolve, reject) => {
    const key = JSON.stringify([scope.environmentId, scope.range.from, scope.range.to ?? null])
    let batch = batches.get(key)
    if (!batch) {
      batch = { scope, pending: [], deadline: Date.now() + BATCH_MAX_WAIT_MS, timer: undefined }
      batches.set(key, batch)
    }
    clearTimeout(batch.timer)
    batch.timer = setTimeout(() => flush(key), Math.min(BATCH_IDLE_MS, Math.max(0, batch.deadline - Date.now())))
    const entry: Pending = { service, resolve, reject, cancelled: false }
    batch.pending.push(entry)
    signal?.addEventListener(
      'abort',
      () => {
        entry.cancelled = true
        reject(signal.reason)
      },
      { once: true },
    )
  })
}
