import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'

/** The window has logs, but no service name contains the search text. */
export function ServicesNoMatch({ search, onClear }: { search: string; onClear: () => void }) {
  return (
    <div className="flex flex-col items-center gap-3 px-6 py-12 text-center">
      <Icon name="search" className="size-8 text-muted-foreground" />
      <div>
        <h2 className="font-medium">No services match “{search}”</h2>
        <p className="mt-1 text-sm text-muted-foreground">Try a shorter part of the name, or clear the search to see every service.</p>
      </div>
      <Button onClick={onClear}>Clear search</Button>
    </div>
  )
}
