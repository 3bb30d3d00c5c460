import { buttonVariants } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { Popover } from '@/components/ui/popover'
import { cn } from '@/lib/cn'
import type { TimeRange } from '@/lib/time-range'
import { ServiceOptions } from './service-options'

interface ServiceFilterProps {
  environmentId: number
  range: TimeRange
  value: readonly string[]
  onChange: (services: string[]) => void
}

/** Multi-select of services (most logs first, searchable); none selected means every service. */
export function ServiceFilter({ environmentId, range, value, onChange }: ServiceFilterProps) {
  const summary = value.length === 0 ? 'All' : value.length <= 2 ? value.join(', ') : `${value.length} selected`
  return (
    <Popover
      label="Filter by service"
      triggerLabel={`Services: ${summary}`}
      triggerClassName={cn(buttonVariants({ size: 'sm' }), value.length > 0 && 'border-primary text-primary')}
      trigger={
        <>
          <span className="max-w-52 truncate">{value.length > 0 ? `Services: ${summary}` : 'Services'}</span>
          <Icon name="chevron-down" className="text-muted-foreground" />
        </>
      }
      className="w-72"
    >
      {() => <ServiceOptions environmentId={environmentId} range={range} value={value} onChange={onChange} />}
    </Popover>
  )
}
