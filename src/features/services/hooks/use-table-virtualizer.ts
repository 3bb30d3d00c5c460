import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  Virtualizer,
  type PartialKeys,
  type VirtualizerOptions,
} from '@tanstack/react-virtual'
import { startTransition, useLayoutEffect, useReducer, useState } from 'react'

type Options = PartialKeys<VirtualizerOptions<HTMLDivElement, HTMLTableRowElement>, 'observeElementRect' | 'observeElementOffset' | 'scrollToFn'>

/**
 * `useVirtualizer` for the services table, rendering new rows during a scroll as a transition.
 *
 * The stock hook re-renders with `flushSync` inside each scroll event, so the rows that come into
 * view are rendered, committed, styled, laid out and painted in one task — with 20-odd rows per
 * wheel step that task runs past 50 ms. Here a scroll only schedules a transition: React renders
 * the new rows in slices and yields between them, and the browser's style/layout/paint of the
 * frame is a task of its own. Re-renders happen only when the range of rows changes, not on every
 * scroll event. Outside scrolling (first measurement, resizes) the update stays urgent, so the
 * first rows are on screen in the first frame.
 */
export function useTableVirtualizer(options: Options): Virtualizer<HTMLDivElement, HTMLTableRowElement> {
  const [, rerender] = useReducer((n: number) => n + 1, 0)
  const [onChange] = useState(() => {
    // The range of rows last asked to render.
    let requested = ''
    return (instance: Virtualizer<HTMLDivElement, HTMLTableRowElement>, scrolling: boolean) => {
      const range = instance.range
      const key = range ? `${range.startIndex}:${range.endIndex}` : ''
      // Only the rows shown depend on this; `isScrolling` flipping alone changes nothing on screen.
      if (key === requested) return
      requested = key
      if (scrolling) startTransition(rerender)
      else rerender()
    }
  })
  const resolved: VirtualizerOptions<HTMLDivElement, HTMLTableRowElement> = {
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    ...options,
    onChange,
  }
  const [instance] = useState(() => new Virtualizer(resolved))
  instance.setOptions(resolved)
  useLayoutEffect(() => instance._didMount(), [instance])
  useLayoutEffect(() => instance._willUpdate())
  return instance
}
