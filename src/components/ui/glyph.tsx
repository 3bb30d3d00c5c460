import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'

/**
 * More stroke icons on the same 24×24 grid as `Icon` (currentColor, decorative): the ones lists and
 * editors need. Pair them with visible or sr-only text.
 */
const paths = {
  grip: ['M9 5h.01M9 12h.01M9 19h.01M15 5h.01M15 12h.01M15 19h.01'],
  more: ['M5 12h.01M12 12h.01M19 12h.01'],
  plus: ['M12 5v14', 'M5 12h14'],
  trash: ['M3 6h18', 'M8 6V4h8v2', 'M19 6l-1 14H6L5 6', 'M10 11v6M14 11v6'],
  pencil: ['M17 3a2.8 2.8 0 1 1 4 4L7.5 20.5 2 22l1.5-5.5Z'],
  'to-top': ['M5 4h14', 'm7 14 5-5 5 5', 'M12 9v11'],
  'to-bottom': ['M5 20h14', 'm7 10 5 5 5-5', 'M12 15V4'],
} as const

export type GlyphName = keyof typeof paths

export function Glyph({ name, className, ...props }: ComponentProps<'svg'> & { name: GlyphName }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={cn('size-4 shrink-0', className)}
      {...props}
    >
      {paths[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  )
}
