import { useSyncExternalStore } from 'react'

function subscribe(onChange: () => void) {
  document.addEventListener('visibilitychange', onChange)
  return () => document.removeEventListener('visibilitychange', onChange)
}

const getVisible = () => document.visibilityState !== 'hidden'

/** Whether the tab is visible (`document.visibilityState`); background work should pause when not. */
export function usePageVisible(): boolean {
  return useSyncExternalStore(subscribe, getVisible)
}
