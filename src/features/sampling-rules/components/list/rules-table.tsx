import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core'
import { arrayMove, SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { useCallback, useMemo, useState } from 'react'
import type { RuleResponse } from '@/contract/rules'
import { cn } from '@/lib/cn'
import { useDeleteRule } from '../../hooks/use-delete-rule'
import { useReorderRules } from '../../hooks/use-reorder-rules'
import { DeleteRuleDialog } from '../delete-rule-dialog'
import { movedMessage, reorderAnnouncements, reorderInstructions } from './reorder-announcements'
import { RuleRow } from './rule-row'
import { RulesTableHead } from './rules-table-head'

interface RulesTableProps {
  rules: RuleResponse[]
  environmentId: number
}

/**
 * The rules in evaluation order. Dragging a handle (pointer, or Space/Enter then the arrow keys)
 * or a row menu's "Move to top/bottom" sends the whole new order; the list shows it at once.
 */
export function RulesTable({ rules, environmentId }: RulesTableProps) {
  const reorder = useReorderRules(environmentId)
  const deletion = useDeleteRule(environmentId)
  const [toDelete, setToDelete] = useState<RuleResponse | null>(null)
  const [moved, setMoved] = useState('')
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  )
  const ids = useMemo(() => rules.map((r) => r.id), [rules])
  const announcements = useMemo(() => reorderAnnouncements(rules), [rules])
  const locked = reorder.isPending
  const { mutate } = reorder

  const onMove = useCallback(
    (rule: RuleResponse, toIndex: number) => {
      const from = ids.indexOf(rule.id)
      if (from < 0 || from === toIndex) return
      mutate(arrayMove(ids, from, toIndex))
      setMoved(movedMessage(rule.name, toIndex + 1, ids.length))
    },
    [ids, mutate],
  )
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return
    mutate(arrayMove(ids, ids.indexOf(String(active.id)), ids.indexOf(String(over.id))))
  }
  const onDelete = useCallback((rule: RuleResponse) => setToDelete(rule), [])

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{ announcements, screenReaderInstructions: reorderInstructions }}
    >
      <div className="overflow-x-auto">
        <table
          aria-label="Sampling rules"
          aria-busy={locked}
          className={cn('w-full min-w-[60rem] table-fixed border-separate border-spacing-0 text-sm', locked && 'cursor-progress')}
        >
          <caption className="sr-only">
            {`${rules.length} ${rules.length === 1 ? 'rule' : 'rules'} in evaluation order; the first rule that decides a log wins.`}
          </caption>
          <RulesTableHead />
          <tbody>
            <SortableContext items={ids} strategy={verticalListSortingStrategy} disabled={locked}>
              {rules.map((rule, i) => (
                <RuleRow
                  key={rule.id}
                  rule={rule}
                  position={i + 1}
                  total={rules.length}
                  environmentId={environmentId}
                  locked={locked}
                  onMove={onMove}
                  onDelete={onDelete}
                />
              ))}
            </SortableContext>
          </tbody>
        </table>
      </div>
      <p role="status" className="sr-only">
        {moved}
      </p>
      <DeleteRuleDialog
        open={toDelete !== null}
        ruleName={toDelete?.name ?? ''}
        busy={deletion.isPending}
        onConfirm={() => deletion.mutate(toDelete!, { onSettled: () => setToDelete(null) })}
        onCancel={() => setToDelete(null)}
      />
    </DndContext>
  )
}
