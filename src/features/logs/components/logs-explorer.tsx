import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { PageHeader } from '@/components/page-header'
import type { LogRow } from '@/contract/logs'
import { useGlobalSearch, useSetGlobalSearch } from '@/hooks/use-global-search'
import { rememberExplorerState } from '@/lib/log-filters/last-explorer-state'
import { pickExplorerFilters, type LogSearch } from '@/lib/log-filters/log-search'
import { useLogSearch, useSetLogSearch } from '@/lib/log-filters/use-log-search'
import { describeTimeRange } from '@/lib/time-range'
import { useExplorerKeys } from '../hooks/use-explorer-keys'
import { useFilterActions, type FilterBy } from '../hooks/use-filter-actions'
import { useLogList } from '../hooks/use-log-list'
import { FilterBar } from './filter-bar'
import { LogDrawer } from './log-drawer'
import { LogResults } from './log-results'
import { VolumePanel } from './volume-panel'

interface LogsExplorerProps {
  title: string
  /** Controls right of the title (save a view). */
  headerActions?: ReactNode
  /** Shown between the header and the filters (the opened view's state). */
  banner?: ReactNode
  /** The "Explain with AI" tab of the open log; `filterBy` turns one of its key fields into a filter. */
  renderExplain: (log: LogRow, filterBy: FilterBy) => ReactNode
}

/** Filters, volume chart, the list and the open log — all of it in the URL. */
export function LogsExplorer({ title, headerActions, banner, renderExplain }: LogsExplorerProps) {
  const { environmentId, range } = useGlobalSearch()
  const setGlobal = useSetGlobalSearch()
  const search = useLogSearch()
  const setSearch = useSetLogSearch()
  const { services, severity, q, filters: nodes, order } = search
  const filters = useMemo(() => pickExplorerFilters({ services, severity, q, filters: nodes, order }), [services, severity, q, nodes, order])
  const params = useMemo(() => ({ environmentId, range, filters }), [environmentId, range, filters])
  const data = useLogList(params)
  const { rows } = data

  useEffect(() => rememberExplorerState({ filters, range }), [filters, range])

  // The cursor belongs to one result set: new filters start without one.
  const listKey = JSON.stringify(params)
  const [cursor, setCursor] = useState({ key: listKey, index: -1 })
  const activeIndex = cursor.key === listKey ? cursor.index : -1
  const gridRef = useRef<HTMLDivElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)

  const update = useCallback((patch: Partial<LogSearch>) => void setSearch(patch), [setSearch])
  const openRow = useCallback(
    (index: number) => {
      const row = rows[index]
      if (!row) return
      setCursor({ key: listKey, index })
      void setSearch({ log: row.uuid, logTs: row.timestamp }, { replace: true })
    },
    [rows, listKey, setSearch],
  )
  const close = useCallback(() => {
    void setSearch({ log: undefined, logTs: undefined }, { replace: true })
    gridRef.current?.focus()
  }, [setSearch])
  const moveTo = (index: number) => {
    setCursor({ key: listKey, index })
    if (search.log) openRow(index)
  }

  useExplorerKeys({
    onMove: (delta) => {
      if (rows.length === 0) return
      gridRef.current?.focus()
      moveTo(Math.min(Math.max(activeIndex + delta, 0), rows.length - 1))
    },
    onFocusSearch: () => searchRef.current?.focus(),
    onEscape: () => {
      if (search.log) close()
    },
  })

  const actions = useFilterActions(filters, update)
  const open = search.log ? rows.find((row) => row.uuid === search.log) : undefined

  return (
    <div className="flex h-full min-h-[40rem] flex-col gap-3 p-6">
      <PageHeader title={title} actions={headerActions}>
        {describeTimeRange(range)}
      </PageHeader>
      {banner}
      <FilterBar
        environmentId={environmentId}
        range={range}
        filters={filters}
        onChange={update}
        onClear={() => update({ services: [], severity: [], q: '', filters: [] })}
        searchRef={searchRef}
      />
      <VolumePanel
        params={params}
        tz={search.tz}
        onZoom={(fromMs, toMs) => void setGlobal({ from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() })}
      />
      <div className="flex min-h-0 flex-1 gap-3">
        <LogResults
          environmentId={environmentId}
          range={range}
          search={search}
          data={data}
          activeIndex={activeIndex}
          gridRef={gridRef}
          onOpen={openRow}
          onActiveChange={moveTo}
          onSearchChange={update}
          onWiden={(from) => void setGlobal({ from, to: undefined })}
        />
        {search.log && (
          <LogDrawer
            environmentId={environmentId}
            range={range}
            tz={search.tz}
            uuid={search.log}
            timestamp={search.logTs}
            loaded={open}
            actions={actions}
            renderExplain={(log) => renderExplain(log, actions.filterBy)}
            onClose={close}
          />
        )}
      </div>
    </div>
  )
}
