import { Skeleton } from '@/components/ui/skeleton'

/** The editor's shape (form and preview) while the rule loads. */
export function EditorSkeleton() {
  return (
    <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="space-y-6" aria-hidden="true">
        <Skeleton className="h-5 w-24" />
        <Skeleton className="h-9 w-full" />
        <div className="grid gap-2 sm:grid-cols-3">
          <Skeleton className="h-20" />
          <Skeleton className="h-20" />
          <Skeleton className="h-20" />
        </div>
        <Skeleton className="h-5 w-24" />
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
      <Skeleton className="h-72 w-full" />
      <p className="sr-only" role="status">
        Loading the rule…
      </p>
    </div>
  )
}
