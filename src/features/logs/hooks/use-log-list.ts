import { useInfiniteQuery } from '@tanstack/react-query'
import { useCallback, useMemo } from 'react'
import { logQueries, type LogListParams } from '../api/log-queries'

/** The explorer's rows, page after page (cursor paging), with a guard against asking twice. */
export function useLogList(params: LogListParams) {
  const list = useInfiniteQuery({
    ...logQueries.list(params),
    // Keep the old rows on screen while new filters load, but never another environment's.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === params.environmentId ? previous : undefined),
  })
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.results) ?? [], [list.data])
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, isPlaceholderData, fetchNextPage } = list
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError && !isPlaceholderData) void fetchNextPage()
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, isPlaceholderData, fetchNextPage])
  return { list, rows, loadMore }
}
