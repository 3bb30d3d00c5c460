/** Reads a V8 `.cpuprofile` (node --cpu-prof) and lists where the time went, by function. */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface HotSpot {
  fn: string
  selfMs: number
  selfPct: number
  /** Time in this function and everything it called. */
  totalMs: number
  totalPct: number
}

/**
 * The largest profile of one kind of thread in a directory: the main thread's (thread id 0 in the
 * file name node gives it, `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`), or a worker's —
 * the busiest worker writes the largest one (the ingest decoding workers, not tsx's loader thread).
 */
export function largestProfile(dir: string, thread: 'main' | 'worker' = 'main'): string | null {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile') && /\.\d+\.0\.\d+\.cpuprofile$/.test(f) === (thread === 'main'))
  if (files.length === 0) return null
  return join(dir, files.sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size)[0]!)
}

export function hotSpots(file: string, top = 25): { totalMs: number; idleMs: number; spots: HotSpot[] } {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const name = (n: ProfileNode) => {
    const cf = n.callFrame
    const file = cf.url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules\/)/, '$1').replace(/^.*\/work\/main\//, '')
    return `${cf.functionName || '(anonymous)'} ${file ? `${file}:${cf.lineNumber + 1}` : ''}`.trim()
  }
  const self = new Map<string, number>()
  const total = new Map<string, number>()
  let all = 0
  let idle = 0
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i] ?? 0) / 1000
    all += dt
    const node = byId.get(id)!
    if (node.callFrame.functionName === '(idle)') idle += dt
    self.set(name(node), (self.get(name(node)) ?? 0) + dt)
    const seen = new Set<string>()
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = name(byId.get(cur)!)
      if (seen.has(k)) continue
      seen.add(k)
      total.set(k, (total.get(k) ?? 0) + dt)
    }
  })
  const busy = all - idle
  const spots = [...self.entries()]
    .filter(([k]) => !k.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, ms]) => ({ fn, selfMs: ms, selfPct: (100 * ms) / busy, totalMs: total.get(fn) ?? ms, totalPct: (100 * (total.get(fn) ?? ms)) / busy }))
  return { totalMs: all, idleMs: idle, spots }
}

/** Busy time (not idle) spent under functions whose name matches, as a share of busy time. */
export function inclusiveShare(file: string, match: RegExp): number {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  let busy = 0
  let hit = 0
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0
    if (byId.get(id)!.callFrame.functionName === '(idle)') return
    busy += dt
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      if (match.test(byId.get(cur)!.callFrame.functionName)) {
        hit += dt
        break
      }
    }
  })
  return busy === 0 ? 0 : hit / busy
}
