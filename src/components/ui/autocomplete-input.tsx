import { useId, useState, type ComponentProps, type KeyboardEvent } from 'react'
import { cn } from '@/lib/cn'
import { Input } from './input'

type AutocompleteInputProps = Omit<ComponentProps<'input'>, 'value' | 'onChange' | 'role'> & {
  value: string
  onValueChange: (value: string) => void
  /** Suggestions for what is typed (the caller fetches them); free text is always allowed. */
  options: readonly string[]
  loading?: boolean
  /** Called when the list opens, so the caller can start fetching only when someone looks. */
  onOpen?: () => void
}

const SHOWN = 50

/**
 * A text field with suggestions (the ARIA combobox pattern): typing or ArrowDown opens the list,
 * the arrows move through it, Enter takes the highlighted suggestion, Escape closes the list.
 */
export function AutocompleteInput({ value, onValueChange, options, loading = false, onOpen, className, onKeyDown, onBlur, ...props }: AutocompleteInputProps) {
  const listId = useId()
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const needle = value.trim().toLowerCase()
  const shown = options.filter((o) => o !== value && o.toLowerCase().includes(needle)).slice(0, SHOWN)
  const expanded = open && (shown.length > 0 || loading)
  const optionId = (i: number) => `${listId}-${i}`

  const show = () => {
    if (!open) onOpen?.()
    setOpen(true)
  }
  const pick = (option: string) => {
    onValueChange(option)
    setOpen(false)
    setActive(-1)
  }

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    onKeyDown?.(event)
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      show()
      if (shown.length === 0) return
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((a) => (a + step + shown.length) % shown.length)
    } else if (event.key === 'Enter' && expanded && shown[active] !== undefined) {
      event.preventDefault()
      pick(shown[active])
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
        aria-activedescendant={expanded && active >= 0 && active < shown.length ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(event) => {
          onValueChange(event.target.value)
          setActive(-1)
          show()
        }}
        onFocus={show}
        onClick={show}
        onBlur={(event) => {
          setOpen(false)
          setActive(-1)
          onBlur?.(event)
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
          className="absolute z-30 mt-1 max-h-60 w-full min-w-48 overflow-y-auto rounded-md border border-border bg-surface p-1 text-sm shadow-lg"
        >
          {shown.map((option, i) => (
            <li
              key={option}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              // Keeps the focus in the field, so blur does not close the list before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(option)}
              className={cn('cursor-pointer truncate rounded px-2 py-1.5 font-mono text-xs hover:bg-muted', i === active && 'bg-accent text-primary')}
            >
              {option}
            </li>
          ))}
          {loading && shown.length === 0 && (
            <li role="presentation" className="px-2 py-1.5 text-muted-foreground">
              Loading suggestions…
            </li>
          )}
        </ul>
      )}
    </div>
  )
}
