import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'

/** Requests every page makes; tests add their own with `server.use(...)`. */
export const defaultHandlers = [
  http.get('*/api/logdeck/backend', () => HttpResponse.json({ backend: 'embedded', default_environment_id: 1 })),
  http.get('*/api/environments/:env/logs/views', () =>
    HttpResponse.json({ count: 0, next: null, previous: null, results: [] }),
  ),
]

export const server = setupServer(...defaultHandlers)
