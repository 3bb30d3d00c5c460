import { attributesResponseSchema, valuesResponseSchema, type AttributeType } from '@/contract/logs'
import type { FilterLeafType } from '@/contract/query'
import { apiClient, logsPath } from '@/lib/api-client'
import { toDateRange, type TimeRange } from '@/lib/time-range'

/** Attribute keys and values for the filter editor's autocomplete. */
const SUGGESTION_LIMIT = 50

export interface AttributeKeyParams {
  environmentId: number
  range: TimeRange
  services: readonly string[]
  search: string
}

export interface AttributeKeyOption {
  key: string
  type: FilterLeafType
}

/** Fields of the log itself a filter can name besides attributes (`message` is the body). */
const logFields = ['message', 'trace_id', 'span_id', 'event_name', 'severity_text'] as const

const leafTypeOf: Record<AttributeType, FilterLeafType> = { log: 'log_attribute', resource: 'log_resource_attribute' }

export async function fetchAttributeKeys(params: AttributeKeyParams, signal: AbortSignal): Promise<AttributeKeyOption[]> {
  const ask = async (type: AttributeType) => {
    const response = await apiClient.get(logsPath(params.environmentId, 'attributes'), attributesResponseSchema, {
      params: {
        attribute_type: type,
        search: params.search,
        dateRange: toDateRange(params.range),
        serviceNames: params.services.length > 0 ? params.services : undefined,
        limit: SUGGESTION_LIMIT,
      },
      signal,
    })
    return response.results.map((result) => ({ key: result.name, type: leafTypeOf[type] }))
  }
  const [log, resource] = await Promise.all([ask('log'), ask('resource')])
  const needle = params.search.toLowerCase()
  const fields = logFields.filter((key) => key.includes(needle)).map((key) => ({ key, type: 'log' as const }))
  return [...fields, ...log, ...resource]
}

export interface AttributeValueParams {
  environmentId: number
  range: TimeRange
  services: readonly string[]
  key: string
  attributeType: AttributeType
  search: string
}

export async function fetchAttributeValues(params: AttributeValueParams, signal: AbortSignal): Promise<{ value: string; count?: number }[]> {
  const response = await apiClient.get(logsPath(params.environmentId, 'values'), valuesResponseSchema, {
    params: {
      key: params.key,
      attribute_type: params.attributeType,
      value: params.search,
      dateRange: toDateRange(params.range),
      serviceNames: params.services.length > 0 ? params.services : undefined,
      limit: SUGGESTION_LIMIT,
    },
    signal,
  })
  return response.results.map((result) => ({ value: result.name, count: result.count }))
}
