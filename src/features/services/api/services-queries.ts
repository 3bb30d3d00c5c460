import { queryOptions } from '@tanstack/react-query'
import { apiClient, logsPath } from '@/lib/api-client'
import { toDateRange, type TimeRange } from '@/lib/time-range'
import { servicesAnswerSchema } from './services-response'
import { loadSparkline } from './sparkline-batcher'

/** The table shows every service of the window: the API's maximum. */
export const SERVICES_LIMIT = 10_000

export interface ServicesListParams {
  environmentId: number
  range: TimeRange
  /** Service name substring; empty means all. */
  search: string
}

export interface ServiceSparklineParams {
  environmentId: number
  range: TimeRange
  service: string
}

export const servicesQueries = {
  /** Everything the Services page shows for one environment (list and sparklines). */
  all: (environmentId: number) => ['services', environmentId] as const,
  list: ({ environmentId, range, search }: ServicesListParams) =>
    queryOptions({
      queryKey: [...servicesQueries.all(environmentId), 'list', { range, search }] as const,
      queryFn: ({ signal }) =>
        apiClient.post(
          logsPath(environmentId, 'services'),
          servicesAnswerSchema,
          { query: { dateRange: toDateRange(range), serviceNameSearch: search || undefined, limit: SERVICES_LIMIT } },
          { signal },
        ),
    }),
  sparkline: ({ environmentId, range, service }: ServiceSparklineParams) =>
    queryOptions({
      queryKey: [...servicesQueries.all(environmentId), 'sparkline', range, service] as const,
      queryFn: ({ signal }) => loadSparkline({ environmentId, range }, service, signal),
    }),
}
