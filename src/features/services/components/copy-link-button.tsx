import { useRouter } from '@tanstack/react-router'
import { useEffect, useState } from 'react'
import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { toast } from '@/components/ui/toast-store'

/** Copies the absolute URL of this service's logs (with the current environment and time range). */
export function CopyLinkButton({ service }: { service: string }) {
  const router = useRouter()
  const [copied, setCopied] = useState(false)

  useEffect(() => {
    if (!copied) return
    const timer = window.setTimeout(() => setCopied(false), 2000)
    return () => window.clearTimeout(timer)
  }, [copied])

  const copy = async () => {
    const location = router.buildLocation({ to: '/logs', search: { services: service } })
    const url = new URL(router.history.createHref(location.href), window.location.origin).toString()
    try {
      await navigator.clipboard.writeText(url)
      setCopied(true)
      toast.success('Link copied', url)
    } catch {
      toast.error('Could not copy the link', url)
    }
  }

  return (
    <Button variant="ghost" size="icon" aria-label={`Copy link to ${service} logs`} onClick={() => void copy()}>
      <Icon name={copied ? 'check' : 'link'} className={copied ? 'text-success' : undefined} />
    </Button>
  )
}
