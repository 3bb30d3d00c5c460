import { useState, type FormEvent } from 'react'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { resolveTimeRange, type TimeRange } from '@/lib/time-range'

/** `<input type="datetime-local">` works in local time: ms → `2026-01-02T10:30`. */
function toLocalInput(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

interface CustomRangeFormProps {
  range: TimeRange
  onApply: (range: Required<TimeRange>) => void
}

/** An absolute range in the viewer's local time, sent to the API as UTC ISO-8601. */
export function CustomRangeForm({ range, onApply }: CustomRangeFormProps) {
  const [initial] = useState(() => resolveTimeRange(range, Date.now()))
  const [from, setFrom] = useState(() => toLocalInput(initial.fromMs))
  const [to, setTo] = useState(() => toLocalInput(initial.toMs))
  const [problem, setProblem] = useState<string | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const fromMs = new Date(from).getTime()
    const toMs = new Date(to).getTime()
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) return setProblem('Enter both a start and an end.')
    if (toMs <= fromMs) return setProblem('The end must be after the start.')
    setProblem(null)
    onApply({ from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() })
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="custom-range-heading" className="space-y-2">
      <h3 id="custom-range-heading" className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
        Custom range <span className="normal-case">(local time)</span>
      </h3>
      <label className="block text-sm">
        From
        <Input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} aria-invalid={problem !== null} className="mt-1" />
      </label>
      <label className="block text-sm">
        To
        <Input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={problem !== null} className="mt-1" />
      </label>
      {problem && (
        <p role="alert" className="text-sm text-danger">
          {problem}
        </p>
      )}
      <Button type="submit" variant="primary" size="sm" className="w-full">
        Apply range
      </Button>
    </form>
  )
}
