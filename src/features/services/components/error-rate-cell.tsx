import { Chip } from '@/components/ui/chip'
import { formatRate } from '@/lib/format'

/** Error rates of 5 % and more are red, 1 % and more amber; the words say it too, not just colour. */
const ERROR_RATE_HIGH = 0.05
const ERROR_RATE_ELEVATED = 0.01

export function ErrorRateCell({ rate }: { rate: number }) {
  if (rate >= ERROR_RATE_HIGH) {
    return (
      <Chip tone="danger" className="tabular-nums">
        {formatRate(rate)}
        <span className="sr-only"> (high)</span>
      </Chip>
    )
  }
  if (rate >= ERROR_RATE_ELEVATED) {
    return (
      <Chip tone="warning" className="tabular-nums">
        {formatRate(rate)}
        <span className="sr-only"> (elevated)</span>
      </Chip>
    )
  }
  return <span className="tabular-nums text-muted-foreground">{formatRate(rate)}</span>
}
