import { Icon } from '@/components/ui/icon'
import { Popover } from '@/components/ui/popover'
import { isFilterGroup, type FilterLeaf } from '@/contract/query'
import { cn } from '@/lib/cn'
import { describeNode, isExcluding, type FilterNode } from '@/lib/log-filters/filter-nodes'
import type { TimeRange } from '@/lib/time-range'
import { AttributeFilterForm } from './attribute-filter-form'

interface FilterChipProps {
  node: FilterNode
  environmentId: number
  range: TimeRange
  services: readonly string[]
  onReplace: (leaf: FilterLeaf) => void
  onRemove: () => void
}

const chipClass = 'inline-flex h-7 max-w-80 items-center rounded-full border text-xs font-medium'

/** One attribute filter: click to edit it, × to remove it. A group from a saved view can only be removed. */
export function FilterChip({ node, environmentId, range, services, onReplace, onRemove }: FilterChipProps) {
  const label = describeNode(node)
  const excluded = !isFilterGroup(node) && isExcluding(node.operator)
  const tone = excluded ? 'border-transparent bg-danger-soft text-danger' : 'border-border bg-muted text-foreground'
  const remove = (
    <button
      type="button"
      aria-label={`Remove filter ${label}`}
      onClick={onRemove}
      className="mr-1 rounded-full p-0.5 hover:bg-background/60 focus-visible:outline-2 focus-visible:outline-ring"
    >
      <Icon name="x" className="size-3.5" />
    </button>
  )

  if (isFilterGroup(node)) {
    return (
      <li className={cn(chipClass, tone)}>
        <span className="truncate px-2.5 font-mono">{label}</span>
        {remove}
      </li>
    )
  }
  return (
    <li className={cn(chipClass, tone)}>
      <Popover
        label="Edit filter"
        triggerLabel={`Edit filter ${label}`}
        triggerClassName="max-w-72 truncate rounded-full py-1 pr-1 pl-2.5 font-mono focus-visible:outline-2 focus-visible:outline-ring"
        trigger={label}
      >
        {(close) => (
          <AttributeFilterForm
            environmentId={environmentId}
            range={range}
            services={services}
            initial={node}
            onCancel={close}
            onSubmit={(leaf) => {
              onReplace(leaf)
              close()
            }}
          />
        )}
      </Popover>
      {remove}
    </li>
  )
}
