/** The made-up company behind the demo data: its services, their routes and their usual troubles. */

export interface DemoService {
  name: string
  kind: 'http' | 'worker'
  routes: string[]
  version: string
}

const http = (name: string, routes: string[], version = '1.4.2'): DemoService => ({ name, kind: 'http', routes, version })
const worker = (name: string, routes: string[], version = '2.0.1'): DemoService => ({ name, kind: 'worker', routes, version })

/** Ordered by volume: the generator gives service k a weight of 1 / k^1.1 (Zipf-like). */
export const DEMO_SERVICES: DemoService[] = [
  http('api-gateway', ['/api/v1/products', '/api/v1/products/:id', '/api/v1/cart', '/api/v1/search', '/api/v1/orders']),
  http('frontend-ssr', ['/', '/product/:slug', '/category/:slug', '/checkout', '/account']),
  http('search', ['/search', '/search/suggest', '/search/facets']),
  http('catalog', ['/products', '/products/:id', '/products/:id/variants', '/categories']),
  http('cart', ['/cart', '/cart/items', '/cart/items/:id']),
  http('checkout', ['/checkout', '/checkout/:id/confirm', '/checkout/:id/shipping']),
  http('payments', ['/payments', '/payments/:id/capture', '/payments/:id/refund']),
  http('auth', ['/login', '/token', '/token/refresh', '/logout']),
  http('users', ['/users/:id', '/users/:id/preferences', '/users/:id/addresses']),
  worker('notifications', ['send_push', 'send_sms', 'fanout']),
  http('recommendations', ['/recs/home', '/recs/product/:id', '/recs/cart']),
  http('inventory', ['/stock/:sku', '/stock/reserve', '/stock/release']),
  worker('email-worker', ['send_order_confirmation', 'send_password_reset', 'send_newsletter']),
  http('orders', ['/orders', '/orders/:id', '/orders/:id/status']),
  http('pricing', ['/prices/:sku', '/prices/bulk', '/discounts/apply']),
  http('shipping', ['/rates', '/labels', '/tracking/:id']),
  http('graphql', ['/graphql']),
  http('reviews', ['/reviews/:productId', '/reviews', '/reviews/:id/helpful']),
  worker('analytics-ingest', ['flush_batch', 'enrich_events', 'compact_partitions']),
  http('identity', ['/oauth/authorize', '/oauth/callback', '/saml/acs']),
  http('sessions', ['/sessions', '/sessions/:id']),
  http('feature-flags', ['/flags/evaluate', '/flags']),
  http('media', ['/media/upload', '/media/:id']),
  worker('image-resizer', ['resize', 'thumbnail', 'webp_convert']),
  http('billing', ['/invoices', '/invoices/:id', '/subscriptions/:id']),
  http('ledger', ['/entries', '/balances/:account']),
  worker('fraud-detection', ['score_payment', 'review_queue']),
  http('webhooks', ['/hooks/stripe', '/hooks/carrier', '/hooks/github']),
  worker('cron-scheduler', ['nightly_reindex', 'expire_carts', 'rotate_keys']),
  http('geo', ['/geo/lookup', '/geo/timezones']),
  http('translations', ['/i18n/:locale', '/i18n/missing']),
  worker('export-worker', ['export_orders_csv', 'export_customers']),
  worker('import-worker', ['import_catalog', 'import_prices']),
  http('audit-log', ['/audit', '/audit/:id']),
  http('config-service', ['/config/:app', '/config/:app/reload']),
  http('rate-limiter', ['/check', '/quota/:key']),
  worker('pdf-renderer', ['render_invoice', 'render_label']),
  http('support-desk', ['/tickets', '/tickets/:id']),
  http('metrics-proxy', ['/metrics', '/push']),
  http('cdn-edge', ['/assets/*', '/img/*']),
]

export const HOSTS = ['ip-10-0-1-12', 'ip-10-0-1-37', 'ip-10-0-2-8', 'ip-10-0-2-91', 'ip-10-0-3-4']

export const DEBUG_MESSAGES = [
  'cache lookup key={key} hit={bool}',
  'loaded {n} rows from replica in {ms}ms',
  'feature flag {flag} evaluated to {bool}',
  'retrying connection to redis attempt={n}',
]

export const WARN_MESSAGES = [
  'slow query took {ms}ms: SELECT * FROM orders WHERE customer_id = ?',
  'deprecated API version v1 used by client {client}',
  'connection pool at {pct}% capacity',
  'retrying request to {dep} after 503 (attempt {n}/3)',
]

export const ERROR_MESSAGES = [
  'upstream {dep} returned 502 Bad Gateway',
  'timeout after {ms}ms waiting for {dep}',
  'failed to deserialize message: unexpected end of JSON input',
  'NullPointerException in {cls}.handle (line {n})',
  'database deadlock detected; transaction rolled back',
]

export const DEPENDENCIES = ['postgres-primary', 'redis-cache', 'bank-gateway', 'carrier-api', 'search-cluster', 'kafka']
export const FLAGS = ['new-checkout', 'recs-v2', 'dark-mode', 'fast-search']
export const CLIENTS = ['ios/5.2.1', 'android/5.1.0', 'web/2026.11', 'partner-api']
