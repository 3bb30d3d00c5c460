import type { Level } from '../../src/contract/severity'

/**
 * One log as the server holds it between decoding and storage — the shape the rule engine
 * evaluates, at ingest (freshly decoded) and in simulation (read back from the store).
 */
export interface LogRecord {
  uuid: string
  /** Event time, microseconds since the epoch (UTC). */
  timestampUs: number
  /** When a collector observed it, microseconds since the epoch (0 when unknown). */
  observedUs: number
  severityText: string
  severityNumber: number
  level: Level
  /** Resource `service.name`; empty when the sender set none. */
  serviceName: string
  body: string
  attributes: Record<string, string>
  resourceAttributes: Record<string, string>
  /** Lower-case hex, empty when absent. */
  traceId: string
  spanId: string
  eventName: string
  /** Uncompressed size in bytes: body + attribute keys and values (what rate limits in KB count). */
  bytes: number
}

/** Sets an attribute as an own data property: a `__proto__` key is data, never the prototype setter. */
export function setOwn(attributes: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(attributes, key, { value, enumerable: true, writable: true, configurable: true })
  else attributes[key] = value
}

/** The "path" of a log: the first non-empty of these attributes (api.md, sampling rules). */
export const PATH_KEYS = ['url.path', 'http.path', 'http.route', 'path'] as const

export function logPath(attributes: Record<string, string>): string {
  for (const key of PATH_KEYS) {
    const v = attributes[key]
    if (v) return v
  }
  return ''
}

export function recordBytes(body: string, attributes: Record<string, string>, resource: Record<string, string>): number {
  let n = Buffer.byteLength(body)
  for (const k in attributes) n += k.length + attributes[k]!.length
  for (const k in resource) n += k.length + resource[k]!.length
  return n
}
