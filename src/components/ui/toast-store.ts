import { useSyncExternalStore } from 'react'
import { createStore } from '@/lib/create-store'

/** A small toast queue: `toast.success(...)`/`toast.error(...)` from anywhere, `<Toaster/>` shows them. */
export type ToastTone = 'success' | 'error' | 'info'

export interface ToastMessage {
  id: number
  tone: ToastTone
  title: string
  description?: string
}

const MAX_VISIBLE = 4
const store = createStore<ToastMessage[]>([])
let nextId = 1

function push(tone: ToastTone, title: string, description?: string): number {
  const id = nextId++
  store.set([...store.get(), { id, tone, title, description }].slice(-MAX_VISIBLE))
  return id
}

export const toast = {
  success: (title: string, description?: string) => push('success', title, description),
  error: (title: string, description?: string) => push('error', title, description),
  info: (title: string, description?: string) => push('info', title, description),
  dismiss: (id: number) => store.set(store.get().filter((t) => t.id !== id)),
  dismissAll: () => store.set([]),
}

export function useToasts(): ToastMessage[] {
  return useSyncExternalStore(store.subscribe, store.get)
}
