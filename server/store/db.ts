import { mkdirSync, accessSync, constants } from 'node:fs'
import { join } from 'node:path'
import {
  DuckDBInstance,
  DuckDBTimestampValue,
  TIMESTAMP,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api'
import { foldDuplicates, OPEN_FOLD_DAYS } from './deltas'
import { migrate } from './migrations'
import { PAGE_MAX_LIMIT } from '../../src/contract/pagination'

export type SqlValue = string | number | boolean | null | bigint | DuckDBTimestampValue
export type Row = Record<string, unknown>

/** Builds positional parameters (`$1`, `$2`, …) while SQL text is assembled, keeping each value beside its type. */
export class Params {
  readonly values: DuckDBValue[] = []
  readonly types: (DuckDBType | undefined)[] = []
  add(value: SqlValue): string {
    this.values.push(value as DuckDBValue)
    this.types.push(value instanceof DuckDBTimestampValue ? TIMESTAMP : undefined)
    return `$${this.values.length}`
  }
  /** A TIMESTAMP parameter from microseconds since the epoch (so block pruning on `timestamp` still works). */
  ts(us: number): string {
    return this.add(new DuckDBTimestampValue(BigInt(Math.trunc(us))))
  }
}

function toJs(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value)
  return value
}

/** A small checkout pool: DuckDB runs one statement at a time per connection, many across connections. */
class ConnectionPool {
  private readonly idle: DuckDBConnection[] = []
  private readonly waiters: ((c: DuckDBConnection) => void)[] = []
  constructor(connections: DuckDBConnection[]) {
    this.idle.push(...connections)
  }
  async use<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    const c = this.idle.pop() ?? (await new Promise<DuckDBConnection>((resolve) => this.waiters.push(resolve)))
    try {
      return await fn(c)
    } finally {
      const next = this.waiters.shift()
      if (next) next(c)
      else this.idle.push(c)
    }
  }
  closeAll() {
    for (const c of this.idle) c.closeSync()
    this.idle.length = 0
  }
}

export interface DbOptions {
  dataDir: string
  memoryLimit: string
  readers?: number
}

/**
 * How much WAL DuckDB lets grow before it checkpoints (its default is 16 MB, about one flush of
 * logs). A checkpoint of a store with a day of logs costs far more than its rows — the rollup and
 * catalog tables and their indexes are rewritten, and so is the logs' last row group, whose
 * strings are decompressed and compressed again each time (FSST in a perf profile) — so fewer,
 * larger checkpoints cost less per log. Server CPU per 1,000 logs on the 10 M-log bench store,
 * alternating runs: 16 MB ~50–65 ms, 64 MB ~36–48, 128 MB ~34–38, 256 MB ~28–31; peak RSS did
 * not move (~1.3–1.4 GiB, set by the 20-rule phase). Durability does not depend on it: a commit
 * is durable once its WAL is synced; a larger WAL only takes longer to replay after a crash.
 */
export const CHECKPOINT_THRESHOLD = '256MB'

/**
 * DuckDB reads a top-N query's other columns only for the rows that make it (late materialization)
 * when its LIMIT is at most this; its default is 50, and a page of logs asks for up to
 * PAGE_MAX_LIMIT + 1 (store/logs.ts readSlice). The bench's newest 101 logs (a first probe of
 * 127 k rows, every column): ~100 ms → ~35 ms.
 */
export const READ_SETTINGS = { late_materialization_max_rows: String(PAGE_MAX_LIMIT + 1) }

/**
 * The one DuckDB file this process owns. Reads go through a pool; writes of small rows (rules, views,
 * keys) go through one serialised connection so they never conflict; the ingest writer has its own.
 */
export class Db {
  private constructor(
    readonly instance: DuckDBInstance,
    private readonly readers: ConnectionPool,
    private readonly writer: ConnectionPool,
    readonly ingestConnection: DuckDBConnection,
    readonly path: string,
    readonly tmpDir: string,
  ) {}

  static async open(opts: DbOptions): Promise<Db> {
    try {
      mkdirSync(opts.dataDir, { recursive: true })
      accessSync(opts.dataDir, constants.W_OK)
    } catch (e) {
      throw new Error(`Data directory ${opts.dataDir} is not writable: ${(e as Error).message}`, { cause: e })
    }
    const path = join(opts.dataDir, 'logdeck.duckdb')
    const tmpDir = join(opts.dataDir, 'tmp')
    mkdirSync(tmpDir, { recursive: true })
    let instance: DuckDBInstance
    try {
      instance = await DuckDBInstance.create(path, {
        memory_limit: opts.memoryLimit,
        temp_directory: tmpDir,
        checkpoint_threshold: CHECKPOINT_THRESHOLD,
        ...READ_SETTINGS,
      })
    } catch (e) {
      throw new Error(`Could not open the store at ${path}: ${(e as Error).message}`, { cause: e })
    }
    const setup = await instance.connect()
    await migrate(setup)
    await foldDuplicates(setup, Date.now() * 1000 - OPEN_FOLD_DAYS * 86_400_000_000)
    setup.closeSync()
    const readerConnections = await Promise.all(Array.from({ length: opts.readers ?? 4 }, () => instance.connect()))
    const writerConnection = await instance.connect()
    const ingestConnection = await instance.connect()
    return new Db(instance, new ConnectionPool(readerConnections), new ConnectionPool([writerConnection]), ingestConnection, path, tmpDir)
  }

  /** Rows as plain objects; BIGINT/HUGEINT become numbers. */
  async all(sql: string, params?: Params): Promise<Row[]> {
    return this.readers.use((c) => run(c, sql, params))
  }

  async one(sql: string, params?: Params): Promise<Row | undefined> {
    return (await this.all(sql, params))[0]
  }

  /** Runs `fn`'s reads in one transaction on one reader connection, so they all see one snapshot of the store. */
  async snapshot<T>(fn: (tx: Reader) => Promise<T>): Promise<T> {
    return this.readers.use(async (c) => {
      await c.run('BEGIN TRANSACTION')
      try {
        return await fn(new Tx(c))
      } finally {
        await c.run('ROLLBACK').catch(() => undefined)
      }
    })
  }

  /** Runs `fn` in one transaction on the serialised write connection. */
  async write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.writer.use(async (c) => {
      await c.run('BEGIN TRANSACTION')
      try {
        const result = await fn(new Tx(c))
        await c.run('COMMIT')
        return result
      } catch (e) {
        await c.run('ROLLBACK').catch(() => undefined)
        throw e
      }
    })
  }

  close() {
    this.readers.closeAll()
    this.writer.closeAll()
    this.ingestConnection.closeSync()
    this.instance.closeSync()
  }
}

/** What reads need: the store, or one transaction of it. */
export type Reader = Pick<Db, 'all' | 'one'>

export class Tx {
  constructor(readonly connection: DuckDBConnection) {}
  all(sql: string, params?: Params): Promise<Row[]> {
    return run(this.connection, sql, params)
  }
  async one(sql: string, params?: Params): Promise<Row | undefined> {
    return (await run(this.connection, sql, params))[0]
  }
}

export async function run(c: DuckDBConnection, sql: string, params?: Params): Promise<Row[]> {
  const reader = await c.runAndReadAll(sql, params?.values, params?.types as DuckDBType[] | undefined)
  const rows = reader.getRowObjectsJS()
  for (const row of rows) for (const k in row) row[k] = toJs(row[k]) as never
  return rows
}

/** Quoted identifier/literal helpers are deliberately absent: every value is a parameter. */
export function usToIso(us: number): string {
  const ms = Math.floor(us / 1000)
  const micros = us - ms * 1000
  const iso = new Date(ms).toISOString() // …sss Z
  return micros === 0 ? iso : `${iso.slice(0, -1)}${String(micros).padStart(3, '0')}Z`
}
