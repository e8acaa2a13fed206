import { describe, expect, it } from 'vitest'
import { createApp } from '../../workers/api/index.ts'

describe('configuration', () => {
  it('answers 503 problem+json, naming no secret, when a required secret is missing', async () => {
    const res = await createApp().request('/v1/me', {}, { DATABASE_URL: 'postgres://x' })
    expect(res.status).toBe(503)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    const body = await res.text()
    expect(body).toContain('not configured')
    expect(body).not.toContain('postgres://x')
  })
})
