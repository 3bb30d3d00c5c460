import { Chip } from '@/components/ui/chip'
import type { RuleWarning } from '@/contract/rules'

const titles: Record<string, string> = {
  no_matches_24h: 'Matches nothing',
  shadowed: 'Shadowed',
  unknown_service: 'Unknown service',
}

/** Each warning as a chip with its full sentence; nothing when there are none (or the server sends none). */
export function RuleWarnings({ warnings }: { warnings: readonly RuleWarning[] | undefined }) {
  if (!warnings?.length) return <span className="sr-only">None</span>
  return (
    <ul className="flex flex-wrap gap-1">
      {warnings.map((warning) => (
        <li key={warning.code} className="max-w-full">
          <Chip tone="warning" title={warning.message}>
            {titles[warning.code] ?? warning.code}
            <span className="sr-only">: {warning.message}</span>
          </Chip>
        </li>
      ))}
    </ul>
  )
}
