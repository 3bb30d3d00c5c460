import type { Level } from '@/contract/severity'
import { cn } from '@/lib/cn'

export const levelDotClass: Record<Level, string> = {
  debug: 'bg-sev-debug',
  info: 'bg-sev-info',
  warn: 'bg-sev-warn',
  error: 'bg-sev-error',
}

const levelTextClass: Record<Level, string> = {
  debug: 'text-muted-foreground',
  info: 'text-foreground',
  warn: 'text-warning',
  error: 'text-danger',
}

/** The normalised level as a coloured dot and its name (colour is never the only cue). */
export function LevelBadge({ level, className }: { level: Level; className?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-1.5 text-xs font-medium uppercase', levelTextClass[level], className)}>
      <span aria-hidden="true" className={cn('size-2 shrink-0 rounded-full', levelDotClass[level])} />
      {level}
    </span>
  )
}
