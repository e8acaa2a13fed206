import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PUBLIC_AUTH_PATHS } from '../../../workers/api/routes/auth.ts'
import { call } from '../../support/api.ts'

const field = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.emailAddress(),
  fc.uuid(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
)
const body = fc.oneof(
  fc.record(
    { email: field, password: field, tenant_name: field, tenant_id: field, refresh_token: field, token: field },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
)
const rawText = fc.oneof(fc.string(), fc.constant('{"email":'), fc.constant('\u0000'), fc.constant('[]'))

describe('fuzzed bodies on auth routes never cause a 5xx', () => {
  for (const path of PUBLIC_AUTH_PATHS) {
    it(`${path}: structured JSON`, async () => {
      await fc.assert(
        fc.asyncProperty(body, async (value) => {
          const res = await call(path, { body: value ?? null })
          expect(res.status, JSON.stringify(value)).toBeLessThan(500)
        }),
        { numRuns: 40 },
      )
    })
    it(`${path}: raw text`, async () => {
      await fc.assert(
        fc.asyncProperty(rawText, async (text) => {
          const res = await call(path, { body: text })
          expect(res.status).toBeGreaterThanOrEqual(400)
          expect(res.status).toBeLessThan(500)
        }),
        { numRuns: 20 },
      )
    })
  }
})
