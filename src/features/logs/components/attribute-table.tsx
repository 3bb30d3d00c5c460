import { Button } from '@/components/ui/button'

interface AttributeTableProps {
  title: string
  attributes: Record<string, string>
  onFilter: (key: string, value: string, exclude: boolean) => void
}

/** Key/value pairs as text, each with "filter by this" and "exclude this". */
export function AttributeTable({ title, attributes, onFilter }: AttributeTableProps) {
  const entries = Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b))
  return (
    <section>
      <h3 className="mb-1.5 text-xs font-medium tracking-wide text-muted-foreground uppercase">{title}</h3>
      {entries.length === 0 ? (
        <p className="text-xs text-muted-foreground">None.</p>
      ) : (
        <table aria-label={title} className="w-full table-fixed text-xs">
          <tbody>
            {entries.map(([key, value]) => {
              const short = value.length > 60 ? `${value.slice(0, 57)}…` : value
              return (
              <tr key={key} className="group border-b border-border align-top last:border-0">
                <th scope="row" className="w-2/5 py-1.5 pr-2 text-left font-mono font-normal break-all text-muted-foreground">
                  {key}
                </th>
                <td className="py-1.5 pr-2 font-mono break-all whitespace-pre-wrap">{value}</td>
                <td className="w-36 py-1 text-right whitespace-nowrap">
                  <Button size="sm" variant="ghost" className="h-6 px-1.5 text-xs" aria-label={`Filter by ${key} = ${short}`} onClick={() => onFilter(key, value, false)}>
                    Filter
                  </Button>
                  <Button size="sm" variant="ghost" className="h-6 px-1.5 text-xs" aria-label={`Exclude ${key} = ${short}`} onClick={() => onFilter(key, value, true)}>
                    Exclude
                  </Button>
                </td>
              </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
