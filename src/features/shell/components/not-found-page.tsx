import { Link, useLocation } from '@tanstack/react-router'
import { buttonVariants } from '@/components/ui/button'
import { PageHeader } from '@/components/page-header'

export function NotFoundPage() {
  const pathname = useLocation({ select: (location) => location.pathname })
  return (
    <div className="p-6">
      <PageHeader title="Page not found">
        Nothing lives at <code className="rounded bg-muted px-1 font-mono text-foreground">{pathname}</code>.
      </PageHeader>
      <Link to="/services" className={buttonVariants({ className: 'mt-6' })}>
        Go to Services
      </Link>
    </div>
  )
}
