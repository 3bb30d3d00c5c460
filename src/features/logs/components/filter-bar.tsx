import type { Ref } from 'react'
import { Button, buttonVariants } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { Popover } from '@/components/ui/popover'
import type { Level } from '@/contract/severity'
import { addFilter, type FilterNode } from '@/lib/log-filters/filter-nodes'
import type { ExplorerFilters } from '@/lib/log-filters/log-search'
import type { TimeRange } from '@/lib/time-range'
import { AttributeFilterForm } from './attribute-filter-form'
import { FilterChip } from './filter-chip'
import { SearchField } from './search-field'
import { SeverityFilter } from './severity-filter'
import { ServiceFilter } from './service-filter'

interface FilterBarProps {
  environmentId: number
  range: TimeRange
  filters: ExplorerFilters
  onChange: (patch: Partial<ExplorerFilters>) => void
  onClear: () => void
  searchRef: Ref<HTMLInputElement>
}

/** Search, severity, services and attribute filters; every change goes to the URL. */
export function FilterBar({ environmentId, range, filters, onChange, onClear, searchRef }: FilterBarProps) {
  const active = filters.q !== '' || filters.severity.length > 0 || filters.services.length > 0 || filters.filters.length > 0
  const setNodes = (nodes: FilterNode[]) => onChange({ filters: nodes })

  return (
    <section aria-label="Filters" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <SearchField value={filters.q} onSearch={(q) => onChange({ q })} inputRef={searchRef} />
        <SeverityFilter value={filters.severity} onChange={(severity: Level[]) => onChange({ severity })} />
        <ServiceFilter environmentId={environmentId} range={range} value={filters.services} onChange={(services) => onChange({ services })} />
        <Popover
          label="Add a filter"
          triggerClassName={buttonVariants({ size: 'sm' })}
          trigger={
            <>
              <Icon name="filter" />
              Add filter
            </>
          }
        >
          {(close) => (
            <AttributeFilterForm
              environmentId={environmentId}
              range={range}
              services={filters.services}
              onCancel={close}
              onSubmit={(leaf) => {
                setNodes(addFilter(filters.filters, leaf))
                close()
              }}
            />
          )}
        </Popover>
        {active && (
          <Button size="sm" variant="ghost" onClick={onClear}>
            Clear all
          </Button>
        )}
      </div>
      {filters.filters.length > 0 && (
        <ul aria-label="Attribute filters" className="flex flex-wrap gap-1.5">
          {filters.filters.map((node, index) => (
            <FilterChip
              key={JSON.stringify(node)}
              node={node}
              environmentId={environmentId}
              range={range}
              services={filters.services}
              onReplace={(leaf) => setNodes(filters.filters.map((n, i) => (i === index ? leaf : n)))}
              onRemove={() => setNodes(filters.filters.filter((_, i) => i !== index))}
            />
          ))}
        </ul>
      )}
    </section>
  )
}
