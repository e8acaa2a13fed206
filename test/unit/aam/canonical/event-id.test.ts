import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { contentVersion, deriveEventId, type EventKey } from '../../../../workers/core/aam/canonical/event-id.ts'

const key: EventKey = {
  tenantId: '7f0c2a9e-3b1d-4c5e-8f6a-9b0c1d2e3f4a',
  source: 'src_01',
  stream: 'Account',
  primaryKey: '001A',
  cursor: '2024-03-01T10:00:00Z',
}

const idOf = async (k: EventKey) => {
  const result = await deriveEventId(k)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.id
}

describe('deriveEventId', () => {
  it('is a UUIDv8 that depends only on its inputs', async () => {
    const id = await idOf(key)
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(await idOf({ ...key })).toBe(id)
  })

  it('changes with each part of the key: tenant, source, stream, primary key, cursor', async () => {
    const ids = await Promise.all(
      [
        key,
        { ...key, tenantId: '00000000-0000-4000-8000-000000000000' },
        { ...key, source: 'src_02' },
        { ...key, stream: 'Contact' },
        { ...key, primaryKey: '001B' },
        { ...key, cursor: '2024-03-02T10:00:00Z' },
      ].map(idOf),
    )
    expect(new Set(ids).size).toBe(6)
  })

  it('treats 42 and "42" as the same key, and keeps composite key parts apart', async () => {
    expect(await idOf({ ...key, primaryKey: 42, cursor: 7 })).toBe(
      await idOf({ ...key, primaryKey: '42', cursor: '7' }),
    )
    expect(await idOf({ ...key, primaryKey: ['a,b', 'c'] })).not.toBe(await idOf({ ...key, primaryKey: ['a', 'b,c'] }))
    expect(await idOf({ ...key, primaryKey: ['x'] })).toBe(await idOf({ ...key, primaryKey: 'x' }))
  })

  it('refuses a key that would make unrelated records collide', async () => {
    expect(await deriveEventId({ ...key, primaryKey: ' ' })).toMatchObject({ ok: false, reason: 'invalid_key' })
    expect(await deriveEventId({ ...key, primaryKey: [] })).toMatchObject({ ok: false, reason: 'invalid_key' })
    expect(await deriveEventId({ ...key, tenantId: 'acme' })).toMatchObject({
      ok: false,
      issues: [{ path: 'tenantId' }],
    })
  })

  it('never gives two distinct keys the same id (fast-check)', async () => {
    const part = fc.oneof(
      fc.string({ minLength: 1, maxLength: 6 }).filter((s) => s.trim() !== ''),
      fc.integer(),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(part, { minLength: 1, maxLength: 3 }),
        fc.array(part, { minLength: 1, maxLength: 3 }),
        async (a, b) => {
          const same = JSON.stringify(a.map(String)) === JSON.stringify(b.map(String))
          expect((await idOf({ ...key, primaryKey: a })) === (await idOf({ ...key, primaryKey: b }))).toBe(same)
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('contentVersion', () => {
  it('versions a record by its content, whatever the key order', async () => {
    const v = await contentVersion({ a: 1, b: { c: [1, 2] } })
    expect(v).toMatch(/^[0-9a-f]{64}$/)
    expect(await contentVersion({ b: { c: [1, 2] }, a: 1 })).toBe(v)
    expect(await contentVersion({ a: 2, b: { c: [1, 2] } })).not.toBe(v)
  })
})
