import { useBlocker } from '@tanstack/react-router'
import { useCallback, useRef } from 'react'

/**
 * Holds navigation away from an editor with unsaved changes (links, back button, closing the tab)
 * until the user decides. Changing only the search params of the same page (the preview window,
 * the time range) is not leaving; changing the environment is. `release()` lets the next
 * navigation through, for leaving on purpose right after saving or deleting.
 */
export function useUnsavedGuard(dirty: boolean) {
  const released = useRef(false)
  const blocker = useBlocker({
    shouldBlockFn: ({ current, next }) =>
      !released.current && (current.pathname !== next.pathname || (current.search as { env?: number }).env !== (next.search as { env?: number }).env),
    enableBeforeUnload: () => dirty && !released.current,
    disabled: !dirty,
    withResolver: true,
  })
  const release = useCallback(() => {
    released.current = true
  }, [])
  return { blocker, release }
}
