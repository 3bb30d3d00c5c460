import { Link } from '@tanstack/react-router'
import { buttonVariants } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'

/** No views yet: say how one is made. */
export function ViewsEmpty() {
  return (
    <div className="flex flex-col items-center gap-4 px-6 py-12 text-center">
      <Icon name="bookmark" className="size-8 text-muted-foreground" />
      <div>
        <h2 className="font-medium">No saved views yet</h2>
        <p className="mt-1 max-w-md text-sm text-muted-foreground">
          Set filters in the logs explorer and choose "Save view" to keep them. Pinned views appear in the sidebar.
        </p>
      </div>
      <Link to="/logs" className={buttonVariants({ variant: 'primary' })}>
        Open the logs explorer
      </Link>
    </div>
  )
}
