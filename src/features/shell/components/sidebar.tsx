import { Link } from '@tanstack/react-router'
import { Icon, type IconName } from '@/components/ui/icon'
import { PinnedViewsNav } from './pinned-views-nav'

const sections = [
  { to: '/services', label: 'Services', icon: 'services' },
  { to: '/logs', label: 'Logs', icon: 'logs' },
  { to: '/sampling-rules', label: 'Sampling rules', icon: 'filter' },
  { to: '/views', label: 'Saved views', icon: 'bookmark' },
] as const satisfies readonly { to: string; label: string; icon: IconName }[]

export function Sidebar() {
  return (
    <aside className="flex w-56 shrink-0 flex-col overflow-y-auto border-r border-border bg-surface px-3 py-4">
      <Link to="/services" className="mb-6 flex items-center gap-2 rounded-md px-2 text-base font-semibold focus-visible:outline-2 focus-visible:outline-ring">
        <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-primary text-primary-foreground">
          <Icon name="logs" />
        </span>
        Logdeck
      </Link>
      <nav aria-label="Main">
        <ul className="space-y-0.5">
          {sections.map((section) => (
            <li key={section.to}>
              <Link
                to={section.to}
                className="flex h-9 items-center gap-2.5 rounded-md px-2 text-sm font-medium text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring aria-[current=page]:bg-accent aria-[current=page]:text-primary"
              >
                <Icon name={section.icon} />
                {section.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <PinnedViewsNav />
    </aside>
  )
}
