// Entry of an ingest decoding worker (see DecodePool in decode-pool.ts). A worker does not get the
// `--import tsx` hooks its process started with (tsx issue #354), so it registers tsx itself
// before loading the TypeScript module, whatever started the process (node, vitest, Playwright).
import { register } from 'tsx/esm/api'

register()
await import('./decode-worker.ts')
