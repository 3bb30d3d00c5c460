import { useRef, type KeyboardEvent } from 'react'
import { cn } from '@/lib/cn'

export interface SegmentOption<T extends string> {
  value: T
  label: string
}

interface SegmentedControlProps<T extends string> {
  /** The group's accessible name. */
  label: string
  value: T
  options: readonly SegmentOption<T>[]
  onValueChange: (value: T) => void
  id?: string
  disabled?: boolean
  className?: string
  'aria-describedby'?: string
  'aria-invalid'?: boolean
}

/**
 * A row of mutually exclusive buttons: a radio group (`role="radiogroup"`) with one tab stop; the
 * arrow keys, Home and End move the choice, as with native radio buttons.
 */
export function SegmentedControl<T extends string>({
  label,
  value,
  options,
  onValueChange,
  id,
  disabled,
  className,
  ...aria
}: SegmentedControlProps<T>) {
  const groupRef = useRef<HTMLDivElement>(null)
  const index = Math.max(0, options.findIndex((o) => o.value === value))

  const choose = (next: number) => {
    const option = options[(next + options.length) % options.length]!
    onValueChange(option.value)
    groupRef.current?.querySelectorAll<HTMLButtonElement>('[role="radio"]')[options.indexOf(option)]?.focus()
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: options.length - 1 }
    const next = moves[event.key]
    if (next === undefined || disabled) return
    event.preventDefault()
    choose(next)
  }

  return (
    <div
      ref={groupRef}
      id={id}
      role="radiogroup"
      aria-label={label}
      onKeyDown={onKeyDown}
      className={cn('inline-flex rounded-md border border-border bg-muted p-0.5', aria['aria-invalid'] && 'border-danger', className)}
      {...aria}
    >
      {options.map((option, i) => {
        const checked = i === index
        return (
          <button
            key={option.value}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={checked ? 0 : -1}
            disabled={disabled}
            onClick={() => onValueChange(option.value)}
            className={cn(
              'h-7 rounded px-2.5 text-sm font-medium whitespace-nowrap text-muted-foreground transition-colors hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring disabled:opacity-50',
              checked && 'bg-surface text-foreground shadow-sm',
            )}
          >
            {option.label}
          </button>
        )
      })}
    </div>
  )
}
