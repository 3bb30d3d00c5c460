import { describe, expect, it } from 'vitest'
import { SlidingWindowLimiter } from './rate-limit'

describe('SlidingWindowLimiter', () => {
  it('allows `limit` events in any window and says how long to wait for the next', () => {
    let now = 0
    const limiter = new SlidingWindowLimiter(3, 60_000, () => now)
    expect([limiter.take('a'), limiter.take('a')]).toEqual([0, 0])
    now = 20_000
    expect(limiter.take('a')).toBe(0)
    expect(limiter.take('a')).toBe(40_000) // the first two leave the window at t = 60 s
    expect(limiter.take('b')).toBe(0) // keys are independent
    now = 60_000
    expect([limiter.take('a'), limiter.take('a')]).toEqual([0, 0])
    expect(limiter.take('a')).toBe(20_000) // the t = 20 s event is still inside
  })

  it('does not record refused events', () => {
    let now = 0
    const limiter = new SlidingWindowLimiter(1, 1_000, () => now)
    limiter.take('a')
    now = 500
    expect(limiter.take('a')).toBe(500)
    now = 1_000
    expect(limiter.take('a')).toBe(0)
  })
})
