import { useSyncExternalStore } from 'react'
import { createStore } from '@/lib/create-store'
import type { TimeRange } from '@/lib/time-range'
import { logSearchSchema, pickExplorerFilters, type ExplorerFilters } from './log-search'

/**
 * What the logs explorer showed last in this tab (filters and time range), so the saved-views page
 * can offer "Update to current filters". Kept in sessionStorage: it survives reloads of this tab.
 */
export interface ExplorerState {
  filters: ExplorerFilters
  range: TimeRange
}

const STORAGE_KEY = 'logdeck.lastExplorerState'

function read(): ExplorerState | null {
  try {
    const raw = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as { filters?: Record<string, unknown>; range?: TimeRange } | null
    if (!raw?.filters || typeof raw.range?.from !== 'string') return null
    const filters = pickExplorerFilters(logSearchSchema.parse(raw.filters))
    return { filters, range: { from: raw.range.from, to: typeof raw.range.to === 'string' ? raw.range.to : undefined } }
  } catch {
    return null
  }
}

const store = createStore<ExplorerState | null>(read())

export function rememberExplorerState(state: ExplorerState): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state))
  } catch {
    // Without storage the state lasts until the page reloads.
  }
  store.set(state)
}

export function useLastExplorerState(): ExplorerState | null {
  return useSyncExternalStore(store.subscribe, store.get)
}
