import { Link } from '@tanstack/react-router'
import { buttonVariants } from '@/components/ui/button'
import { Glyph } from '@/components/ui/glyph'
import { Icon } from '@/components/ui/icon'
import { ruleTypes } from '@/contract/rules'
import { ruleTypeHints, ruleTypeLabels } from '../../form/labels'

/** No rules yet: what rules are for, the three kinds, and the way to make one. */
export function RulesEmpty() {
  return (
    <div className="flex flex-col items-center gap-5 px-6 py-12 text-center">
      <Icon name="filter" className="size-8 text-muted-foreground" />
      <div>
        <h2 className="font-medium">No sampling rules yet</h2>
        <p className="mt-1 max-w-xl text-sm text-muted-foreground">
          Every log is kept. Rules drop or sample logs before they are stored, top to bottom: the first rule that decides a log wins.
          Each new rule starts disabled, with a preview of what it would drop.
        </p>
      </div>
      <ul className="grid max-w-3xl gap-3 text-left text-sm sm:grid-cols-3">
        {ruleTypes.map((type) => (
          <li key={type} className="rounded-lg border border-border bg-background p-3">
            <p className="font-medium">{ruleTypeLabels[type]}</p>
            <p className="mt-1 text-muted-foreground">{ruleTypeHints[type]}</p>
          </li>
        ))}
      </ul>
      <Link to="/sampling-rules/new" className={buttonVariants({ variant: 'primary' })}>
        <Glyph name="plus" />
        Create a rule
      </Link>
    </div>
  )
}
