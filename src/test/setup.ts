import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, vi } from 'vitest'
import { toast } from '@/components/ui/toast-store'
import { authPrompt, forgetApiKey } from '@/lib/api-key'
import { server } from './server'

// Role queries over a whole app page are slow in jsdom (more so on a busy machine); give them room.
configure({ asyncUtilTimeout: 4000 })
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 })

// jsdom has no layout; the router's scroll restoration only needs this to exist.
window.scrollTo = () => {}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  cleanup()
  server.resetHandlers()
  vi.restoreAllMocks()
  forgetApiKey()
  authPrompt.clear()
  toast.dismissAll()
  localStorage.clear()
})
afterAll(() => server.close())
