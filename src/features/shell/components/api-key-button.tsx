import { useQueryClient } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { toast } from '@/components/ui/toast-store'
import { forgetApiKey, useApiKey } from '@/lib/api-key'

/** Shown while a key is stored for this tab: forgets it (the server will ask again if it needs one). */
export function ApiKeyButton() {
  const key = useApiKey()
  const queryClient = useQueryClient()
  if (!key) return null
  return (
    <Button
      size="sm"
      variant="ghost"
      onClick={() => {
        forgetApiKey()
        toast.info('API key forgotten', 'It was removed from this tab.')
        void queryClient.invalidateQueries()
      }}
    >
      <Icon name="key" />
      Forget API key
    </Button>
  )
}
