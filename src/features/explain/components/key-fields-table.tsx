import { Button } from '@/components/ui/button'
import type { ExplainResponse } from '@/contract/explain'

export type KeyField = ExplainResponse['key_fields'][number]

interface KeyFieldsTableProps {
  fields: ExplainResponse['key_fields']
  onFilter: (field: KeyField) => void
}

/** The fields the model found telling, each one a click away from being a filter. */
export function KeyFieldsTable({ fields, onFilter }: KeyFieldsTableProps) {
  if (fields.length === 0) return null
  return (
    <section aria-labelledby="explain-fields">
      <h4 id="explain-fields" className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">
        Key fields
      </h4>
      <table aria-labelledby="explain-fields" className="w-full table-fixed text-xs">
        <tbody>
          {fields.map((field) => (
            <tr key={`${field.attribute_type}:${field.field}`} className="border-b border-border align-top last:border-0">
              <th scope="row" className="w-1/3 py-1.5 pr-2 text-left font-mono font-normal break-all">
                {field.field}
                {field.attribute_type === 'resource' && <span className="block text-muted-foreground">resource</span>}
              </th>
              <td className="py-1.5 pr-2">
                <code className="font-mono break-all">{field.value}</code>
                <p className="mt-0.5 text-muted-foreground">{field.significance}</p>
              </td>
              <td className="w-28 py-1 text-right">
                <Button size="sm" variant="ghost" className="h-6 px-1.5 text-xs" aria-label={`Filter by ${field.field} = ${field.value.slice(0, 60)}`} onClick={() => onFilter(field)}>
                  Filter by this
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
