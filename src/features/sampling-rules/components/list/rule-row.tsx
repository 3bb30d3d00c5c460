import { useSortable } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { Glyph } from '@/components/ui/glyph'
import { ROW_HEIGHT } from './rule-columns'
import { cellClass, RuleCells, type RuleCellsProps } from './rule-cells'
import { useReorderLocked } from './reorder-lock'

const handleClass =
  'grid size-8 touch-none place-items-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring'

/**
 * One rule in evaluation order; its handle drags it (mouse, touch, or the keyboard). Every row
 * re-renders on each step of a drag, so its classes are joined by hand: nothing here conflicts,
 * and tailwind-merge (`cn`) was the largest cost of a drop with 100 rules.
 */
export function RuleRow(props: RuleCellsProps) {
  const { rule, position, total } = props
  const locked = useReorderLocked()
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: rule.id, disabled: locked })

  return (
    <tr
      ref={setNodeRef}
      style={{ height: ROW_HEIGHT, transform: CSS.Translate.toString(transform && { ...transform, x: 0 }), transition }}
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
}
