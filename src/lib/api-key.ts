import { useSyncExternalStore } from 'react'
import { createStore } from './create-store'

/**
 * The personal API key lives in sessionStorage: it survives reloads of this tab and is gone when
 * the tab closes. When the API answers 401/403, `authPrompt` holds the server's reason and the
 * shell shows the key screen instead of the app.
 */
const STORAGE_KEY = 'logdeck.apiKey'

function readStoredKey(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

const apiKeyStore = createStore<string | null>(readStoredKey())

export function getApiKey(): string | null {
  return apiKeyStore.get()
}

export function saveApiKey(key: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, key)
  } catch {
    // Storage can be disabled; the key then lasts until the page reloads.
  }
  apiKeyStore.set(key)
}

export function forgetApiKey(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY)
  } catch {
    // Nothing stored, nothing to remove.
  }
  apiKeyStore.set(null)
}

export function useApiKey(): string | null {
  return useSyncExternalStore(apiKeyStore.subscribe, apiKeyStore.get)
}

export interface AuthPrompt {
  status: number
  reason: string
}

const authPromptStore = createStore<AuthPrompt | null>(null)

export const authPrompt = {
  /** Asks for a key; the first reason wins until the prompt is answered. */
  require(prompt: AuthPrompt): void {
    if (!authPromptStore.get()) authPromptStore.set(prompt)
  },
  clear(): void {
    authPromptStore.set(null)
  },
}

export function useAuthPrompt(): AuthPrompt | null {
  return useSyncExternalStore(authPromptStore.subscribe, authPromptStore.get)
}
