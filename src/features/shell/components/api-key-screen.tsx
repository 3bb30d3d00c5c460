import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState, type FormEvent } from 'react'
import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { Input } from '@/components/ui/input'
import { useGlobalSearch } from '@/hooks/use-global-search'
import { isAuthError } from '@/lib/api-client'
import { authPrompt, saveApiKey, type AuthPrompt } from '@/lib/api-key'
import { viewQueries } from '@/lib/queries/view-queries'

/** Replaces the app while the API refuses us (401/403): asks for a key and says which scopes it needs. */
export function ApiKeyScreen({ prompt }: { prompt: AuthPrompt }) {
  const queryClient = useQueryClient()
  const { environmentId } = useGlobalSearch()
  const [key, setKey] = useState('')
  const [empty, setEmpty] = useState(false)
  const [checking, setChecking] = useState(false)
  const [reason, setReason] = useState(prompt.reason)
  const refused = prompt.status === 403
  const title = refused ? 'This API key is not allowed to do that' : 'Enter an API key'

  useEffect(() => {
    document.title = `${title} · Logdeck`
  }, [title])

  // The key is tried on a cheap read first, so a wrong one is refused here instead of flashing the app.
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const trimmed = key.trim()
    if (!trimmed) return setEmpty(true)
    saveApiKey(trimmed)
    setChecking(true)
    try {
      await queryClient.fetchQuery({ ...viewQueries.pinned(environmentId), staleTime: 0 })
    } catch (error) {
      if (isAuthError(error)) {
        setChecking(false)
        return setReason(error.detail)
      }
      // Anything else is not about the key; the pages will show it.
    }
    authPrompt.clear()
    void queryClient.invalidateQueries()
  }

  return (
    <main className="grid min-h-full place-items-center bg-background p-6">
      <div className="w-full max-w-md rounded-xl border border-border bg-surface p-6 shadow-sm">
        <span aria-hidden="true" className="grid size-10 place-items-center rounded-lg bg-accent text-primary">
          <Icon name="key" className="size-5" />
        </span>
        <h1 className="mt-4 text-lg font-semibold">{title}</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          {refused
            ? 'The server refused the key this tab is using. Enter one with the scopes below.'
            : 'This Logdeck server only answers requests that carry a personal API key.'}
        </p>
        {reason && (
          <p role="alert" className="mt-3 rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
            The server said: {reason}
          </p>
        )}
        <form onSubmit={(event) => void submit(event)} noValidate className="mt-5 space-y-3">
          <label className="block text-sm font-medium">
            API key
            <Input
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={key}
              onChange={(e) => {
                setKey(e.target.value)
                setEmpty(false)
              }}
              aria-invalid={empty}
              aria-describedby="api-key-scopes"
              className="mt-1 font-mono"
            />
          </label>
          {empty && (
            <p role="alert" className="text-sm text-danger">
              Paste a key first.
            </p>
          )}
          <div id="api-key-scopes" className="space-y-1 text-sm text-muted-foreground">
            <p>
              Scopes: <code className="rounded bg-muted px-1 font-mono text-foreground">logs:read</code> to see services,
              logs and saved views; also <code className="rounded bg-muted px-1 font-mono text-foreground">logs:write</code> to
              change sampling rules or saved views and to explain logs with AI.
            </p>
            <p>The key stays in this browser tab only (session storage) and is sent as a bearer token.</p>
          </div>
          <Button type="submit" variant="primary" className="w-full" disabled={checking}>
            {checking ? 'Checking the key…' : 'Continue'}
          </Button>
        </form>
      </div>
    </main>
  )
}
