/** The part of autocannon 9's API the load figures use (the package ships no types). */
declare module 'autocannon' {
  export interface Request {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string
  }
  export interface Options {
    url: string
    connections?: number
    duration?: number
    timeout?: number
    pipelining?: number
    requests?: Request[]
  }
  export interface Percentiles {
    average: number
    min: number
    max: number
    p50: number
    p90: number
    p97_5: number
    p99: number
    totalCount?: number
    total?: number
  }
  export interface Result {
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    resets: number
    '2xx': number
    '5xx': number
    statusCodeStats: Record<string, { count: number }>
    latency: Percentiles
    requests: Percentiles & { sent: number }
  }
  function autocannon(opts: Options): Promise<Result>
  export default autocannon
}
