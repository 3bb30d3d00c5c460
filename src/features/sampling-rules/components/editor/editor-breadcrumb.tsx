import { Link } from '@tanstack/react-router'

/** "Sampling rules / <this rule>", the way back to the list. */
export function EditorBreadcrumb({ current }: { current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted-foreground">
      <ol className="flex items-center gap-1.5">
        <li>
          <Link to="/sampling-rules" activeOptions={{ exact: true }} className="hover:text-foreground hover:underline">
            Sampling rules
          </Link>
        </li>
        <li aria-hidden="true">/</li>
        <li aria-current="page" className="truncate text-foreground">
          {current}
        </li>
      </ol>
    </nav>
  )
}
