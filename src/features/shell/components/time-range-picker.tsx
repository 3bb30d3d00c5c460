import { useEffect, useId, useRef, useState } from 'react'
import { buttonVariants } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { cn } from '@/lib/cn'
import { describeTimeRange, timePresets, type TimeRange } from '@/lib/time-range'
import { CustomRangeForm } from './custom-range-form'

interface TimeRangePickerProps {
  range: TimeRange
  onChange: (range: TimeRange) => void
}

/** A button showing the window; it opens presets and a custom absolute range. Escape closes it. */
export function TimeRangePicker({ range, onChange }: TimeRangePickerProps) {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const triggerRef = useRef<HTMLButtonElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)
  const label = describeTimeRange(range)

  useEffect(() => {
    if (!open) return
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    const panel = panelRef.current
    ;(panel?.querySelector<HTMLElement>('[aria-pressed="true"]') ?? panel?.querySelector<HTMLElement>('button'))?.focus()
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open])

  const close = () => {
    setOpen(false)
    triggerRef.current?.focus()
  }
  const apply = (next: TimeRange) => {
    onChange(next)
    close()
  }

  return (
    <div
      ref={rootRef}
      className="relative"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation()
          close()
        }
      }}
    >
      <button
        ref={triggerRef}
        type="button"
        aria-label={`Time range: ${label}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
        className={cn(buttonVariants({ size: 'sm' }), 'min-w-44 justify-between')}
      >
        <span className="flex items-center gap-2">
          <Icon name="clock" />
          {label}
        </span>
        <Icon name="chevron-down" className="text-muted-foreground" />
      </button>
      {open && (
        <div
          ref={panelRef}
          id={panelId}
          role="dialog"
          aria-label="Choose a time range"
          className="absolute right-0 z-40 mt-2 w-72 space-y-4 rounded-lg border border-border bg-surface p-3 shadow-xl"
        >
          <div role="group" aria-label="Quick ranges" className="grid grid-cols-2 gap-1">
            {timePresets.map((preset) => {
              const selected = !range.to && range.from === preset.from
              return (
                <button
                  key={preset.from}
                  type="button"
                  aria-pressed={selected}
                  onClick={() => apply({ from: preset.from, to: undefined })}
                  className={cn(buttonVariants({ variant: 'ghost', size: 'sm' }), 'justify-start', selected && 'bg-accent text-primary')}
                >
                  {preset.label}
                </button>
              )
            })}
          </div>
          <CustomRangeForm range={range} onApply={apply} />
        </div>
      )}
    </div>
  )
}
