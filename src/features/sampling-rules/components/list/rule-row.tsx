import { useSortable } from '@dnd-kit/sortable'
import type { Transform } from '@dnd-kit/utilities'
import { memo } from 'react'
import { Glyph } from '@/components/ui/glyph'
import { ROW_HEIGHT } from './rule-columns'
import { cellClass, RuleCells, type RuleCellsProps } from './rule-cells'
import { useReorderLocked } from './reorder-lock'

const handleClass =
  'grid size-8 touch-none place-items-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring'

/** The style of every row at rest: one object, so React leaves those rows' inline style alone. */
const restingStyle = { height: ROW_HEIGHT }

/**
 * The row's inline style. While a drag is on, dnd-kit gives every row a transform, zero for most:
 * each one a compositing layer, all taken away again at the drop, which restyled and laid out the
 * whole table in the drop's frame. A zero shift is left out; the transition is passed on as it is,
 * so a row going back to its place still animates.
 */
function rowStyle(transform: Transform | null, transition: string | undefined) {
  const shift = transform && transform.y !== 0 ? `translate3d(0px, ${transform.y}px, 0)` : undefined
  if (shift === undefined && transition === undefined) return restingStyle
  return { height: ROW_HEIGHT, transform: shift, transition }
}

/**
 * One rule in evaluation order; its handle drags it (mouse, touch, or the keyboard). useSortable
 * re-renders every row on each step of a drag and at the drop, so this is the cheap part: the
 * row, its handle, and its style; the cells are memoised apart (`RuleCells`) and only render when
 * the rule, its position or the total change. Its classes are joined by hand: nothing here
 * conflicts, and tailwind-merge (`cn`) was the largest cost of a drop with 100 rules.
 */
export const RuleRow = memo(function RuleRow(props: RuleCellsProps) {
  const { rule, position, total } = props
  const locked = useReorderLocked()
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: rule.id, disabled: locked })

  return (
    <tr
      ref={setNodeRef}
      style={rowStyle(transform, transition)}
      className={`${isDragging ? 'relative z-20 bg-surface-raised shadow-lg' : 'bg-surface'} ${rule.enabled ? '' : 'text-muted-foreground'}`}
    >
      <td className={cellClass}>
        <button
          ref={setActivatorNodeRef}
          type="button"
          {...attributes}
          {...listeners}
          aria-label={`Move ${rule.name}, position ${position} of ${total}`}
          className={`${handleClass} ${locked ? 'cursor-wait opacity-50' : 'cursor-grab active:cursor-grabbing'}`}
        >
          <Glyph name="grip" />
        </button>
      </td>
      <RuleCells {...props} />
    </tr>
  )
})
