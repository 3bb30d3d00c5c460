import { Outlet } from '@tanstack/react-router'
import { Toaster } from '@/components/ui/toaster'
import { useAuthPrompt } from '@/lib/api-key'
import { ApiKeyScreen } from './api-key-screen'
import { AppShell } from './app-shell'

export function RootLayout() {
  const prompt = useAuthPrompt()
  return (
    <>
      {prompt ? (
        <ApiKeyScreen prompt={prompt} />
      ) : (
        <AppShell>
          <Outlet />
        </AppShell>
      )}
      <Toaster />
    </>
  )
}
