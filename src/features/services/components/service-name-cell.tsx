import { Link } from '@tanstack/react-router'
import { Icon } from '@/components/ui/icon'
import { Tooltip } from '@/components/ui/tooltip'
import { NO_SERVICE } from '@/contract/logs'
import { cn } from '@/lib/cn'

export const NO_SERVICE_EXPLANATION = 'Logs whose resource had no service.name attribute.'

/** The service name links to its logs (same environment and time range). */
export function ServiceNameCell({ service }: { service: string }) {
  const missing = service === NO_SERVICE
  return (
    <div className="flex min-w-0 items-center gap-1.5">
      <Link
        to="/logs"
        search={{ services: service }}
        className={cn(
          'truncate rounded font-medium hover:underline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring',
          missing && 'text-muted-foreground italic',
        )}
      >
        {service}
      </Link>
      {missing && (
        <Tooltip content={NO_SERVICE_EXPLANATION}>
          <button type="button" aria-label="About (no service)" className="rounded text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring">
            <Icon name="info" className="size-3.5" />
          </button>
        </Tooltip>
      )}
    </div>
  )
}
