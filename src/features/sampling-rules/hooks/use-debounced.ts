import { useEffect, useLayoutEffect, useRef, useState } from 'react'

/**
 * `value` once `key` (what identifies it, e.g. its JSON) has stayed the same for `delayMs`;
 * `pending` while a newer one is waiting. The first value is taken at once.
 */
export function useDebounced<T>(value: T, key: string, delayMs: number): { value: T; pending: boolean } {
  const [settled, setSettled] = useState({ key, value })
  const latest = useRef(value)
  useLayoutEffect(() => {
    latest.current = value
  })
  useEffect(() => {
    if (key === settled.key) return
    const timer = window.setTimeout(() => setSettled({ key, value: latest.current }), delayMs)
    return () => window.clearTimeout(timer)
  }, [key, delayMs, settled.key])
  return { value: settled.value, pending: key !== settled.key }
}
