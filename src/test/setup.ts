import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, vi } from 'vitest'
import { toast } from '@/components/ui/toast-store'
import { authPrompt, forgetApiKey } from '@/lib/api-key'
import { server } from './server'

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
