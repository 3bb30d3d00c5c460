/**
 * OTLP/HTTP logs ingestion: one ExportLogsServiceRequest (JSON or protobuf, already inflated) in,
 * LogRecord[] out — the whole payload or nothing (api.md, "Ingestion (OpenTelemetry)").
 *
 * The two format readers (otlp-proto.ts, otlp-json.ts) only parse; everything both formats share —
 * limits, attribute maps, how a record is assembled, how an error names its place — lives in the
 * RecordSink below, so the two cannot drift apart.
 */
import { normaliseLevel, type Level } from '../../src/contract/severity'
import { recordBytes, setOwn, type LogRecord } from '../logs/record'
import { decodeJsonLogs } from './otlp-json'
import { decodeProtoLogs } from './otlp-proto'

export class OtlpDecodeError extends Error {
  override readonly name = 'OtlpDecodeError'

  /** `path` names the offending part, e.g. `resourceLogs[0].scopeLogs[1].logRecords[3].body`. */
  constructor(
    message: string,
    readonly path: string | null,
  ) {
    super(message)
  }
}

export type OtlpEncoding = 'json' | 'protobuf'

export interface OtlpDecodeOptions {
  /** Stands in for a missing timestamp, microseconds since the epoch. */
  nowUs: number
  newUuid: () => string
}

/** Whole payload or nothing: any malformed part throws OtlpDecodeError and nothing is returned. */
export function decodeOtlpLogs(body: Buffer, encoding: OtlpEncoding, opts: OtlpDecodeOptions): LogRecord[] {
  return decodeInto(new RecordSink(opts, body.length), body, encoding).records
}

/**
 * The same records handed over in slices of `sliceLogs`, in order, as they are decoded, so that a
 * caller done with a slice lets it go (a payload's records are never all alive at once). Whether
 * the payload is whole is known only at its end: a malformed part throws OtlpDecodeError after
 * earlier slices were handed over, and the caller must then undo what it did with them.
 */
export function decodeOtlpSlices(body: Buffer, encoding: OtlpEncoding, opts: OtlpDecodeOptions, sliceLogs: number, onSlice: (records: LogRecord[]) => void): void {
  const sink = decodeInto(new RecordSink(opts, body.length, sliceLogs, onSlice), body, encoding)
  if (sink.records.length > 0) onSlice(sink.records)
}

function decodeInto(sink: RecordSink, body: Buffer, encoding: OtlpEncoding): RecordSink {
  try {
    if (encoding === 'protobuf') decodeProtoLogs(body, sink)
    else decodeJsonLogs(body, sink)
  } catch (e) {
    if (e instanceof Failure) throw e.toError()
    throw e
  }
  return sink
}

/** Hostile-input limits. A body may be large (stack traces, payload dumps) but not unbounded. */
export const MAX_BODY_BYTES = 1024 * 1024
export const MAX_DEPTH = 32
export const MAX_ATTRIBUTES = 1000
/**
 * Decoded text (bodies, attribute keys and values) may be at most this many times the payload,
 * plus MAX_BODY_BYTES. Flattening repeats a parent key in every child key, so a long key over many
 * tiny leaves would otherwise turn a few megabytes into gigabytes; honest payloads stay near 1×.
 */
export const MAX_EXPANSION = 16

/**
 * Thrown inside the readers. Each enclosing level pushes its own path segment while the failure
 * unwinds (RecordSink.at), so the happy path never builds a path string.
 */
class Failure extends Error {
  readonly segments: string[] = []

  constructor(readonly reason: string) {
    super(reason)
  }

  toError(): OtlpDecodeError {
    const path = this.segments.length === 0 ? null : this.segments.reverse().join('.')
    const where = path === null ? '' : ` at ${path}`
    return new OtlpDecodeError(`Malformed OTLP logs payload${where}: ${this.reason}.`, path)
  }
}

const NO_ATTRIBUTES: Record<string, string> = Object.freeze({})

/** Collects the records of one payload; the format readers (and nothing else) feed it. */
export class RecordSink {
  /** The records not yet handed over (all of them, without `onSlice`). */
  records: LogRecord[] = []
  private attributes: Record<string, string> = {}
  private attributeCount = 0
  private resourceAttributes: Record<string, string> = NO_ATTRIBUTES
  private serviceName = ''
  private resourceBytes = 0
  /** The last severity seen and its level: consecutive records mostly share one. */
  private lastSeverityText = ''
  private lastSeverityNumber = 0
  private lastLevel: Level = normaliseLevel('', 0)

  /** What is left of the decoded-text allowance (MAX_EXPANSION). */
  private textBudget: number

  constructor(
    private readonly opts: OtlpDecodeOptions,
    payloadBytes: number,
    private readonly sliceLogs = Number.POSITIVE_INFINITY,
    private readonly onSlice?: (records: LogRecord[]) => void,
  ) {
    this.textBudget = MAX_EXPANSION * payloadBytes + MAX_BODY_BYTES
  }

  /** A failure to throw; `segment` is the innermost path segment when the caller knows it. */
  fail(reason: string, segment?: string): Failure {
    const failure = new Failure(reason)
    if (segment !== undefined) failure.segments.push(segment)
    return failure
  }

  /** Prefixes a failure unwinding through an enclosing level with that level's segment; rethrow the result. */
  at(error: unknown, segment: string | null): unknown {
    if (segment !== null && error instanceof Failure) error.segments.push(segment)
    return error
  }

  /** Checks the nesting depth of an AnyValue (the outermost value is depth 1). */
  enter(depth: number): void {
    if (depth > MAX_DEPTH) throw this.fail(`values nested deeper than ${MAX_DEPTH} levels`)
  }

  /** Starts a fresh attribute map: a resource's, then each record's. */
  openAttributes(): void {
    this.attributes = {}
    this.attributeCount = 0
  }

  setAttribute(key: string, value: string): void {
    if (++this.attributeCount > MAX_ATTRIBUTES) throw this.fail(`more than ${MAX_ATTRIBUTES} attributes`)
    this.spend(key.length + value.length)
    // A sender's `__proto__` key must become data, not replace the map's prototype.
    setOwn(this.attributes, key, value)
  }

  private spend(chars: number): void {
    if ((this.textBudget -= chars) < 0) throw this.fail(`decodes to more than ${MAX_EXPANSION} times the payload size`)
  }

  /**
   * Turns the open attribute map into the resource of the records that follow. Records of one
   * resource share the (frozen) map: a batch usually has thousands of records and one resource.
   */
  closeResource(): void {
    this.resourceAttributes = Object.freeze(this.attributes)
    this.serviceName = this.resourceAttributes['service.name'] ?? ''
    this.resourceBytes = recordBytes('', NO_ATTRIBUTES, this.resourceAttributes)
  }

  /**
   * Adds one record with the open attribute map. Times are microseconds, or -1 where the sender's
   * nanosecond field was 0 (OTLP's "unknown").
   */
  record(
    timeUs: number,
    observedUs: number,
    severityText: string,
    severityNumber: number,
    body: string,
    traceId: string,
    spanId: string,
    eventName: string,
  ): void {
    if (!(Number.isInteger(severityNumber) && severityNumber >= 0 && severityNumber <= 24)) {
      throw this.fail(`severity number must be an integer from 0 to 24`, 'severityNumber')
    }
    // A UTF-16 unit takes one to three UTF-8 bytes: only bodies past a third of the limit need counting.
    if (body.length > MAX_BODY_BYTES || (body.length > MAX_BODY_BYTES / 3 && Buffer.byteLength(body) > MAX_BODY_BYTES)) {
      throw this.fail(`body larger than ${MAX_BODY_BYTES} bytes`, 'body')
    }
    if (severityText !== this.lastSeverityText || severityNumber !== this.lastSeverityNumber) {
      this.lastSeverityText = severityText
      this.lastSeverityNumber = severityNumber
      this.lastLevel = normaliseLevel(severityText, severityNumber)
    }
    this.spend(body.length)
    const nowUs = this.opts.nowUs
    const attributes = this.attributes
    this.records.push({
      uuid: this.opts.newUuid(),
      timestampUs: timeUs >= 0 ? timeUs : observedUs >= 0 ? observedUs : nowUs,
      observedUs: observedUs >= 0 ? observedUs : nowUs,
      severityText,
      severityNumber,
      level: this.lastLevel,
      serviceName: this.serviceName,
      body,
      attributes,
      resourceAttributes: this.resourceAttributes,
      traceId,
      spanId,
      eventName,
      // recordBytes is a plain sum, so the resource's share is counted once per resource.
      bytes: recordBytes(body, attributes, NO_ATTRIBUTES) + this.resourceBytes,
    })
    if (this.records.length >= this.sliceLogs) {
      const slice = this.records
      this.records = []
      this.onSlice!(slice)
    }
  }
}
