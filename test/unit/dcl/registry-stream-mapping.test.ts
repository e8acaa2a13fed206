// The registry's transforms, and accepted registry mappings read as a stream's entity mapping: what a
// sync does with a tenant's decisions.
import { describe, expect, it } from 'vitest'
import { MAPPING_TRANSFORMS } from '../../../workers/contract/vocabulary/mapping-registry.ts'
import { toCanonicalEvent } from '../../../workers/core/aam/canonical/to-canonical-event.ts'
import { applyTransform } from '../../../workers/core/aam/canonical/transforms.ts'
import { recordConverter, streamMapping } from '../../../workers/core/aam/source-record.ts'
import {
  registryEntityMapping,
  type StreamMappingVersion,
} from '../../../workers/core/dcl/registry/stream-entity-mapping.ts'

const TENANT = '6f1b4f8e-3c1d-4a53-9f0e-0d5b8a3b2c11'

describe('mapping transforms', () => {
  it('re-shape values', () => {
    expect(applyTransform('trim', '  Acme ')).toEqual({ ok: true, value: 'Acme' })
    expect(applyTransform('lowercase', 'ACME.com')).toEqual({ ok: true, value: 'acme.com' })
    expect(applyTransform('uppercase', 'eur')).toEqual({ ok: true, value: 'EUR' })
    expect(applyTransform('uppercase', 42)).toEqual({ ok: true, value: '42' })
    expect(applyTransform('cents_to_amount', 123456)).toEqual({ ok: true, value: 1234.56 })
    expect(applyTransform('cents_to_amount', ' -250 ')).toEqual({ ok: true, value: -2.5 })
    expect(applyTransform('ratio_to_percent', 0.07)).toEqual({ ok: true, value: 7 })
    expect(applyTransform('ratio_to_percent', '0.255')).toEqual({ ok: true, value: 25.5 })
    expect(applyTransform('epoch_seconds_to_timestamp', 1_700_000_000)).toEqual({
      ok: true,
      value: '2023-11-14T22:13:20.000Z',
    })
    expect(applyTransform('epoch_millis_to_timestamp', '1700000000000')).toEqual({
      ok: true,
      value: '2023-11-14T22:13:20.000Z',
    })
    expect(applyTransform('timestamp_to_date', '2024-03-05T23:30:00-08:00')).toEqual({ ok: true, value: '2024-03-05' })
    expect(applyTransform('timestamp_to_date', '2024-03-05')).toEqual({ ok: true, value: '2024-03-05' })
    expect(applyTransform('none', { any: 'thing' })).toEqual({ ok: true, value: { any: 'thing' } })
  })

  it('pass a blank value through: having no value is the canonical field’s to judge', () => {
    for (const transform of MAPPING_TRANSFORMS) {
      expect(applyTransform(transform, null)).toEqual({ ok: true, value: null })
      expect(applyTransform(transform, '  ')).toEqual({ ok: true, value: '  ' })
    }
  })

  it('say in words what they could not convert', () => {
    expect(applyTransform('cents_to_amount', 'twelve')).toEqual({
      ok: false,
      message: 'expected an amount in cents (got "twelve")',
    })
    expect(applyTransform('ratio_to_percent', true)).toMatchObject({ ok: false })
    expect(applyTransform('epoch_seconds_to_timestamp', '2024-01-01')).toMatchObject({ ok: false })
    expect(applyTransform('epoch_millis_to_timestamp', 1e300)).toMatchObject({ ok: false })
    expect(applyTransform('timestamp_to_date', 'yesterday')).toEqual({
      ok: false,
      message: 'expected a timestamp or a date (got "yesterday")',
    })
    expect(applyTransform('lowercase', { a: 1 })).toEqual({ ok: false, message: 'expected text (got an object)' })
  })

  it('fail a record with the field, transform and source named, as an invalid value', () => {
    const result = toCanonicalEvent({
      tenantId: TENANT,
      source: '/s',
      entity: 'opportunity',
      record: { id: '1', title: 'Deal', phase: 'won', cents: 'n/a' },
      mapping: { external_id: 'id', name: 'title', stage: 'phase', amount: 'cents' },
      transforms: { amount: 'cents_to_amount' },
      id: 'e1',
      time: '2024-01-01T00:00:00Z',
    })
    expect(result).toEqual({
      ok: false,
      reason: 'invalid_value',
      issues: [
        { path: 'amount', message: 'cents_to_amount: expected an amount in cents (got "n/a")', source: 'cents' },
      ],
    })
  })
})

const version = (over: Partial<StreamMappingVersion>): StreamMappingVersion => ({
  connection_id: 'c1',
  source_path: 'x',
  entity: 'account',
  field: 'name',
  transform: 'none',
  confidence: 0.9,
  status: 'accepted',
  ...over,
})

describe('accepted registry mappings as a stream’s entity mapping', () => {
  const accepted = [
    version({ source_path: 'Customer ID', field: 'external_id' }),
    version({ source_path: 'Company Name', field: 'name', transform: 'trim' }),
    version({ source_path: 'Web Site', field: 'domain' }),
  ]

  it('reads the accepted ones, with their transforms, and skips proposed, rejected and own entities', () => {
    const result = registryEntityMapping([
      ...accepted,
      version({ source_path: 'Phone', field: 'phone', status: 'proposed' }),
      version({ source_path: 'Country', field: 'billing_country', status: 'rejected' }),
      version({ source_path: 'Tier', entity: 'loyalty_tier', field: 'level' }),
    ])
    expect(result).toEqual({
      ok: true,
      mapping: {
        entity: 'account',
        mapping: { external_id: 'Customer ID', name: 'Company Name', domain: 'Web Site' },
        transforms: { name: 'trim' },
      },
    })
  })

  it('lets a mapping stated for the connection win over one for every connection', () => {
    const result = registryEntityMapping([
      version({ connection_id: null, source_path: 'Web Site', field: 'phone' }),
      ...accepted,
    ])
    expect(result?.ok && result.mapping.mapping.domain).toBe('Web Site')
  })

  it('names what is missing instead of using a mapping without a required field, and says nothing without one', () => {
    expect(registryEntityMapping(accepted.slice(1))).toEqual({
      ok: false,
      entity: 'account',
      issues: [{ path: 'external_id', message: 'is required but not mapped' }],
    })
    expect(registryEntityMapping([version({ status: 'proposed' })])).toBeUndefined()
  })

  it('wins over the connector’s mapping and drives the stream’s records', () => {
    const result = registryEntityMapping(accepted)
    if (!result?.ok) throw new Error('expected a mapping')
    const convert = recordConverter({
      tenantId: TENANT,
      connectionId: 'c1',
      streamName: 'customers',
      ...streamMapping({ kind: 'file', config: {} }, 'customers', [], result.mapping),
    })
    const out = convert(
      'e1',
      { 'Customer ID': 'C-1', 'Company Name': ' Acme ', 'Web Site': 'https://www.acme.com/' },
      '2024-01-01T00:00:00Z',
    )
    expect(out.ok && out.event.type).toBe('aos.canonical.account.v1')
    expect(out.ok && out.event.data).toEqual({ external_id: 'C-1', name: 'Acme', domain: 'acme.com' })
  })
})
