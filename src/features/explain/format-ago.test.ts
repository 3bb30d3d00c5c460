import { describe, expect, it } from 'vitest'
import { formatAgo, formatClock } from './format-ago'

describe('formatClock', () => {
  const now = new Date(2026, 2, 2, 10, 0).getTime()

  it('shows a bare clock for earlier today, from midnight on', () => {
    expect(formatClock(new Date(2026, 2, 2, 9, 12).getTime(), now)).toMatch(/^09:12/)
    expect(formatClock(new Date(2026, 2, 2, 0, 0).getTime(), now)).toMatch(/^(00|12):00/)
  })

  it('adds the day for anything before today, even a minute before midnight', () => {
    const lateYesterday = formatClock(new Date(2026, 2, 1, 23, 59).getTime(), now)
    expect(lateYesterday).toMatch(/Mar 1\b/)
    expect(lateYesterday).toMatch(/11:59|23:59/)
    expect(formatClock(new Date(2025, 2, 2, 9, 12).getTime(), now)).toMatch(/Mar 2\b/)
  })
})

describe('formatAgo', () => {
  const now = Date.UTC(2026, 2, 2, 10, 0)
  it.each([
    [10_000, 'just now'],
    [12 * 60_000, '12 min. ago'],
    [3 * 3_600_000, '3 hr. ago'],
    [3 * 86_400_000, '3 days ago'],
  ])('%i ms ago reads "%s"', (ago, text) => {
    expect(formatAgo(now - ago, now)).toBe(text)
  })
})
