/**
 * The real server as a child process (`node --import tsx server/main.ts`), so that what is measured
 * is what `npm start` runs: its own event loop, its own heap, its RSS readable from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface ChildServerOptions {
  dataDir: string
  /** Served app (`--static-dir`); default off (API only). */
  staticDir?: string | null
  memoryLimit?: string
  logLevel?: 'silent' | 'error' | 'warn' | 'info'
  /** More server flags. */
  args?: string[]
  /** Flags for node itself (e.g. `--cpu-prof`). */
  nodeArgs?: string[]
  env?: Record<string, string>
  /** How long to wait for "Logdeck is running". */
  startTimeoutMs?: number
}

export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface ChildServer {
  url: string
  token: string
  pid: number
  proc: ChildProcess
  output(): { stdout: string; stderr: string }
  /** Resident memory now and its peak so far (VmRSS / VmHWM from /proc/<pid>/status), in bytes. */
  memory(): { rss: number; hwm: number } | null
  /** CPU the server has used so far (all threads), ms. */
  cpuMs(): number
  exited: Promise<Exit>
  /** SIGTERM (the server finishes queued writes and closes the store), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<Exit>
  /** `kill -9`: no chance to flush or close anything. */
  kill9(): Promise<Exit>
}

/** CPU time a process has used so far (user + system, all its threads), ms; 10 ms resolution. */
export function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second).
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return NaN
  }
}

export function procMemory(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') }
  } catch {
    return null
  }
}

/** Runs `server/main.ts` with the given flags and resolves once it has started (or rejects with its output). */
export function spawnServer(opts: ChildServerOptions): { proc: ChildProcess; exited: Promise<Exit>; output: () => { stdout: string; stderr: string } } {
  const args = [
    ...(opts.nodeArgs ?? []),
    '--import',
    'tsx',
    'server/main.ts',
    '--data-dir',
    opts.dataDir,
    '--port',
    '0',
    '--no-otlp',
    '--no-demo',
    '--static-dir',
    opts.staticDir ?? 'off',
    '--log-level',
    opts.logLevel ?? 'warn',
    ...(opts.memoryLimit ? ['--memory-limit', opts.memoryLimit] : []),
    ...(opts.args ?? []),
  ]
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env }
  for (const k of Object.keys(env)) if (k.startsWith('LOGDECK_') && !opts.env?.[k]) delete env[k]
  delete env.NODE_OPTIONS
  const proc = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout = (stdout + d).slice(-200_000)))
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-200_000)))
  const exited = new Promise<Exit>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })))
  return { proc, exited, output: () => ({ stdout, stderr }) }
}

export async function startChildServer(opts: ChildServerOptions): Promise<ChildServer> {
  const { proc, exited, output } = spawnServer(opts)
  const started = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL')
      reject(new Error(`The server did not start within ${opts.startTimeoutMs ?? 60_000} ms.\n${output().stdout}\n${output().stderr}`))
    }, opts.startTimeoutMs ?? 60_000)
    const check = () => {
      const out = output().stdout
      const url = /Logdeck is running: (http:\/\/\S+)/.exec(out)?.[1]
      const token = /Project token\s+(\S+)/.exec(out)?.[1]
      if (url && token) {
        clearTimeout(timer)
        proc.stdout!.off('data', check)
        // The banner names localhost for browsers; the listener is 127.0.0.1.
        resolve({ url: url.replace('//localhost:', '//127.0.0.1:'), token })
      }
    }
    proc.stdout!.on('data', check)
    void exited.then((e) => {
      clearTimeout(timer)
      reject(new Error(`The server exited during start-up (code ${e.code}, signal ${e.signal}).\n${output().stdout}\n${output().stderr}`))
    })
  })
  const stopWith = async (signal: NodeJS.Signals, graceMs: number): Promise<Exit> => {
    if (proc.exitCode !== null || proc.signalCode !== null) return exited
    proc.kill(signal)
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs)
    const e = await exited
    clearTimeout(timer)
    return e
  }
  return {
    ...started,
    pid: proc.pid!,
    proc,
    output,
    memory: () => procMemory(proc.pid!),
    cpuMs: () => procCpuMs(proc.pid!),
    exited,
    stop: (graceMs = 60_000) => stopWith('SIGTERM', graceMs),
    kill9: () => stopWith('SIGKILL', 10_000),
  }
}

/** Waits until the server's output matches `pattern` (polling), and answers the match. */
async function waitForOutput(server: ChildServer, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const match = pattern.exec(server.output().stdout)
    if (match) return match
    if (performance.now() > deadline) throw new Error(`The server did not print ${pattern} within ${timeoutMs} ms.\n${server.output().stdout.slice(-2000)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/**
 * Waits for the server's console line saying it has re-evaluated the stored logs against an
 * enabled set of `rules` rules (server/main.ts, after a rule change); answers how many and how long.
 */
export async function waitForRetag(server: ChildServer, rules: number): Promise<{ logs: string; seconds: number }> {
  const m = await waitForOutput(server, new RegExp(`([\\d,]+) stored logs re-evaluated against the ${rules} enabled rules in ([\\d.]+) s`), 600_000)
  return { logs: m[1]!, seconds: Number(m[2]) }
}
