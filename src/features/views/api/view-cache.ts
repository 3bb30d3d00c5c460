import type { QueryClient, QueryKey } from '@tanstack/react-query'
import type { Paginated } from '@/contract/pagination'
import type { View } from '@/contract/views'
import { viewQueries } from '@/lib/queries/view-queries'

/** Cached answers of every view query of an environment, to put back when a mutation fails. */
export type ViewCacheSnapshot = [QueryKey, unknown][]

export function snapshotViews(queryClient: QueryClient, environmentId: number): ViewCacheSnapshot {
  return queryClient.getQueriesData({ queryKey: viewQueries.all(environmentId) })
}

export function restoreViews(queryClient: QueryClient, snapshot: ViewCacheSnapshot | undefined): void {
  for (const [key, data] of snapshot ?? []) queryClient.setQueryData(key, data)
}

const isPinnedList = (key: QueryKey) => (key[3] as { pinned?: boolean } | undefined)?.pinned === true
const newestFirst = (a: View, b: View) => b.created_at.localeCompare(a.created_at)

function listsOf(queryClient: QueryClient, environmentId: number) {
  return queryClient.getQueriesData<Paginated<View>>({ queryKey: viewQueries.lists(environmentId) })
}

/** Puts the view into every cached list it belongs in (the pinned list only while it is pinned), newest first. */
export function upsertView(queryClient: QueryClient, environmentId: number, view: View): void {
  for (const [key, list] of listsOf(queryClient, environmentId)) {
    if (!list) continue
    const others = list.results.filter((v) => v.short_id !== view.short_id)
    const belongs = !isPinnedList(key) || view.pinned
    const results = belongs ? [...others, view].sort(newestFirst) : others
    queryClient.setQueryData<Paginated<View>>(key, { ...list, results, count: list.count + (results.length - list.results.length) })
  }
  queryClient.setQueryData(viewQueries.detail(environmentId, view.short_id).queryKey, view)
}

export function removeView(queryClient: QueryClient, environmentId: number, shortId: string): void {
  for (const [key, list] of listsOf(queryClient, environmentId)) {
    if (!list) continue
    const results = list.results.filter((v) => v.short_id !== shortId)
    queryClient.setQueryData<Paginated<View>>(key, { ...list, results, count: list.count - (list.results.length - results.length) })
  }
}
