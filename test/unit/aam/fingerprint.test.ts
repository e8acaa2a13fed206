import { describe, expect, it } from 'vitest'
import { canonicalSchemaText, fingerprintSchema } from '../../../workers/core/aam/fingerprint.ts'
import type { SnapshotField } from '../../../workers/core/aam/schema-snapshot.ts'

const schema: SnapshotField[] = [
  { path: 'id', type: 'string', nullable: false, samples: ['a', 'b'] },
  { path: 'owner', type: 'object', nullable: true },
  { path: 'owner.login', type: 'string', nullable: false },
  { path: 'total', type: 'number', nullable: false, samples: [1.5] },
]

describe('fingerprintSchema', () => {
  it('is a hex SHA-256 and counts fields', async () => {
    const fp = await fingerprintSchema(schema)
    expect(fp.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(fp.fields).toBe(4)
  })

  it('is independent of field order and sample values', async () => {
    const reordered = [...schema].reverse().map((f) => ({ ...f, samples: ['other', 42] }))
    const unsampled = schema.map(({ samples: _samples, ...f }) => f)
    const base = (await fingerprintSchema(schema)).fingerprint
    expect((await fingerprintSchema(reordered)).fingerprint).toBe(base)
    expect((await fingerprintSchema(unsampled)).fingerprint).toBe(base)
  })

  it('changes when a type, a nullability or a path changes', async () => {
    const base = (await fingerprintSchema(schema)).fingerprint
    const retyped = schema.map((f) => (f.path === 'total' ? { ...f, type: 'string' as const } : f))
    const relaxed = schema.map((f) => (f.path === 'id' ? { ...f, nullable: true } : f))
    const renamed = schema.map((f) => (f.path === 'total' ? { ...f, path: 'Total' } : f))
    const fps = await Promise.all(
      [retyped, relaxed, renamed].map(async (s) => (await fingerprintSchema(s)).fingerprint),
    )
    expect(new Set([base, ...fps]).size).toBe(4)
  })

  it('hashes a canonical text that does not depend on input order', () => {
    expect(canonicalSchemaText(schema)).toBe(canonicalSchemaText([...schema].reverse()))
    expect(canonicalSchemaText(schema)).not.toContain('samples')
  })

  it('fingerprints the empty schema', async () => {
    expect(await fingerprintSchema([])).toMatchObject({ fields: 0 })
  })
})
