import { useState } from 'react'
import { Input } from '@/components/ui/input'

interface EnvironmentFieldProps {
  environmentId: number
  onChange: (environmentId: number) => void
}

/** The environment id; applied on Enter or when the field loses focus. Keeps focus while it changes. */
export function EnvironmentField({ environmentId, onChange }: EnvironmentFieldProps) {
  const [draft, setDraft] = useState(String(environmentId))
  const [seen, setSeen] = useState(environmentId)
  // The environment changed elsewhere (this field, the URL, the server's default): show it.
  if (environmentId !== seen) {
    setSeen(environmentId)
    setDraft(String(environmentId))
  }

  const commit = () => {
    const next = Number(draft)
    if (Number.isInteger(next) && next >= 1) {
      if (next !== environmentId) onChange(next)
    } else {
      setDraft(String(environmentId))
    }
  }

  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-muted-foreground">Environment</span>
      <Input
        type="number"
        inputMode="numeric"
        min={1}
        step={1}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit()
        }}
        className="h-8 w-20"
      />
    </label>
  )
}
