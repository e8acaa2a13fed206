import { describe, expect, it } from 'vitest'
import { CANONICAL_ENTITIES } from '../../../../workers/contract/vocabulary/entities.ts'
import { AccountV1Schema } from '../../../../workers/core/aam/canonical/account.v1.ts'
import { CanonicalEventSchema } from '../../../../workers/core/aam/canonical/event.ts'
import { CANONICAL_SCHEMAS } from '../../../../workers/core/aam/canonical/registry.ts'
import { toCanonicalEvent } from '../../../../workers/core/aam/canonical/to-canonical-event.ts'

describe('canonical entity schemas', () => {
  it('use snake_case field names and require an external_id', () => {
    for (const entity of CANONICAL_ENTITIES) {
      const shape = CANONICAL_SCHEMAS[entity].shape
      expect(Object.keys(shape).every((k) => /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(k))).toBe(true)
      expect(CANONICAL_SCHEMAS[entity].safeParse({}).success).toBe(false)
    }
  })

  it('validate canonical data as-is: coercion is a no-op on canonical values', () => {
    const data = {
      external_id: 'a1',
      name: 'Acme',
      annual_revenue: 10.5,
      employee_count: 3,
      updated_at: '2024-01-01T00:00:00.000Z',
    }
    expect(AccountV1Schema.parse(data)).toEqual(data)
    expect(AccountV1Schema.parse(AccountV1Schema.parse({ ...data, annual_revenue: '10.50' }))).toEqual(data)
  })

  it('reject fields a version does not define', () => {
    expect(AccountV1Schema.safeParse({ external_id: 'a1', name: 'Acme', revenue: 1 }).success).toBe(false)
  })

  it('events of every entity validate with the one CanonicalEventSchema, and a wrong dataschema does not', () => {
    for (const entity of CANONICAL_ENTITIES) {
      const result = toCanonicalEvent({
        tenantId: '7f0c2a9e-3b1d-4c5e-8f6a-9b0c1d2e3f4a',
        source: 'aos://sources/s1',
        entity,
        record: { id: 'x1', title: 'T', stage: 'Open' },
        mapping:
          entity === 'contact' || entity === 'record'
            ? { external_id: 'id' }
            : { external_id: 'id', name: 'title', ...(entity === 'opportunity' ? { stage: 'stage' } : {}) },
        id: `e-${entity}`,
        time: '2024-01-01T00:00:00Z',
      })
      expect(result.ok).toBe(true)
      if (!result.ok) continue
      expect(CanonicalEventSchema.parse(result.event)).toEqual(result.event)
      expect(CanonicalEventSchema.safeParse({ ...result.event, dataschema: 'aos://canonical/other/v1' }).success).toBe(
        false,
      )
    }
  })
})
