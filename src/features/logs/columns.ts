/** Widths shared by the list's header, rows and skeleton, so nothing shifts when rows arrive. */
export const logColumns = {
  time: 'w-44 shrink-0',
  level: 'w-20 shrink-0',
  service: 'w-32 shrink-0',
  body: 'min-w-0 flex-1',
} as const

export const LOG_ROW_HEIGHT = 32

/** The id of a row in the list (`aria-activedescendant` points at it). */
export function logRowId(uuid: string): string {
  return `log-row-${uuid}`
}
