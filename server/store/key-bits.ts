/**
 * A 64-bit signature of the attribute KEYS each log has (a one-word Bloom filter), stored per log
 * as `logs.key_bits`. Every key sets two bits chosen by its FNV-1a hash, so a log that has a key
 * has both of its bits set; a log missing either bit certainly lacks the key.
 *
 * Why: the JSON attributes text is the dearest column to read (decompressing it costs several
 * times the rest of a log), and DuckDB reads a column only for the rows that pass the scan's
 * filters. A condition on a key outside the promoted columns can first ask `key_bits` — "might
 * this log have the key?" — so the text is read only for the few logs that might. A false
 * "maybe" (other keys happening to set the same bits: a few percent for logs with ~10 keys) only
 * costs a read; it never changes an answer.
 */

const MAX_CACHED = 50_000
const cache = new Map<string, readonly [hi: number, lo: number]>()

/** FNV-1a over the key's UTF-16 code units (any fixed function would do; this one is fast). */
function fnv1a(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** The key's two bits as the high and low 32-bit halves of the 64-bit mask. */
export function keyMask(key: string): readonly [hi: number, lo: number] {
  let mask = cache.get(key)
  if (mask) return mask
  const h = fnv1a(key)
  let hi = 0
  let lo = 0
  for (const bit of [h & 63, (h >>> 6) & 63]) {
    if (bit >= 32) hi |= 1 << (bit - 32)
    else lo |= 1 << bit
  }
  mask = [hi >>> 0, lo >>> 0]
  // Keys repeat across logs, so the cache almost always answers; a flood of distinct keys only
  // makes it start over.
  if (cache.size >= MAX_CACHED) cache.clear()
  cache.set(key, mask)
  return mask
}

/**
 * A log's signature over its attribute keys, written as the little-endian UBIGINT the writer
 * stores: the low half at `out[at]`, the high half at `out[at + 1]` (no allocation per log).
 */
export function putKeyBits(attributes: Record<string, string>, out: Uint32Array, at: number): void {
  let hi = 0
  let lo = 0
  for (const key in attributes) {
    const m = keyMask(key)
    hi |= m[0]
    lo |= m[1]
  }
  out[at] = lo
  out[at + 1] = hi
}

const pair = new Uint32Array(2)

/** A log's signature over its attribute keys, as its two 32-bit halves. */
export function keyBitsOf(attributes: Record<string, string>): [hi: number, lo: number] {
  putKeyBits(attributes, pair, 0)
  return [pair[1]!, pair[0]!]
}

/** The 64-bit value of a signature or mask. */
export function toUint64([hi, lo]: readonly [number, number]): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo)
}

/**
 * SQL that is true for every log that has `key` among its attributes (and for a few that do not).
 * The mask is a number this module computed, written as a literal so DuckDB can fold it.
 */
export function mayHaveKeySql(key: string): string {
  const m = toUint64(keyMask(key)).toString()
  return `(key_bits & ${m}::UBIGINT) = ${m}::UBIGINT`
}

/** The complement of `mayHaveKeySql`: true only for logs that certainly lack `key`. */
export function lacksKeySql(key: string): string {
  const m = toUint64(keyMask(key)).toString()
  return `(key_bits & ${m}::UBIGINT) <> ${m}::UBIGINT`
}
