import { useRef, type KeyboardEvent } from 'react'
import { cn } from '@/lib/cn'

export interface TabItem<T extends string> {
  value: T
  label: string
}

/** Ids that tie a tab to its panel: give the panel `role="tabpanel"`, `id={panel}` and `aria-labelledby={tab}`. */
export function tabIds(prefix: string, value: string): { tab: string; panel: string } {
  return { tab: `${prefix}-tab-${value}`, panel: `${prefix}-panel-${value}` }
}

interface TabsProps<T extends string> {
  /** The tab list's accessible name. */
  label: string
  /** Prefix of the tab and panel ids (see `tabIds`). */
  idPrefix: string
  items: readonly TabItem<T>[]
  value: T
  onValueChange: (value: T) => void
  className?: string
}

/** A tab list with one tab stop: arrows, Home and End move between tabs and select them. */
export function Tabs<T extends string>({ label, idPrefix, items, value, onValueChange, className }: TabsProps<T>) {
  const listRef = useRef<HTMLDivElement>(null)
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = items.findIndex((item) => item.value === value)
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: items.length - 1 }
    if (!(event.key in moves)) return
    event.preventDefault()
    const next = items[(moves[event.key]! + items.length) % items.length]!
    onValueChange(next.value)
    listRef.current?.querySelector<HTMLElement>(`#${CSS.escape(tabIds(idPrefix, next.value).tab)}`)?.focus()
  }

  return (
    <div ref={listRef} role="tablist" aria-label={label} onKeyDown={onKeyDown} className={cn('flex gap-1 border-b border-border', className)}>
      {items.map((item) => {
        const selected = item.value === value
        const ids = tabIds(idPrefix, item.value)
        return (
          <button
            key={item.value}
            id={ids.tab}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={ids.panel}
            tabIndex={selected ? 0 : -1}
            onClick={() => onValueChange(item.value)}
            className={cn(
              '-mb-px border-b-2 px-3 py-2 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-ring',
              selected ? 'border-primary text-foreground' : 'border-transparent text-muted-foreground hover:text-foreground',
            )}
          >
            {item.label}
          </button>
        )
      })}
    </div>
  )
}
