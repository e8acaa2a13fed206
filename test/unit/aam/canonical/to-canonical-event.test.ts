import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CanonicalEventSchema } from '../../../../workers/core/aam/canonical/event.ts'
import { validateMapping } from '../../../../workers/core/aam/canonical/mapping.ts'
import type { CanonicalEntity } from '../../../../workers/core/aam/canonical/registry.ts'
import { canonicalConverter, toCanonicalEvent } from '../../../../workers/core/aam/canonical/to-canonical-event.ts'
import { parseCsv } from '../../../../workers/core/aam/ingest/csv.ts'

const tenantId = '7f0c2a9e-3b1d-4c5e-8f6a-9b0c1d2e3f4a'
const source = 'aos://sources/salesforce-prod'
const id = '0190a1b2-c3d4-8e5f-9a0b-1c2d3e4f5a6b'

const accountMapping = {
  external_id: 'Id',
  name: 'Account Name',
  domain: 'Website',
  industry: 'Industry',
  annual_revenue: 'Annual Revenue',
  employee_count: 'Employees',
  created_at: 'Created Date',
  updated_at: 'Last Modified',
}

const csvRecords = () => {
  const text = readFileSync(join(import.meta.dirname, '../../../fixtures/ingest/accounts-v1.csv'), 'utf8')
  return parseCsv(text).rows.flatMap((r) => (r.ok ? [r.record] : []))
}

describe('toCanonicalEvent', () => {
  it('maps a CSV account to a CloudEvents envelope, coercing text to the canonical types', () => {
    const [acme] = csvRecords()
    const result = toCanonicalEvent({
      tenantId,
      source,
      entity: 'account',
      record: acme ?? {},
      mapping: accountMapping,
      id,
    })
    expect(result).toEqual({
      ok: true,
      event: {
        specversion: '1.0',
        id,
        source,
        type: 'aos.canonical.account.v1',
        subject: '001A',
        time: '2024-03-01T10:00:00.000Z', // the record's updated_at when no time is given
        tenantid: tenantId,
        datacontenttype: 'application/json',
        dataschema: 'aos://canonical/account/v1',
        data: {
          external_id: '001A',
          name: 'Acme Corp',
          domain: 'acme.com',
          industry: 'Manufacturing',
          annual_revenue: 1_200_000,
          employee_count: 250,
          created_at: '2023-01-15T00:00:00.000Z',
          updated_at: '2024-03-01T10:00:00.000Z',
        },
      },
    })
    expect(result.ok && CanonicalEventSchema.parse(result.event)).toEqual(result.ok && result.event)
  })

  it('maps every record of the export; blank source values become null, unmapped fields stay absent', () => {
    const events = csvRecords().map((record) =>
      toCanonicalEvent({
        tenantId,
        source,
        entity: 'account',
        record,
        mapping: accountMapping,
        id,
        time: '2024-05-01T00:00:00+02:00',
      }),
    )
    expect(events.every((e) => e.ok)).toBe(true)
    const globex = events[1]?.ok ? events[1].event : undefined
    expect(globex?.time).toBe('2024-04-30T22:00:00.000Z')
    expect(globex?.data).toMatchObject({ name: 'Globex, Inc.', industry: null, annual_revenue: 980000.5 })
    expect(globex?.data).not.toHaveProperty('phone')
  })

  it('reads nested source paths and keys that contain dots', () => {
    const result = toCanonicalEvent({
      tenantId,
      source,
      entity: 'contact',
      record: {
        _id: { $oid: 'c1' },
        Email: ' Ada@Example.COM ',
        name: { first: 'Ada' },
        'Account.Id': 42,
        optOut: 'yes',
      },
      mapping: {
        external_id: '_id',
        email: 'Email',
        first_name: 'name.first',
        account_external_id: 'Account.Id',
        email_opt_out: 'optOut',
      },
      id,
      time: '2024-01-01T00:00:00Z',
    })
    expect(result.ok && result.event.data).toEqual({
      external_id: 'c1',
      email: 'ada@example.com',
      first_name: 'Ada',
      account_external_id: '42',
      email_opt_out: true,
    })
  })

  it('maps an opportunity: amount, currency, percentage and a close date taken from a timestamp', () => {
    const result = toCanonicalEvent({
      tenantId,
      source,
      entity: 'opportunity',
      record: {
        Id: 'o1',
        Name: 'Big deal',
        StageName: 'Negotiation',
        Amount: '€ 12,500.00',
        Cur: 'eur',
        Prob: '60',
        Close: '2024-06-30T23:00:00-05:00',
        Won: 0,
      },
      mapping: {
        external_id: 'Id',
        name: 'Name',
        stage: 'StageName',
        amount: 'Amount',
        currency: 'Cur',
        probability: 'Prob',
        close_date: 'Close',
        is_won: 'Won',
      },
      id,
      time: '2024-01-01T00:00:00Z',
    })
    expect(result.ok && result.event.data).toEqual({
      external_id: 'o1',
      name: 'Big deal',
      stage: 'Negotiation',
      amount: 12500,
      currency: 'EUR',
      probability: 60,
      close_date: '2024-06-30',
      is_won: false,
    })
  })

  it('carries generic records with their attributes', () => {
    const result = toCanonicalEvent({
      tenantId,
      source,
      entity: 'record',
      record: { sku: 'A-1', color: 'red', dims: { w: 2 }, ts: 1_700_000_000 },
      mapping: {
        external_id: 'sku',
        'attributes.color': 'color',
        'attributes.dims': 'dims',
        'attributes.size': 'size',
        updated_at: 'ts',
      },
      id,
    })
    expect(result.ok && result.event).toMatchObject({
      type: 'aos.canonical.record.v1',
      time: '2023-11-14T22:13:20.000Z',
      data: {
        external_id: 'A-1',
        attributes: { color: 'red', dims: { w: 2 }, size: null },
        updated_at: '2023-11-14T22:13:20.000Z',
      },
    })
  })

  it('one converter serves many records: each record gets its own fields, transforms and failures', () => {
    // The mapping is split once per converter; nothing of one record may reach the next.
    const convert = canonicalConverter({
      tenantId,
      source,
      entity: 'record',
      mapping: { external_id: 'sku', 'attributes.color': 'color', 'attributes.note': 'note' },
      transforms: { 'attributes.color': 'uppercase' },
    })
    const first = convert({ sku: 'A-1', color: 'red', note: 'x' }, 'e1', '2024-01-01T00:00:00Z')
    const second = convert({ sku: 'A-2', color: 'blue' }, 'e2', '2024-01-01T00:00:00Z')
    const third = convert({ sku: 'A-3', color: { not: 'text' } }, 'e3', '2024-01-01T00:00:00Z')
    expect(first.ok && first.event.data).toMatchObject({ external_id: 'A-1', attributes: { color: 'RED', note: 'x' } })
    expect(second.ok && second.event.data).toMatchObject({
      external_id: 'A-2',
      attributes: { color: 'BLUE', note: null },
    })
    expect(third).toMatchObject({
      ok: false,
      reason: 'invalid_value',
      issues: [
        { path: 'attributes.color', source: 'color', message: expect.stringMatching(/^uppercase: expected text/) },
      ],
    })
  })

  it('is deterministic: the same input gives the same event', () => {
    const input = {
      tenantId,
      source,
      entity: 'account' as const,
      record: csvRecords()[2] ?? {},
      mapping: accountMapping,
      id,
    }
    expect(toCanonicalEvent(input)).toEqual(toCanonicalEvent(input))
  })
})

describe('toCanonicalEvent failures (returned, never thrown, ready for quarantine)', () => {
  const base = { tenantId, source, entity: 'opportunity' as const, id, time: '2024-01-01T00:00:00Z' }
  const mapping = { external_id: 'Id', name: 'Name', stage: 'Stage', amount: 'Amount', close_date: 'Close' }

  it('missing_required: a required field is blank or absent in the record', () => {
    const result = toCanonicalEvent({ ...base, mapping, record: { Id: 'o1', Name: '  ', Amount: 'abc' } })
    expect(result).toEqual({
      ok: false,
      reason: 'missing_required',
      issues: [
        { path: 'name', message: 'is required but the source has no value', source: 'Name' },
        { path: 'stage', message: 'is required but the source has no value', source: 'Stage' },
        { path: 'amount', message: 'expected a number (got "abc")', source: 'Amount' },
      ],
    })
  })

  it('invalid_value: a value cannot be coerced to its canonical type', () => {
    const result = toCanonicalEvent({
      ...base,
      mapping,
      record: { Id: 'o1', Name: 'n', Stage: 's', Amount: '12 apples', Close: '31/12/2024' },
    })
    expect(result).toEqual({
      ok: false,
      reason: 'invalid_value',
      issues: [
        { path: 'amount', message: 'expected a number (got "12 apples")', source: 'Amount' },
        { path: 'close_date', message: 'expected a date (YYYY-MM-DD) (got "31/12/2024")', source: 'Close' },
      ],
    })
    const contact = toCanonicalEvent({
      ...base,
      entity: 'contact',
      mapping: { external_id: 'id', email: 'email', account_external_id: 'acct' },
      record: { id: 'c1', email: 'not-an-email', acct: { nested: true } },
    })
    expect(contact.ok === false && contact.issues.map((i) => [i.path, i.message])).toEqual([
      ['email', 'expected an email address (got "not-an-email")'],
      ['account_external_id', 'expected an identifier (got an object)'],
    ])
  })

  it('invalid_mapping: unknown targets, nested targets on plain fields, unmapped required fields', () => {
    const result = toCanonicalEvent({
      ...base,
      mapping: { external_id: 'Id', nmae: 'Name', 'amount.value': 'Amount', close_date: ' ' },
      record: { Id: 'o1' },
    })
    expect(result).toEqual({
      ok: false,
      reason: 'invalid_mapping',
      issues: [
        { path: 'nmae', message: 'is not a field of opportunity v1', source: 'Name' },
        { path: 'amount.value', message: 'amount has no nested fields to map', source: 'Amount' },
        { path: 'close_date', message: 'has an empty source path', source: ' ' },
        { path: 'name', message: 'is required but not mapped' },
        { path: 'stage', message: 'is required but not mapped' },
      ],
    })
    expect(validateMapping('record', { external_id: 'id', attributes: 'all' })).toEqual([
      { path: 'attributes', message: 'map its entries as attributes.<name>', source: 'all' },
    ])
  })

  it('invalid_input: the envelope cannot be built', () => {
    const result = toCanonicalEvent({ ...base, tenantId: 'acme', id: '', mapping, record: {} })
    expect(result.ok === false && result.reason).toBe('invalid_input')
    expect(result.ok === false && result.issues.map((i) => i.path)).toEqual(['tenantId', 'id'])
  })

  it('unknown_entity: an entity name from storage that this version does not know', () => {
    const result = toCanonicalEvent({ ...base, entity: 'lead' as CanonicalEntity, mapping, record: {} })
    expect(result).toEqual({
      ok: false,
      reason: 'unknown_entity',
      issues: [{ path: 'entity', message: 'unknown entity lead' }],
    })
  })
})
