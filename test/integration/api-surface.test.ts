import { describe, expect, it } from 'vitest'
import { PUBLIC_AUTH_PATHS } from '../../workers/api/routes/auth.ts'
import { call, expectProblem } from '../support/api.ts'

interface Operation {
  operationId?: string
  security?: Record<string, string[]>[]
}
interface Spec {
  servers?: { url: string }[]
  security?: Record<string, string[]>[]
  paths: Record<string, Record<string, Operation>>
}

describe('API surface', () => {
  it('answers an unknown route with a 404 problem that points to the docs', async () => {
    const problem = await expectProblem(await call('/v1/nope'), 401, 'unauthorized')
    expect(problem.detail).toContain('Authorization')
    const open = await expectProblem(await call('/nope'), 404, 'not_found')
    expect(open.detail).toContain('/docs')
  })

  it('asks for credentials with WWW-Authenticate and echoes a request id', async () => {
    const res = await call('/v1/me', { headers: { 'x-request-id': 'trace-123' } })
    expect(res.headers.get('www-authenticate')).toContain('Bearer')
    expect(res.headers.get('x-request-id')).toBe('trace-123')
    expect(((await expectProblem(res, 401, 'unauthorized')) as { request_id?: string }).request_id).toBe('trace-123')
  })

  it('documents every route in /openapi.json and serves the docs UI offline', async () => {
    const spec = (await (await call('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> }
    const routes = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
    expect(routes.sort()).toEqual(
      [
        'get /healthz',
        'get /readyz',
        'get /.well-known/jwks.json',
        'post /v1/auth/signup',
        'post /v1/auth/verify-email',
        'post /v1/auth/password-reset',
        'post /v1/auth/password-reset/confirm',
        'post /v1/auth/invitation',
        'post /v1/auth/accept-invitation',
        'post /v1/auth/login',
        'post /v1/auth/refresh',
        'post /v1/auth/logout',
        'get /v1/me',
        'get /v1/me/tenants',
        'post /v1/auth/switch-tenant',
        'post /v1/invitations',
        'get /v1/invitations',
        'delete /v1/invitations/{id}',
        'get /v1/users',
        'patch /v1/users/{id}',
        'post /v1/users/{id}/deactivate',
        'post /v1/api-keys',
        'get /v1/api-keys',
        'delete /v1/api-keys/{id}',
        'post /v1/jobs',
        'get /v1/jobs',
        'get /v1/jobs/{id}',
        'post /v1/jobs/{id}/cancel',
        'post /v1/jobs/{id}/retry',
        'post /v1/events/stream-token',
        'get /v1/events/stream',
        'get /v1/events/ws',
        'get /v1/events',
        'get /v1/dashboard',
        'get /v1/flags',
        'put /v1/flags/{name}',
        'put /v1/platform/flags/{name}',
        'get /v1/settings/slack',
        'put /v1/settings/slack',
        'delete /v1/settings/slack',
        'post /v1/settings/slack/test',
        'get /v1/connectors',
        'post /v1/connections',
        'get /v1/connections',
        'get /v1/connections/{id}',
        'patch /v1/connections/{id}',
        'delete /v1/connections/{id}',
        'post /v1/connections/{id}/test',
        'post /v1/connections/{id}/discover',
        'post /v1/connections/{id}/files',
        'get /v1/connections/{id}/files',
        'post /v1/connections/{id}/sync',
        'get /v1/connections/{id}/streams',
        'get /v1/streams/{id}/drift',
        'post /v1/streams/{id}/drift/{drift_id}/accept',
        'post /v1/streams/{id}/drift/{drift_id}/reject',
        'get /v1/streams/{id}/quarantine',
        'get /v1/connections/{id}/quarantine',
        'get /v1/streams/{id}/records',
        'post /v1/streams/{id}/pause',
        'post /v1/streams/{id}/resume',
        'post /v1/onboarding',
        'post /v1/quarantine/{id}/replay',
        'post /v1/repairs/{id}/approve',
        'post /v1/repairs/{id}/reject',
        'post /v1/repairs/{id}/revert',
        'post /v1/review/decisions',
        'get /v1/quarantine/{id}/raw',
        'get /v1/repairs',
        'get /v1/repairs/{id}',
        'get /v1/review',
        'get /v1/streams',
        'get /v1/streams/{id}/export',
        'get /v1/dcl/entities',
        'get /v1/dcl/graph',
        'get /v1/dcl/views',
        'get /v1/dcl/views/{entity}/rows',
        'get /v1/dcl/views/{entity}/rows/{unified_id}',
        'get /v1/dcl/views/{entity}/arrow',
        'post /v1/dcl/views/{entity}/rebuild',
        'get /v1/dcl/mappings',
        'get /v1/dcl/mappings/{id}/versions',
        'post /v1/dcl/backfill',
        'put /v1/connections/{id}/credentials',
        'put /v1/connections/{id}/safe-mode',
        'get /v1/settings/aod',
        'get /v1/settings/automation',
        'put /v1/settings/aod',
        'put /v1/settings/automation',
        'delete /v1/settings/aod',
        'get /v1/aod/assets',
        'post /v1/aod/import',
        'get /v1/dcl/dead-letters',
        'post /v1/dcl/dead-letters/{id}/replay',
        'post /v1/dcl/mappings',
        'post /v1/dcl/mappings/{id}/accept',
        'post /v1/dcl/mappings/{id}/reject',
        'post /v1/dcl/mappings/{id}/revert',
        'post /v1/dcl/mappings/suggest',
        'get /v1/telemetry/llm',
        'post /v1/kb/documents',
        'get /v1/kb/documents',
        'get /v1/kb/documents/{id}',
        'delete /v1/kb/documents/{id}',
        'post /v1/kb/search',
        'post /v1/kb/metadata/refresh',
        'get /v1/nlp/personas',
        'put /v1/nlp/personas/{persona}',
        'delete /v1/nlp/personas/{persona}',
        'get /v1/nlp/personas/{persona}/summary',
        'post /v1/nlp/query',
      ].sort(),
    )
    const docs = await call('/docs')
    expect(docs.headers.get('content-type')).toContain('text/html')
    const html = await docs.text()
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg)/)
    const bundle = await call('/docs/swagger-ui-bundle.js')
    expect(bundle.status).toBe(200)
    expect((await bundle.text()).length).toBeGreaterThan(100_000)
  })

  it('serves client generators: an operationId on every operation, bearer auth except where it is public', async () => {
    const spec = (await (await call('/openapi.json')).json()) as Spec
    const operations = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ method, path, ...op })),
    )
    expect(operations.filter((op) => !op.operationId).map((op) => `${op.method} ${op.path}`)).toEqual([])
    expect(new Set(operations.map((op) => op.operationId)).size).toBe(operations.length)
    expect(spec.servers).toEqual([expect.objectContaining({ url: '/' })])
    expect(spec.security).toEqual([{ bearerAuth: [] }])

    // Public is what the authentication middleware skips: everything outside /v1, and PUBLIC_AUTH_PATHS.
    const isPublic = (path: string) => !path.startsWith('/v1/') || PUBLIC_AUTH_PATHS.includes(path)
    const declaredPublic = operations.filter((op) => op.security?.length === 0)
    expect(declaredPublic.map((op) => op.path).sort()).toEqual(
      operations
        .map((op) => op.path)
        .filter(isPublic)
        .sort(),
    )
    for (const op of operations.filter((op) => !isPublic(op.path))) {
      const path = op.path.replaceAll(/\{[^}]+\}/g, crypto.randomUUID())
      const res = await call(path, { method: op.method.toUpperCase() })
      expect(res.status, `${op.method} ${op.path} without credentials`).toBe(401)
    }
  })

  it('reports readiness of Postgres and Redis', async () => {
    const res = await call('/readyz')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ready', checks: { postgres: { ok: true }, redis: { ok: true } } })
  })

  it('allows the console origin in CORS preflight and not others', async () => {
    const ok = await call('/v1/me', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
    })
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    const evil = await call('/v1/me', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    })
    expect(evil.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('refuses bodies over 1 MiB with 413', async () => {
    const res = await call('/v1/auth/login', { body: { email: 'a@b.co', password: 'x'.repeat(1_100_000) } })
    await expectProblem(res, 413, 'payload_too_large')
  })
})
