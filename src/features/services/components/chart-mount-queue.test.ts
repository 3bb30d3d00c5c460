import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CHARTS_PER_FRAME, noteScroll, requestChartMount, resetChartMountQueue, SETTLE_MS } from './chart-mount-queue'

const FRAME_MS = 16

describe('chart mount queue', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'] })
    resetChartMountQueue()
  })
  afterEach(() => {
    resetChartMountQueue()
    vi.useRealTimers()
  })

  it(`mounts ${CHARTS_PER_FRAME} charts per frame, in the order they asked`, () => {
    const mounted: number[] = []
    for (let i = 0; i < 5; i++) requestChartMount(() => mounted.push(i))
    expect(mounted).toEqual([])

    vi.advanceTimersByTime(FRAME_MS)
    expect(mounted).toEqual([0, 1].slice(0, CHARTS_PER_FRAME))
    vi.advanceTimersByTime(FRAME_MS)
    expect(mounted).toHaveLength(2 * CHARTS_PER_FRAME)
    vi.advanceTimersByTime(10 * FRAME_MS)
    expect(mounted).toEqual([0, 1, 2, 3, 4])
  })

  it('mounts nothing while the table scrolls, and starts once it has been still for a moment', () => {
    const mounted: string[] = []
    requestChartMount(() => mounted.push('a'))
    requestChartMount(() => mounted.push('b'))
    // A scroll every 50 ms for a second.
    for (let t = 0; t < 1000; t += 50) {
      noteScroll()
      vi.advanceTimersByTime(50)
      expect(mounted).toEqual([])
    }
    vi.advanceTimersByTime(SETTLE_MS - 50 - 1)
    expect(mounted).toEqual([])
    vi.advanceTimersByTime(1 + 2 * FRAME_MS)
    expect(mounted).toEqual(['a', 'b'])
  })

  it('forgets a chart whose row left the screen before its turn', () => {
    const mounted: string[] = []
    const cancels = ['a', 'b', 'c'].map((name) => requestChartMount(() => mounted.push(name)))
    cancels[0]!()
    cancels[2]!()
    vi.advanceTimersByTime(10 * FRAME_MS)
    expect(mounted).toEqual(['b'])
  })
})
