import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { serializerCompiler } from '../../server/app.ts'

// Every response goes out as its declared schema parses it: a field the schema does not declare never
// reaches a client (STYLE.md §5), and a response that does not match its schema is not sent at all.
describe('the response serializer', () => {
  const app = Fastify()
  app.setSerializerCompiler(serializerCompiler)
  const Schema = z.object({ school: z.string(), mean: z.number().nullable(), scales: z.array(z.object({ id: z.string(), n: z.int() })) })
  let body: unknown
  app.get('/x', { schema: { response: { 200: Schema } } }, async () => body)

  it('strips what the schema does not declare, at every depth', async () => {
    body = { school: 'A', mean: null, respondents: [4, 5], scales: [{ id: 'synergy', n: 7, bins: [1, 2] }] }
    const res = await app.inject({ url: '/x' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ school: 'A', mean: null, scales: [{ id: 'synergy', n: 7 }] })
  })

  it('sends nothing of a response that does not match its schema', async () => {
    body = { school: 'A', mean: 'withheld', scales: [] }
    const res = await app.inject({ url: '/x' })
    expect(res.statusCode).toBe(500)
    expect(res.body).not.toContain('withheld')
  })
})
