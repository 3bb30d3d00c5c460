/**
 * Mounting a Recharts chart costs several milliseconds (its own store, effects, a layout read), so
 * the services table never mounts many in one task. Sparkline cells show a static SVG at once and
 * queue here for their chart; the queue mounts a few per animation frame, and none while the table
 * is being scrolled — only once it has been still for `SETTLE_MS`. A cell that leaves the screen
 * before its turn drops out of the queue.
 */
export const CHARTS_PER_FRAME = 2
export const SETTLE_MS = 150

type Mount = () => void

const queue = new Set<Mount>()
let lastScrollAt = -Infinity
let frame: number | undefined
let timer: ReturnType<typeof setTimeout> | undefined

const now = () => performance.now()

function schedule(): void {
  if (frame !== undefined || timer !== undefined || queue.size === 0) return
  const wait = lastScrollAt + SETTLE_MS - now()
  if (wait > 0) {
    timer = setTimeout(() => {
      timer = undefined
      schedule()
    }, wait)
    return
  }
  frame = requestAnimationFrame(() => {
    frame = undefined
    // A scroll that started since this frame was asked for postpones it again.
    if (now() - lastScrollAt >= SETTLE_MS) {
      let n = 0
      for (const mount of queue) {
        queue.delete(mount)
        mount()
        if (++n >= CHARTS_PER_FRAME) break
      }
    }
    schedule()
  })
}

/** Queues `mount` (which should set state that renders the chart); returns a function that dequeues it. */
export function requestChartMount(mount: Mount): () => void {
  queue.add(mount)
  schedule()
  return () => {
    queue.delete(mount)
  }
}

/** Called on every scroll of the table: charts wait until scrolling has settled. */
export function noteScroll(): void {
  lastScrollAt = now()
}

/** Whether the table is being scrolled (rows pass under a still pointer then: that is no hover). */
export function isScrolling(): boolean {
  return now() - lastScrollAt < SETTLE_MS
}

/** For tests: forget queued mounts and the last scroll. */
export function resetChartMountQueue(): void {
  queue.clear()
  lastScrollAt = -Infinity
  if (frame !== undefined) cancelAnimationFrame(frame)
  clearTimeout(timer)
  frame = undefined
  timer = undefined
}
