import { useEffect, useRef } from 'react'

interface ExplorerKeyHandlers {
  /** j / k: move the cursor by one row. */
  onMove: (delta: 1 | -1) => void
  /** `/`: focus the search field. */
  onFocusSearch: () => void
  /** Escape: close the open log. */
  onEscape: () => void
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/**
 * Page-wide shortcuts of the explorer. They stay out of the way while someone types, when a
 * modifier is held, and while a modal dialog is open. (Arrows and Enter belong to the list itself.)
 */
export function useExplorerKeys(handlers: ExplorerKeyHandlers): void {
  const ref = useRef(handlers)
  useEffect(() => {
    ref.current = handlers
  }, [handlers])

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return
      if (isTyping(event.target) || document.querySelector('[aria-modal="true"]')) return
      if (event.key === '/') {
        event.preventDefault()
        ref.current.onFocusSearch()
      } else if (event.key === 'j' || event.key === 'k') {
        event.preventDefault()
        ref.current.onMove(event.key === 'j' ? 1 : -1)
      } else if (event.key === 'Escape') {
        ref.current.onEscape()
      }
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [])
}
