import { createContext, use } from 'react'

/**
 * True while a reorder is in flight: moves and switches wait (the reorder's answer would overwrite
 * them). A context rather than a prop, so locking re-renders the controls, not every whole row.
 */
export const ReorderLock = createContext(false)

export const useReorderLocked = () => use(ReorderLock)
