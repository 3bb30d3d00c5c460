import { useSyncExternalStore } from 'react'
import { createStore } from './create-store'

/**
 * Light/dark theme. `system` (the default) follows the OS and keeps following it when it changes;
 * an explicit choice is kept in localStorage. index.html applies the same rule before first paint.
 */
export type ThemePreference = 'system' | 'light' | 'dark'

const STORAGE_KEY = 'logdeck.theme'
const DARK_QUERY = '(prefers-color-scheme: dark)'

function readPreference(): ThemePreference {
  try {
    const stored = localStorage.getItem(STORAGE_KEY)
    return stored === 'light' || stored === 'dark' ? stored : 'system'
  } catch {
    return 'system'
  }
}

const preferenceStore = createStore<ThemePreference>(readPreference())

function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches
}

function applyTheme(preference: ThemePreference): void {
  const dark = preference === 'dark' || (preference === 'system' && systemPrefersDark())
  document.documentElement.classList.toggle('dark', dark)
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light'
}

export function setThemePreference(preference: ThemePreference): void {
  try {
    if (preference === 'system') localStorage.removeItem(STORAGE_KEY)
    else localStorage.setItem(STORAGE_KEY, preference)
  } catch {
    // Without storage the choice lasts for this page only.
  }
  preferenceStore.set(preference)
  applyTheme(preference)
}

/** Applies the stored preference and follows OS changes while it is `system`. */
export function startThemeSync(): () => void {
  applyTheme(preferenceStore.get())
  if (typeof window.matchMedia !== 'function') return () => {}
  const media = window.matchMedia(DARK_QUERY)
  const onChange = () => applyTheme(preferenceStore.get())
  media.addEventListener('change', onChange)
  return () => media.removeEventListener('change', onChange)
}

export function useThemePreference(): ThemePreference {
  return useSyncExternalStore(preferenceStore.subscribe, preferenceStore.get)
}
