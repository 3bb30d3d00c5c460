import { HOT_ATTRIBUTE_COLUMNS } from '../../store/log-filters'

/** What `logs.attributes` holds for a log with these attributes: all but the promoted keys, which are in their columns (schema 5). */
export function jsonStoredAttributes(attributes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).filter(([key]) => !Object.hasOwn(HOT_ATTRIBUTE_COLUMNS, key)))
}
