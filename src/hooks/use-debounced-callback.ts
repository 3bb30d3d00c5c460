import { useCallback, useEffect, useRef } from 'react'

/** Returns a stable function that calls the latest `callback` once calls stop for `delayMs`. */
export function useDebouncedCallback<A extends unknown[]>(callback: (...args: A) => void, delayMs: number) {
  const callbackRef = useRef(callback)
  const timerRef = useRef<number | undefined>(undefined)

  useEffect(() => {
    callbackRef.current = callback
  }, [callback])
  useEffect(() => () => window.clearTimeout(timerRef.current), [])

  return useCallback(
    (...args: A) => {
      window.clearTimeout(timerRef.current)
      timerRef.current = window.setTimeout(() => callbackRef.current(...args), delayMs)
    },
    [delayMs],
  )
}
