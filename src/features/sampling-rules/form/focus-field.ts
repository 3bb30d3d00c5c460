import { fieldId } from './field-keys'

function focusControl(element: HTMLElement | null) {
  const target = element?.getAttribute('role') === 'radiogroup' ? element.querySelector<HTMLElement>('[aria-checked="true"]') : element
  target?.focus()
  target?.scrollIntoView?.({ block: 'center' })
}

/** Moves focus to a field's control (for a radio group: its checked option) and brings it into view. */
export function focusField(key: string): void {
  focusControl(document.getElementById(fieldId(key)))
}

/** Focuses the first control marked invalid inside `container`, in page order. */
export function focusFirstInvalid(container: HTMLElement | null): void {
  focusControl(container?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? null)
}
