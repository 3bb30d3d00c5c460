import { useNavigate } from '@tanstack/react-router'
import { memo, type MouseEvent } from 'react'
import type { ServiceRow as ServiceRowData } from '@/contract/logs'
import { formatCount, formatPercent } from '@/lib/format'
import type { TimeRange } from '@/lib/time-range'
import { ROW_HEIGHT } from '../columns'
import { ActiveRuleChips } from './active-rule-chips'
import { CopyLinkButton } from './copy-link-button'
import { ErrorRateCell } from './error-rate-cell'
import { ServiceNameCell } from './service-name-cell'
import { SeverityMixBar } from './severity-mix-bar'
import { SparklineCell } from './sparkline-cell'

interface ServiceRowProps {
  row: ServiceRowData
  /** 1-based position among all rows, header included (for `aria-rowindex`). */
  rowIndex: number
  environmentId: number
  range: TimeRange
}

const cell = 'border-b border-border px-3'
const numericCell = `${cell} text-right tabular-nums`

/** One service; clicking anywhere outside its controls opens the service's logs. */
export const ServiceRow = memo(function ServiceRow({ row, rowIndex, environmentId, range }: ServiceRowProps) {
  const navigate = useNavigate()
  const openLogs = (event: MouseEvent<HTMLTableRowElement>) => {
    const control = (event.target as HTMLElement).closest('a, button, input, [tabindex]')
    if (control && event.currentTarget.contains(control)) return
    void navigate({ to: '/logs', search: { services: row.service_name } })
  }

  return (
    <tr aria-rowindex={rowIndex} onClick={openLogs} style={{ height: ROW_HEIGHT }} className="cursor-pointer hover:bg-muted/60">
      <th scope="row" className={`${cell} text-left font-normal`}>
        <ServiceNameCell service={row.service_name} />
      </th>
      <td className={numericCell}>{formatCount(row.log_count)}</td>
      <td className={numericCell}>{formatPercent(row.volume_share_pct)}</td>
      <td className={numericCell}>{formatCount(row.error_count)}</td>
      <td className={numericCell}>
        <ErrorRateCell rate={row.error_rate} />
      </td>
      <td className={cell}>
        <SeverityMixBar breakdown={row.severity_breakdown} />
      </td>
      <td className={cell}>
        <SparklineCell environmentId={environmentId} range={range} service={row.service_name} />
      </td>
      <td className={cell}>
        <ActiveRuleChips rules={row.active_rules} />
      </td>
      <td className={`${cell} text-right`}>
        <CopyLinkButton service={row.service_name} />
      </td>
    </tr>
  )
})
