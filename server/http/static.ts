import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
}

interface Asset {
  body: Buffer
  gzip: Buffer | null
  type: string
  immutable: boolean
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path, out)
    else out.push(path)
  }
  return out
}

/**
 * The built app is small, so it is read into memory once (with a gzip copy of each text file) and
 * served from there. Unknown non-API paths get index.html so the app's router can take them.
 */
export function loadAssets(dir: string): Map<string, Asset> | null {
  if (!existsSync(join(dir, 'index.html'))) return null
  const assets = new Map<string, Asset>()
  for (const file of walk(dir)) {
    const body = readFileSync(file)
    const type = TYPES[extname(file)] ?? 'application/octet-stream'
    const compressible = type.startsWith('text/') || type.includes('json') || type.includes('svg')
    const urlPath = '/' + relative(dir, file).split('\\').join('/')
    assets.set(urlPath, {
      body,
      gzip: compressible && body.length > 1024 ? gzipSync(body) : null,
      type,
      immutable: urlPath.startsWith('/assets/'),
    })
  }
  return assets
}

function send(req: FastifyRequest, reply: FastifyReply, asset: Asset) {
  reply.header('content-type', asset.type)
  reply.header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
  reply.header('vary', 'accept-encoding')
  reply.header('x-content-type-options', 'nosniff')
  if (asset.type.startsWith('text/html')) {
    reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'")
  }
  if (asset.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    reply.header('content-encoding', 'gzip')
    return reply.send(asset.gzip)
  }
  return reply.send(asset.body)
}

export function registerStatic(app: FastifyInstance, dir: string | null) {
  const assets = dir ? loadAssets(dir) : null
  app.get('/*', async (req, reply) => {
    let path: string
    try {
      path = decodeURIComponent(req.url.split('?')[0]!)
    } catch {
      return reply.callNotFound()
    }
    if (path.startsWith('/api/') || path.startsWith('/v1/')) return reply.callNotFound()
    if (!assets) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('Logdeck: the web app is not built. Run `npm run build` (or `npm start`, which builds first).\n')
    }
    const asset = assets.get(path)
    if (asset) return send(req, reply, asset)
    if (path.startsWith('/assets/') || extname(path)) return reply.callNotFound()
    return send(req, reply, assets.get('/index.html')!)
  })
}
