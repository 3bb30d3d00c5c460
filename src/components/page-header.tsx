import { useEffect, type ReactNode } from 'react'

interface PageHeaderProps {
  title: string
  /** Shown under the heading (the window, counts…). */
  children?: ReactNode
  /** Controls on the right of the heading. */
  actions?: ReactNode
}

/** The page's one `<h1>`; also names the browser tab after it. */
export function PageHeader({ title, children, actions }: PageHeaderProps) {
  useEffect(() => {
    document.title = `${title} · Logdeck`
  }, [title])
  return (
    <header className="flex flex-wrap items-start justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        {children && <div className="mt-1 text-sm text-muted-foreground">{children}</div>}
      </div>
      {actions && <div className="flex items-center gap-3">{actions}</div>}
    </header>
  )
}
