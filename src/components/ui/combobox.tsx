import { useId, useState, type ComponentProps, type KeyboardEvent } from 'react'
import { cn } from '@/lib/cn'
import { Input } from './input'

export interface ComboboxOption {
  /** Unique among the options. */
  id: string
  label: string
  /** A hint on the right (a count, a kind). */
  detail?: string
}

type ComboboxProps = Omit<ComponentProps<'input'>, 'value' | 'onChange' | 'role'> & {
  value: string
  /** Free text as it is typed. */
  onValueChange: (value: string) => void
  /** The caller filters and fetches; these are shown as they are. */
  options: readonly ComboboxOption[]
  onPick: (option: ComboboxOption) => void
  loading?: boolean
  /** Said in the list when nothing matches (and nothing is loading). */
  emptyText?: string
}

/**
 * A text field with a list of suggestions that carry a hint (the ARIA combobox pattern): typing or
 * ArrowDown opens the list, the arrows move, Enter picks, Escape closes the list first.
 */
export function Combobox({ value, onValueChange, options, onPick, loading = false, emptyText, className, onKeyDown, ...props }: ComboboxProps) {
  const listId = useId()
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const expanded = open && (options.length > 0 || loading || Boolean(emptyText))
  const optionId = (i: number) => `${listId}-${i}`

  const pick = (option: ComboboxOption) => {
    onPick(option)
    setOpen(false)
    setActive(-1)
  }

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    onKeyDown?.(event)
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      setOpen(true)
      if (options.length === 0) return
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((a) => (a + step + options.length) % options.length)
    } else if (event.key === 'Enter' && expanded && options[active]) {
      event.preventDefault()
      pick(options[active])
    } else if (event.key === 'Escape' && expanded) {
      event.stopPropagation()
      setOpen(false)
      setActive(-1)
    }
  }

  return (
    <div className={cn('relative w-full', className)}>
      <Input
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={expanded ? listId : undefined}
        aria-activedescendant={expanded && options[active] ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(event) => {
          onValueChange(event.target.value)
          setActive(-1)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false)
          setActive(-1)
        }}
        onKeyDown={handleKeyDown}
        {...props}
      />
      {expanded && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Suggestions"
          aria-busy={loading}
          className="absolute z-50 mt-1 max-h-60 w-full min-w-56 overflow-y-auto rounded-md border border-border bg-surface p-1 text-sm shadow-lg"
        >
          {options.map((option, i) => (
            <li
              key={option.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              // Keeps the focus in the field, so blur does not close the list before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(option)}
              className={cn('flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 hover:bg-muted', i === active && 'bg-accent text-primary')}
            >
              <span className="min-w-0 flex-1 truncate font-mono text-xs">{option.label}</span>
              {option.detail && <span className="shrink-0 text-xs text-muted-foreground">{option.detail}</span>}
            </li>
          ))}
          {options.length === 0 && (
            <li role="presentation" className="px-2 py-1.5 text-xs text-muted-foreground">
              {loading ? 'Loading suggestions…' : emptyText}
            </li>
          )}
        </ul>
      )}
    </div>
  )
}
