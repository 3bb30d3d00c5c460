import type { ServiceRow, ServicesResponse } from '@/contract/logs'

export function serviceRow(name: string, overrides: Partial<ServiceRow> = {}): ServiceRow {
  const log_count = overrides.log_count ?? 1000
  const error_count = overrides.error_count ?? 10
  return {
    service_name: name,
    log_count,
    error_count,
    error_rate: Number((error_count / log_count).toFixed(4)),
    volume_share_pct: 10,
    severity_breakdown: { debug: 100, info: log_count - 100 - error_count - 50, warn: 50, error: error_count },
    active_rules: [],
    ...overrides,
  }
}

export function servicesResponse(services: ServiceRow[], overrides: Partial<ServicesResponse> = {}): ServicesResponse {
  return {
    services,
    sparkline: [],
    summary: { top_services_count: Math.min(5, services.length), top_services_volume_share_pct: 72 },
    total_services: services.length,
    ...overrides,
  }
}
