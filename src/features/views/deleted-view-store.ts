import { useSyncExternalStore } from 'react'
import { createStore } from '@/lib/create-store'
import type { View } from '@/contract/views'

/** The view deleted last, while its Undo is on offer (one at a time: a new delete replaces it). */
export interface DeletedView {
  id: number
  view: View
}

const store = createStore<DeletedView | null>(null)
let nextId = 1

export const deletedViews = {
  offerUndo: (view: View) => store.set({ id: nextId++, view }),
  dismiss: (id: number) => {
    if (store.get()?.id === id) store.set(null)
  },
}

export function useDeletedView(): DeletedView | null {
  return useSyncExternalStore(store.subscribe, store.get)
}
