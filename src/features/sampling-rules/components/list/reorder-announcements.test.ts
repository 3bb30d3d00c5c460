import type { Active, Over } from '@dnd-kit/core'
import { describe, expect, it } from 'vitest'
import { makeRule } from '../../testing/fixtures'
import { reorderAnnouncements } from './reorder-announcements'

const rules = [makeRule({ name: 'A' }), makeRule({ name: 'B' }), makeRule({ name: 'C' })]
const active = { id: rules[2]!.id } as Active
const over = (i: number) => ({ id: rules[i]!.id }) as Over

describe('What screen readers hear while a rule is dragged', () => {
  it('says where it was picked up, each place it moves to, and where it lands', () => {
    const say = reorderAnnouncements(rules)
    expect(say.onDragStart({ active })).toBe('Picked up rule C, at position 3 of 3.')
    // The first "over" is its own place: the pick-up sentence is not cut off.
    expect(say.onDragOver({ active, over: over(2) })).toBeUndefined()
    expect(say.onDragOver({ active, over: over(1) })).toBe('Rule C moved to position 2 of 3.')
    expect(say.onDragOver({ active, over: over(2) })).toBe('Rule C moved to position 3 of 3.')
    expect(say.onDragOver({ active, over: over(0) })).toBe('Rule C moved to position 1 of 3.')
    expect(say.onDragEnd({ active, over: over(0) })).toBe('Rule C dropped at position 1 of 3.')
    expect(say.onDragCancel({ active, over: null })).toBe('Moving rule C was cancelled; it is back at position 3 of 3.')
  })
})
