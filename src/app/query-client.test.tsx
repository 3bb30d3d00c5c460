import { MutationObserver } from '@tanstack/react-query'
import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { Toaster } from '@/components/ui/toaster'
import { ApiError } from '@/lib/api-client'
import { useAuthPrompt } from '@/lib/api-key'
import { createQueryClient } from './query-client'

function PromptProbe() {
  const prompt = useAuthPrompt()
  return <p>{prompt ? `prompt ${prompt.status}: ${prompt.reason}` : 'no prompt'}</p>
}

const conflict = new ApiError({ status: 409, type: 'conflict', code: 'stale_version', detail: 'Someone else changed this rule.', attr: null })
const forbidden = new ApiError({ status: 403, type: 'authentication_error', code: 'permission_denied', detail: 'This key lacks logs:write.', attr: null })

describe('query client', () => {
  it('reports mutation results as toasts and sends 401/403 to the API key screen instead', async () => {
    const queryClient = createQueryClient()
    render(
      <>
        <Toaster />
        <PromptProbe />
      </>,
    )
    const notifications = screen.getByRole('region', { name: 'Notifications' })

    await new MutationObserver(queryClient, { mutationFn: async () => 'ok', meta: { successMessage: 'Rule saved' } }).mutate()
    expect(await within(notifications).findByRole('status')).toHaveTextContent('Rule saved')

    const failing = (error: ApiError) =>
      new MutationObserver(queryClient, {
        mutationFn: async () => Promise.reject(error),
        meta: { errorMessage: 'Could not save the rule' },
      })
        .mutate()
        .catch(() => undefined)

    await failing(conflict)
    expect(await within(notifications).findByRole('alert')).toHaveTextContent('Could not save the ruleSomeone else changed this rule.')

    await failing(forbidden)
    expect(await screen.findByText('prompt 403: This key lacks logs:write.')).toBeInTheDocument()
    expect(within(notifications).getAllByRole('alert')).toHaveLength(1)
  })
})
