import type { Announcements, ScreenReaderInstructions, UniqueIdentifier } from '@dnd-kit/core'
import type { RuleResponse } from '@/contract/rules'

export const reorderInstructions: ScreenReaderInstructions = {
  draggable:
    'To move this rule, press Space or Enter, move it with the Up and Down arrow keys, then press Space or Enter to drop it where it is, or Escape to put it back.',
}

/** "Rule X moved to position 3 of 7": what screen readers hear while a rule is dragged. */
export function reorderAnnouncements(rules: readonly RuleResponse[]): Announcements {
  const total = rules.length
  const name = (id: UniqueIdentifier) => rules.find((r) => r.id === id)?.name ?? 'The rule'
  const position = (id: UniqueIdentifier) => rules.findIndex((r) => r.id === id) + 1
  // The first "over" of a drag is the rule's own place: saying so would cut off "Picked up…".
  let moved = false
  return {
    onDragStart: ({ active }) => {
      moved = false
      return `Picked up rule ${name(active.id)}, at position ${position(active.id)} of ${total}.`
    },
    onDragOver: ({ active, over }) => {
      if (!moved && over?.id === active.id) return undefined
      moved = true
      return over ? `Rule ${name(active.id)} moved to position ${position(over.id)} of ${total}.` : `Rule ${name(active.id)} is outside the list.`
    },
    onDragEnd: ({ active, over }) =>
      over
        ? `Rule ${name(active.id)} dropped at position ${position(over.id)} of ${total}.`
        : `Rule ${name(active.id)} dropped outside the list; it stays at position ${position(active.id)} of ${total}.`,
    onDragCancel: ({ active }) => `Moving rule ${name(active.id)} was cancelled; it is back at position ${position(active.id)} of ${total}.`,
  }
}

/** The same sentence for moves made from a row's menu. */
export const movedMessage = (name: string, position: number, total: number) => `Rule ${name} moved to position ${position} of ${total}.`
