import { describe, expect, it } from 'vitest'
import { CanonicalEventSchema } from '../../../workers/core/aam/canonical/event.ts'
import { SALESFORCE_ENTITIES } from '../../../workers/core/aam/connectors/salesforce/objects.ts'
import type { SnapshotField } from '../../../workers/core/aam/schema-snapshot.ts'
import { recordKeyOf, recordToCanonical, streamEntityOf } from '../../../workers/core/aam/source-record.ts'

const tenantId = '7f0c2a9e-3b1d-4c5e-8f6a-9b0c1d2e3f4a'
const connectionId = 'c0ffee00-0000-4000-8000-000000000001'
const time = '2026-03-01T10:15:00.000Z'

const account = {
  Id: '001000000000001AAA',
  Name: 'Acme Corp',
  Website: 'https://www.acme.com/about',
  NumberOfEmployees: 250,
  BillingAddress: { city: 'San Francisco', country: 'United States' },
  Fax: null,
  SystemModstamp: time,
}

const input = (over: Partial<Parameters<typeof recordToCanonical>[0]> = {}) => ({
  tenantId,
  connectionId,
  streamName: 'Account',
  key: 'Id',
  entity: SALESFORCE_ENTITIES.Account,
  eventId: `stream:001000000000001AAA:${time}`,
  record: account,
  time,
  ...over,
})

describe('recordToCanonical', () => {
  it('gives the generic record, every source field under attributes as read', () => {
    const result = recordToCanonical(input({ entity: undefined }))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.data).toEqual({
      external_id: '001000000000001AAA',
      attributes: {
        Id: '001000000000001AAA',
        Name: 'Acme Corp',
        Website: 'https://www.acme.com/about',
        NumberOfEmployees: 250,
        BillingAddress: { city: 'San Francisco', country: 'United States' },
        Fax: null,
        SystemModstamp: time,
      },
    })
    // Without an entity, the generic record is also the event sent on.
    expect(result.event.type).toBe('aos.canonical.record.v1')
    expect(result.event.data).toEqual(result.data)
    expect(result.event.source).toBe(`/connections/${connectionId}/Account`)
    expect(CanonicalEventSchema.parse(result.event)).toEqual(result.event)
  })

  it('keys a record without a key field by its event id', () => {
    const result = recordToCanonical(input({ key: undefined, entity: undefined, eventId: 'file-1:7' }))
    expect(result.ok && result.data.external_id).toBe('file-1:7')
    expect(result.ok && result.data.attributes).not.toHaveProperty('__aos_row')
  })

  it('with an entity mapping, stores the generic record and sends the entity event', () => {
    const result = recordToCanonical(input())
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.data).toMatchObject({ external_id: '001000000000001AAA', attributes: { Name: 'Acme Corp' } })
    expect(result.event).toMatchObject({
      type: 'aos.canonical.account.v1',
      id: `stream:001000000000001AAA:${time}`,
      source: `/connections/${connectionId}/Account`,
      subject: '001000000000001AAA',
      time,
      tenantid: tenantId,
      data: { external_id: '001000000000001AAA', name: 'Acme Corp', domain: 'acme.com', employee_count: 250 },
    })
    expect(CanonicalEventSchema.parse(result.event)).toEqual(result.event)
  })

  it('fails as the account, missing_required, when the Name is blank', () => {
    for (const Name of ['', '   ', null]) {
      const result = recordToCanonical(input({ record: { ...account, Name } }))
      expect(result).toMatchObject({ ok: false, entity: 'account', reason: 'missing_required' })
      expect(!result.ok && result.issues).toContainEqual(expect.objectContaining({ path: 'name', source: 'Name' }))
    }
  })

  it('fails as the account on a value the entity cannot take', () => {
    const result = recordToCanonical(input({ record: { ...account, NumberOfEmployees: -3 } }))
    expect(result).toMatchObject({ ok: false, entity: 'account', reason: 'invalid_value' })
  })

  it('fails as the generic record when the key field has no value', () => {
    const { Id: _id, ...withoutId } = account
    const result = recordToCanonical(input({ record: withoutId }))
    expect(result).toMatchObject({ ok: false, entity: 'record', reason: 'missing_required' })
  })
})

describe('recordKeyOf', () => {
  it('is Id for Salesforce, whatever the config says', () => {
    expect(recordKeyOf('salesforce', {})).toBe('Id')
    expect(recordKeyOf('salesforce', { primary_key: 'Name' })).toBe('Id')
  })

  it('is the configured primary key for a database, id by default', () => {
    expect(recordKeyOf('postgres', { primary_key: 'customer_id' })).toBe('customer_id')
    expect(recordKeyOf('postgres', {})).toBe('id')
    expect(recordKeyOf('postgres', { primary_key: 42 })).toBe('id')
  })

  it('is the job id for an Airbyte monitor', () => {
    expect(recordKeyOf('airbyte', { base_url: 'https://airbyte.example.com' })).toBe('job_id')
  })

  it('is the configured primary key for a file, none by default', () => {
    expect(recordKeyOf('file', { primary_key: 'Account ID' })).toBe('Account ID')
    expect(recordKeyOf('file', {})).toBeUndefined()
  })
})

describe('streamEntityOf', () => {
  const schema: SnapshotField[] = ['Id', 'Name', 'Website'].map((path) => ({ path, type: 'string', nullable: true }))

  it('maps Salesforce standard objects onto their entity', () => {
    expect(streamEntityOf('salesforce', 'Account', schema)).toEqual({
      entity: 'account',
      mapping: { external_id: 'Id', name: 'Name', domain: 'Website' },
    })
    expect(streamEntityOf('salesforce', 'Invoice__c', schema)).toBeUndefined()
  })

  it('has no entity for other kinds of connection, even for a stream named like one', () => {
    expect(streamEntityOf('postgres', 'Account', schema)).toBeUndefined()
    expect(streamEntityOf('file', 'Account', schema)).toBeUndefined()
  })
})
