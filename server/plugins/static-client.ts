import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import type { ApiError } from '../../shared/errors.ts'
import { ERROR_STATUS } from '../errors.ts'

/**
 * Serves the built client: /s/<token> gets the staff survey page (its own small bundle), every
 * other page path the leaders' app; unknown /api/ paths get the JSON not-found body.
 */
export async function staticClient(app: FastifyInstance, opts: { root: string | undefined }) {
  const root = opts.root && existsSync(join(opts.root, 'index.html')) ? opts.root : undefined
  if (root) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      setHeaders: (res, path) => {
        if (path.includes('/assets/')) res.header('cache-control', 'public, max-age=31536000, immutable')
      },
    })
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/'
    if (root && (req.method === 'GET' || req.method === 'HEAD') && !path.startsWith('/api/')) {
      reply.header('cache-control', 'no-cache')
      return reply.sendFile(path.startsWith('/s/') || path === '/s' ? 'respond.html' : 'index.html')
    }
    return reply.code(ERROR_STATUS.NOT_FOUND).send({
      error: { code: 'NOT_FOUND', message: `There is nothing at ${req.method} ${path}.`, requestId: req.id },
    } satisfies ApiError)
  })
}
