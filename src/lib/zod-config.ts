import { z } from 'zod'

// The server's Content-Security-Policy forbids eval, so zod's compiled fast path is unavailable;
// `jitless` also stops zod probing for it with `new Function`, which the browser reports as a
// CSP violation on every page load.
z.config({ jitless: true })
