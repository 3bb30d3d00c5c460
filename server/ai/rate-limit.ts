/**
 * A sliding-window limit per key: at most `limit` events in any `windowMs`. Unlike a fixed window it
 * never lets 2× the limit through around a window boundary, and memory stays at `limit` timestamps
 * per key.
 */
export class SlidingWindowLimiter {
  private readonly events = new Map<string, number[]>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Records an event and returns 0, or records nothing and returns the milliseconds until one is allowed. */
  take(key: string): number {
    const t = this.now()
    const times = this.events.get(key) ?? []
    while (times.length > 0 && times[0]! <= t - this.windowMs) times.shift()
    if (times.length >= this.limit) {
      this.events.set(key, times)
      return times[0]! + this.windowMs - t
    }
    times.push(t)
    this.events.set(key, times)
    return 0
  }
}
