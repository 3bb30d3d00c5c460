import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core'
import { arrayMove, SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { useCallback, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { RuleResponse } from '@/contract/rules'
import { cn } from '@/lib/cn'
import { useDeleteRule } from '../../hooks/use-delete-rule'
import { useReorderRules } from '../../hooks/use-reorder-rules'
import { useToggleRule } from '../../hooks/use-toggle-rule'
import { inOrder } from '../../rule-order'
import { DeleteRuleDialog } from '../delete-rule-dialog'
import { movedMessage, reorderAnnouncements, reorderInstructions } from './reorder-announcements'
import { ReorderLock } from './reorder-lock'
import { RuleRow } from './rule-row'
import { RulesTableHead } from './rules-table-head'

interface RulesTableProps {
  rules: RuleResponse[]
  environmentId: number
}

/**
 * The rules in evaluation order. Dragging a handle (pointer, or Space/Enter then the arrow keys)
 * or a row menu's "Move to top/bottom" sends the whole new order; the list shows it at once.
 * The query cache is updated optimistically too, but React Query tells components in a later task;
 * the table keeps the dropped order in its own state so the drop and the new order are one render,
 * and the row never flashes back to where it came from.
 */
export function RulesTable({ rules, environmentId }: RulesTableProps) {
  const reorder = useReorderRules(environmentId)
  const { mutate: toggle } = useToggleRule(environmentId)
  const deletion = useDeleteRule(environmentId)
  const [toDelete, setToDelete] = useState<RuleResponse | null>(null)
  const [moved, setMoved] = useState('')
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
    }),
  )
  const [dropped, setDropped] = useState<string[] | null>(null)
  const shown = useMemo(() => (dropped ? inOrder(rules, dropped) : rules), [rules, dropped])
  const ids = useMemo(() => shown.map((r) => r.id), [shown])
  const announcements = useMemo(() => reorderAnnouncements(shown), [shown])
  // The drop's own render only moves rows; the controls lock in a render of their own right after.
  // `isPending` is already true in the drop's render (useMutation reads the observer as it renders),
  // and locking restyles every row's handle, switch and menu and re-registers all 100 sortables:
  // deferred, that work stays out of the frame that shows the new order. Unlocking is not deferred.
  // `aria-busy` says the plain truth (a move is unconfirmed) from the drop on: it restyles nothing,
  // and whoever waits for the table to settle must not see "not busy" before the lock.
  const lockSoon = useDeferredValue(reorder.isPending)
  const locked = reorder.isPending && lockSoon
  const { mutate } = reorder

  // Read by the row callbacks, so they stay the same function and unmoved rows skip rendering.
  const idsRef = useRef(ids)
  useLayoutEffect(() => {
    idsRef.current = ids
  })
  const send = useCallback(
    (next: string[]) => {
      setDropped(next)
      mutate(next, { onSettled: () => setDropped(null) })
    },
    [mutate],
  )
  const onMove = useCallback(
    (rule: RuleResponse, toIndex: number) => {
      const current = idsRef.current
      const from = current.indexOf(rule.id)
      if (from < 0 || from === toIndex) return
      send(arrayMove(current, from, toIndex))
      setMoved(movedMessage(rule.name, toIndex + 1, current.length))
    },
    [send],
  )
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return
    send(arrayMove(ids, ids.indexOf(String(active.id)), ids.indexOf(String(over.id))))
  }
  const onDelete = useCallback((rule: RuleResponse) => setToDelete(rule), [])

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements,
        screenReaderInstructions: reorderInstructions,
      }}
    >
      <div className="overflow-x-auto">
        <table
          aria-label="Sampling rules"
          aria-busy={reorder.isPending}
          className={cn('w-full min-w-[60rem] table-fixed border-separate border-spacing-0 text-sm', locked && 'cursor-progress')}
        >
          <caption className="sr-only">
            {`${shown.length} ${shown.length === 1 ? 'rule' : 'rules'} in evaluation order; the first rule that decides a log wins.`}
          </caption>
          <RulesTableHead />
          <tbody>
            <ReorderLock value={locked}>
              <SortableContext items={ids} strategy={verticalListSortingStrategy} disabled={locked}>
                {shown.map((rule, i) => (
                  <RuleRow
                    key={rule.id}
                    rule={rule}
                    position={i + 1}
                    total={shown.length}
                    environmentId={environmentId}
                    onMove={onMove}
                    onToggle={toggle}
                    onDelete={onDelete}
                  />
                ))}
              </SortableContext>
            </ReorderLock>
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
