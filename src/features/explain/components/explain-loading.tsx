import { useEffect, useState } from 'react'
import { Button } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/skeleton'

interface ExplainLoadingProps {
  regenerating: boolean
  onCancel: () => void
}

/** The model is working: say so, count the seconds, and let the user give up. */
export function ExplainLoading({ regenerating, onCancel }: ExplainLoadingProps) {
  const [seconds, setSeconds] = useState(0)
  useEffect(() => {
    const timer = window.setInterval(() => setSeconds((s) => s + 1), 1000)
    return () => window.clearInterval(timer)
  }, [])

  return (
    <div aria-busy="true" className="space-y-4">
      <div className="flex items-center justify-between gap-3">
        <p role="status" className="text-sm">
          {regenerating ? 'Generating a fresh explanation…' : 'Explaining this log…'}
          {seconds >= 2 && <span className="text-muted-foreground"> {seconds} s</span>}
        </p>
        <Button size="sm" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      <Skeleton className="h-10 w-full" />
      <Skeleton className="h-4 w-5/6" />
      <Skeleton className="h-4 w-2/3" />
      <Skeleton className="h-20 w-full" />
    </div>
  )
}
