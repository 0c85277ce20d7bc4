import fastifySwagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { jsonSchemaTransform } from 'fastify-type-provider-zod'
import { PUBLIC } from '../modules/auth/access.ts'

/**
 * The OpenAPI document, built from every route's zod schemas and served at /api/openapi.json.
 * Registered before the routes it describes.
 */
export const openApi = fp(async (app: FastifyInstance) => {
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Continuum API',
        version: '1',
        description: 'Anonymous staff surveys on distributed leadership, and the reports built from them.',
      },
      tags: [
        { name: 'staff', description: 'Answering a survey: no sign-in, no personal data' },
        { name: 'leaders: account', description: 'Signing in and out; the session is an httpOnly cookie, and changes carry the x-csrf-token header' },
        { name: 'leaders: surveys', description: "Running survey cycles for the schools a leader's roles cover" },
        { name: 'leaders: schools', description: "A school's context (phase, staff band, nation) and the norm tables it is compared with" },
        { name: 'leaders: reports', description: 'School reports and their exports, every figure behind the anonymity rules' },
        { name: 'leaders: trusts', description: "A trust's schools side by side (trust leaders only)" },
        { name: 'leaders: action plans', description: "A school's plan for a survey cycle: its own leaders change it, its trust's leaders read it" },
        { name: 'system', description: 'Health and the API description' },
      ],
    },
    transform: jsonSchemaTransform,
  })
  app.get('/api/openapi.json', { config: { access: PUBLIC }, schema: { hide: true } }, async () => app.swagger())
})
