import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { buttonVariants } from './button'
import { Glyph } from './glyph'

export interface ActionMenuItem {
  label: string
  onSelect: () => void
  disabled?: boolean
  tone?: 'danger'
  icon?: ReactNode
}

interface ActionMenuProps {
  /** The trigger's accessible name ("Actions for rule X"). */
  label: string
  items: readonly ActionMenuItem[]
  className?: string
}

/** The items that can be focused and picked. */
const enabledItems = (menu: HTMLElement | null) =>
  Array.from(menu?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? [])

interface Placement {
  top: number
  right: number
  above: boolean
}

/**
 * A "⋯" button that opens a menu (`role="menu"`): the arrow keys, Home and End move between items,
 * Enter picks, Escape or Tab closes and focus returns to the button. Fixed positioning keeps it
 * visible inside scrolling tables; scrolling the page closes it.
 */
export function ActionMenu({ label, items, className }: ActionMenuProps) {
  const [placement, setPlacement] = useState<Placement | null>(null)
  const menuId = useId()
  const triggerRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLUListElement>(null)
  const open = placement !== null

  const close = (refocus: boolean) => {
    setPlacement(null)
    if (refocus) triggerRef.current?.focus()
  }

  useEffect(() => {
    if (!open) return
    enabledItems(menuRef.current)[0]?.focus()
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node
      if (!menuRef.current?.contains(target) && !triggerRef.current?.contains(target)) setPlacement(null)
    }
    const onScroll = () => setPlacement(null)
    document.addEventListener('pointerdown', onPointerDown)
    window.addEventListener('scroll', onScroll, true)
    window.addEventListener('resize', onScroll)
    return () => {
      document.removeEventListener('pointerdown', onPointerDown)
      window.removeEventListener('scroll', onScroll, true)
      window.removeEventListener('resize', onScroll)
    }
  }, [open])

  const toggle = () => {
    if (open) return close(false)
    const rect = triggerRef.current!.getBoundingClientRect()
    const above = rect.bottom + 200 > window.innerHeight && rect.top > 200
    setPlacement({ top: above ? rect.top - 4 : rect.bottom + 4, right: window.innerWidth - rect.right, above })
  }

  const onMenuKeyDown = (event: KeyboardEvent) => {
    const buttons = enabledItems(menuRef.current)
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement)
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }
    if (event.key in moves) {
      event.preventDefault()
      buttons[(moves[event.key]! + buttons.length) % buttons.length]?.focus()
    } else if (event.key === 'Escape') {
      event.stopPropagation()
      close(true)
    } else if (event.key === 'Tab') {
      close(false)
    }
  }

  return (
    <>
      <button
        ref={triggerRef}
        type="button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={toggle}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault()
            toggle()
          }
        }}
        className={cn(buttonVariants({ variant: 'ghost', size: 'icon' }), className)}
      >
        <Glyph name="more" />
      </button>
      {placement && (
        <ul
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          onKeyDown={onMenuKeyDown}
          style={{ top: placement.top, right: placement.right }}
          className={cn(
            'fixed z-40 min-w-44 rounded-lg border border-border bg-surface p-1 text-sm shadow-xl',
            placement.above && '-translate-y-full',
          )}
        >
          {items.map((item) => (
            <li key={item.label} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                aria-disabled={item.disabled || undefined}
                onClick={() => {
                  if (item.disabled) return
                  close(true)
                  item.onSelect()
                }}
                className={cn(
                  'flex h-8 w-full items-center gap-2 rounded-md px-2 text-left hover:bg-muted focus-visible:bg-muted focus-visible:outline-none aria-disabled:cursor-not-allowed aria-disabled:opacity-50',
                  item.tone === 'danger' && 'text-danger',
                )}
              >
                {item.icon}
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
