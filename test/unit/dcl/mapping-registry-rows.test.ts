import { describe, expect, it } from 'vitest'
import { headerProblem, registryRowOf } from '../../../workers/core/dcl/registry/csv-row.ts'
import { planVersions, type StoredVersion } from '../../../workers/core/dcl/registry/plan-versions.ts'

const row = (cells: Record<string, string>) =>
  registryRowOf({
    source_system: 'salesforce',
    source_stream: 'Account',
    source_path: 'BillingCity',
    entity: 'account',
    field: 'billing_country',
    ...cells,
  })

describe('a mapping-registry CSV row', () => {
  it('fills the defaults a person leaves blank', () => {
    expect(row({ transform: '', confidence: '', status: '' })).toMatchObject({
      ok: true,
      entry: { transform: 'none', confidence: 1, status: 'accepted' },
      tenant: undefined,
      connection: undefined,
    })
  })

  it('names what is wrong, field by field', () => {
    expect(row({ field: 'billing_city' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^field: is not a field of account v1 \(fields: external_id, name/),
    })
    expect(row({ confidence: 'high' })).toEqual({
      ok: false,
      reason: 'confidence: expected a number between 0 and 1 (got "high")',
    })
    expect(row({ confidence: '1.5', transform: 'rot13' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/transform: .*; confidence: must be between 0 and 1/),
    })
    expect(row({ source_path: ' ' })).toEqual({ ok: false, reason: 'source_path: is required' })
  })

  it('accepts a tenant’s own entity with any snake_case field path, and open canonical fields by entry', () => {
    expect(row({ entity: 'subscription', field: 'plan.tier' })).toMatchObject({ ok: true })
    expect(row({ entity: 'record', field: 'attributes.city' })).toMatchObject({ ok: true })
    expect(row({ entity: 'record', field: 'attributes' })).toMatchObject({
      ok: false,
      reason: 'field: map entries of attributes as attributes.<name>',
    })
    expect(row({ entity: 'Account' })).toMatchObject({ ok: false, reason: expect.stringMatching(/^entity: /) })
  })

  it('refuses a header without the required columns or with unknown ones, and reads a rejects file’s own', () => {
    expect(headerProblem(['source_system', 'source_stream', 'entity'])).toBe('missing columns: source_path, field')
    expect(headerProblem(['source_system', 'source_stream', 'source_path', 'entity', 'field', 'target'])).toMatch(
      /^unknown column: target \(allowed: /,
    )
    expect(
      headerProblem(['line', 'reason', 'source_system', 'source_stream', 'source_path', 'entity', 'field']),
    ).toBeNull()
  })
})

describe('planning registry versions', () => {
  const key = { source_system: 'csv', connection_id: null, source_stream: 'customers', source_path: 'mail' }
  const content = {
    entity: 'contact',
    field: 'email',
    transform: 'none' as const,
    confidence: 0.9,
    status: 'accepted' as const,
  }
  const stored = (version: number, over: Partial<StoredVersion> = {}): StoredVersion => ({
    ...key,
    ...content,
    version,
    ...over,
  })

  it('writes nothing for a mapping that already says the same', () => {
    expect(planVersions([{ ...key, ...content }], [stored(3)])).toEqual({ writes: [], unchanged: 1 })
  })

  it('makes a changed mapping the next version and a new one version 1', () => {
    const other = { ...key, source_path: 'phone', ...content, field: 'phone' }
    const plan = planVersions([{ ...key, ...content, confidence: 1 }, other], [stored(3)])
    expect(plan.writes.map((w) => [w.source_path, w.version, w.confidence])).toEqual([
      ['mail', 4, 1],
      ['phone', 1, 0.9],
    ])
  })

  it('gives a mapping stated twice two versions, never two of the same number', () => {
    const plan = planVersions(
      [
        { ...key, ...content },
        { ...key, ...content, field: 'full_name' },
      ],
      [],
    )
    expect(plan.writes.map((w) => [w.field, w.version])).toEqual([
      ['email', 1],
      ['full_name', 2],
    ])
  })
})
