import { buttonVariants } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { Popover } from '@/components/ui/popover'
import { levels, type Level } from '@/contract/severity'
import { cn } from '@/lib/cn'
import { LevelBadge } from './level-badge'

interface SeverityFilterProps {
  value: readonly Level[]
  onChange: (levels: Level[]) => void
}

/** Multi-select of levels; none selected means every level. */
export function SeverityFilter({ value, onChange }: SeverityFilterProps) {
  const summary = value.length === 0 ? 'All' : value.join(', ')
  const toggle = (level: Level) =>
    onChange(levels.filter((l) => (l === level ? !value.includes(l) : value.includes(l))))

  return (
    <Popover
      label="Filter by severity"
      triggerLabel={`Severity: ${summary}`}
      triggerClassName={cn(buttonVariants({ size: 'sm' }), value.length > 0 && 'border-primary text-primary')}
      trigger={
        <>
          <span className="max-w-44 truncate">{value.length > 0 ? `Severity: ${summary}` : 'Severity'}</span>
          <Icon name="chevron-down" className="text-muted-foreground" />
        </>
      }
      className="w-52"
    >
      {() => (
        <fieldset>
          <legend className="mb-2 text-xs font-medium text-muted-foreground">Show levels</legend>
          {levels.map((level) => (
            <label key={level} className="flex h-8 cursor-pointer items-center gap-2 rounded px-1 hover:bg-muted">
              <input type="checkbox" checked={value.includes(level)} onChange={() => toggle(level)} className="accent-primary" />
              <LevelBadge level={level} />
            </label>
          ))}
          {value.length > 0 && (
            <button type="button" onClick={() => onChange([])} className="mt-2 text-xs text-primary hover:underline">
              Show all levels
            </button>
          )}
        </fieldset>
      )}
    </Popover>
  )
}
