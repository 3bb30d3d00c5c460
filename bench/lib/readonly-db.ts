/**
 * The store opened READ-ONLY in the bench process, shaped like the server's `Db` so the very store
 * functions behind each endpoint run against it. It times DuckDB itself (statement execution with
 * results materialised in DuckDB's own format) apart from the conversion to JS rows, so a figure can
 * show HTTP time, in-process function time and raw DuckDB time for the same query.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api'
import { DEFAULT_MEMORY_LIMIT } from '../../server/config'
import { READ_SETTINGS, type Db, type Params, type Reader, type Row } from '../../server/store/db'

export class ReadOnlyStore {
  /** DuckDB time of the statements run since the last reset, ms. */
  sqlMs = 0
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /** With the server's default memory limit, so the raw time is taken under the same limit as the server's. */
  static async open(path: string): Promise<ReadOnlyStore> {
    const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY', memory_limit: DEFAULT_MEMORY_LIMIT, ...READ_SETTINGS })
    return new ReadOnlyStore(instance, await instance.connect())
  }

  async all(sql: string, params?: Params): Promise<Row[]> {
    const t = performance.now()
    const reader = await this.connection.runAndReadAll(sql, params?.values, params?.types as DuckDBType[] | undefined)
    this.sqlMs += performance.now() - t
    const rows = reader.getRowObjectsJS()
    for (const row of rows) for (const k in row) if (typeof row[k] === 'bigint') row[k] = Number(row[k]) as never
    return rows
  }

  async one(sql: string, params?: Params): Promise<Row | undefined> {
    return (await this.all(sql, params))[0]
  }

  /** Nothing writes to the read-only copy, so every read already sees one snapshot. */
  snapshot<T>(fn: (tx: Reader) => Promise<T>): Promise<T> {
    return fn(this)
  }

  write(): never {
    throw new Error('The bench opens the store read-only.')
  }

  /** This object where a store function wants the server's Db (it only reads through all/one/snapshot). */
  get db(): Db {
    return this as unknown as Db
  }

  close() {
    this.connection.closeSync()
    this.instance.closeSync()
  }
}
