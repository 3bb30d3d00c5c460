import { useGlobalSearch, useSetGlobalSearch } from '@/hooks/use-global-search'
import { ApiKeyButton } from './api-key-button'
import { BackendBadge } from './backend-badge'
import { EnvironmentField } from './environment-field'
import { RefreshButton } from './refresh-button'
import { ThemeSwitcher } from './theme-switcher'
import { TimeRangePicker } from './time-range-picker'

export function TopBar() {
  const { environmentId, range } = useGlobalSearch()
  const setGlobal = useSetGlobalSearch()
  return (
    <header className="flex h-14 shrink-0 items-center gap-3 border-b border-border bg-surface px-4">
      <EnvironmentField environmentId={environmentId} onChange={(env) => setGlobal({ env })} />
      <BackendBadge />
      <div className="ml-auto flex items-center gap-2">
        <TimeRangePicker range={range} onChange={(next) => setGlobal({ from: next.from, to: next.to })} />
        <RefreshButton />
        <ApiKeyButton />
        <ThemeSwitcher />
      </div>
    </header>
  )
}
