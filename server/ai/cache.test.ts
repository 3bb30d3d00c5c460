import { describe, expect, it } from 'vitest'
import { ExpiringLruCache } from './cache'

describe('ExpiringLruCache', () => {
  it('evicts the least recently used entry past its size', () => {
    const cache = new ExpiringLruCache<number>(2, 1_000, () => 0)
    cache.set('a', 1)
    cache.set('b', 2)
    expect(cache.get('a')).toBe(1) // a is now the most recently used
    cache.set('c', 3)
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBe(1)
    expect(cache.get('c')).toBe(3)
  })

  it('forgets entries at their time to live, and set() restarts it', () => {
    let now = 0
    const cache = new ExpiringLruCache<string>(10, 1_000, () => now)
    cache.set('k', 'old')
    now = 999
    expect(cache.get('k')).toBe('old')
    cache.set('k', 'new')
    now = 1_500
    expect(cache.get('k')).toBe('new')
    now = 1_999
    expect(cache.get('k')).toBeUndefined()
  })
})
