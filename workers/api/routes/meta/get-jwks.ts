import { createRoute, z } from '@hono/zod-openapi'
import type { App } from '../../app-env.ts'
import { jsonBody } from '../../openapi.ts'

const Jwks = z
  .object({ keys: z.array(z.record(z.string(), z.unknown())) })
  .openapi('JWKS', { description: 'Public keys that verify access tokens (RFC 7517)' })

const route = createRoute({
  operationId: 'getJwks',
  method: 'get',
  path: '/.well-known/jwks.json',
  security: [],
  tags: ['meta'],
  summary: 'Public signing keys',
  responses: { 200: jsonBody(Jwks) },
})

export const registerGetJwks = (app: App) =>
  app.openapi(route, async (c) => {
    const { jwks } = await c.get('services').keys()
    c.header('Cache-Control', 'public, max-age=300')
    return c.json(jwks, 200)
  })
