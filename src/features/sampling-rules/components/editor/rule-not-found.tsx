import { Link } from '@tanstack/react-router'
import { buttonVariants } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'

/** The id names no rule of this environment (deleted, mistyped, or another environment's). */
export function RuleNotFound() {
  return (
    <div className="flex flex-col items-center gap-3 px-6 py-12 text-center">
      <Icon name="filter" className="size-8 text-muted-foreground" />
      <h2 className="font-medium">No such rule</h2>
      <p className="max-w-md text-sm text-muted-foreground">
        This environment has no sampling rule with this id. It may have been deleted, or it belongs to another environment.
      </p>
      <Link to="/sampling-rules" className={buttonVariants()}>
        Back to the rules
      </Link>
    </div>
  )
}
