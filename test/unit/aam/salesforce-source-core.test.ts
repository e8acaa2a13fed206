import { describe, expect, it } from 'vitest'
import { CanonicalEventSchema } from '../../../workers/core/aam/canonical/event.ts'
import { toCanonicalEvent } from '../../../workers/core/aam/canonical/to-canonical-event.ts'
import {
  type DescribeField,
  describeToSnapshot,
  entityFor,
  normalizeRecord,
  resumeCursor,
  SALESFORCE_ENTITIES,
  soqlAfter,
} from '../../../workers/core/aam/connectors/salesforce/objects.ts'
import type { SnapshotField } from '../../../workers/core/aam/schema-snapshot.ts'

const tenantId = '7f0c2a9e-3b1d-4c5e-8f6a-9b0c1d2e3f4a'

const field = (name: string, type: string, nillable = true): DescribeField => ({ name, type, nillable })

describe('describeToSnapshot', () => {
  it('maps Salesforce field types onto snapshot types, unknown ones as text', () => {
    const snapshot = describeToSnapshot([
      field('Id', 'id', false),
      field('Name', 'string', false),
      field('OwnerId', 'reference', false),
      field('Industry', 'picklist'),
      field('Description', 'textarea'),
      field('IsDeleted', 'boolean', false),
      field('NumberOfEmployees', 'int'),
      field('Big__c', 'long'),
      field('Score__c', 'double'),
      field('AnnualRevenue', 'currency'),
      field('Probability', 'percent'),
      field('CloseDate', 'date'),
      field('SystemModstamp', 'datetime', false),
      field('BillingAddress', 'address'),
      field('Location__c', 'location'),
    ])
    expect(snapshot.map((f) => [f.path, f.type])).toEqual([
      ['Id', 'string'],
      ['Name', 'string'],
      ['OwnerId', 'string'],
      ['Industry', 'string'],
      ['Description', 'string'],
      ['IsDeleted', 'boolean'],
      ['NumberOfEmployees', 'integer'],
      ['Big__c', 'integer'],
      ['Score__c', 'number'],
      ['AnnualRevenue', 'number'],
      ['Probability', 'number'],
      ['CloseDate', 'date'],
      ['SystemModstamp', 'timestamp'],
      ['BillingAddress', 'object'],
      ['Location__c', 'object'],
    ])
  })

  it('leaves base64 bodies out and keeps the rest in describe order', () => {
    const snapshot = describeToSnapshot([field('Id', 'id', false), field('Body', 'base64'), field('Name', 'string')])
    expect(snapshot.map((f) => f.path)).toEqual(['Id', 'Name'])
  })

  it('carries nillable as nullable', () => {
    const snapshot = describeToSnapshot([field('Id', 'id', false), field('Phone', 'phone', true)])
    expect(snapshot).toEqual([
      { path: 'Id', type: 'string', nullable: false },
      { path: 'Phone', type: 'string', nullable: true },
    ])
  })
})

describe('soqlAfter', () => {
  it('reads everything in (SystemModstamp, Id) order when there is no cursor', () => {
    expect(soqlAfter('Account', ['Id', 'Name', 'SystemModstamp'], null)).toBe(
      'SELECT Id, Name, SystemModstamp FROM Account ORDER BY SystemModstamp, Id',
    )
  })

  it('reads after a cursor: datetime as an unquoted UTC literal, the Id as a quoted string breaking ties', () => {
    const soql = soqlAfter('Contact', ['Id', 'SystemModstamp'], {
      stamp: '2026-03-01T11:15:00+01:00',
      id: '003000000000001AAA',
    })
    expect(soql).toBe(
      'SELECT Id, SystemModstamp FROM Contact' +
        ' WHERE SystemModstamp > 2026-03-01T10:15:00.000Z' +
        " OR (SystemModstamp = 2026-03-01T10:15:00.000Z AND Id > '003000000000001AAA')" +
        ' ORDER BY SystemModstamp, Id',
    )
  })

  it('escapes quotes and backslashes in a stored cursor id so it cannot end the string literal', () => {
    const soql = soqlAfter('Account', ['Id'], { stamp: '2026-03-01T10:15:00.000Z', id: "x' OR Name != 'y\\" })
    expect(soql).toContain("AND Id > 'x\\' OR Name != \\'y\\\\')")
  })

  it('refuses object and field names that are not Salesforce names', () => {
    expect(() => soqlAfter('Account; DELETE', ['Id'], null)).toThrow(/not a Salesforce name/)
    expect(() => soqlAfter('1Account', ['Id'], null)).toThrow(/not a Salesforce name/)
    expect(() => soqlAfter('', ['Id'], null)).toThrow(/not a Salesforce name/)
    expect(() => soqlAfter('Account', ['Id', 'Name FROM User'], null)).toThrow('not a Salesforce name: Name FROM User')
    expect(() => soqlAfter('Account', ['Id', "Name'"], null)).toThrow(/not a Salesforce name/)
    expect(() => soqlAfter('A'.repeat(81), ['Id'], null)).toThrow(/not a Salesforce name/)
    expect(soqlAfter('Invoice__c', ['Id', 'Amount__c'], null)).toContain('FROM Invoice__c')
  })
})

describe('normalizeRecord', () => {
  const schema: SnapshotField[] = [
    { path: 'Id', type: 'string', nullable: false },
    { path: 'Name', type: 'string', nullable: false },
    { path: 'SystemModstamp', type: 'timestamp', nullable: false },
    { path: 'LastActivity__c', type: 'timestamp', nullable: true },
    { path: 'CloseDate', type: 'date', nullable: true },
  ]

  it('drops the attributes envelope and writes Salesforce datetimes as ISO UTC', () => {
    const row = normalizeRecord(
      {
        attributes: { type: 'Account', url: '/services/data/v60.0/sobjects/Account/001000000000001AAA' },
        Id: '001000000000001AAA',
        Name: 'Acme',
        SystemModstamp: '2026-03-01T10:15:00.000+0000',
        LastActivity__c: '2026-03-01T10:15:00.000-0530',
        CloseDate: '2026-06-30',
      },
      schema,
    )
    expect(row).toEqual({
      Id: '001000000000001AAA',
      Name: 'Acme',
      SystemModstamp: '2026-03-01T10:15:00.000Z',
      LastActivity__c: '2026-03-01T15:45:00.000Z',
      CloseDate: '2026-06-30',
    })
  })

  it('leaves fields that are not timestamps alone, even when they look like one', () => {
    const row = normalizeRecord({ Id: '001', Name: '2026-03-01T10:15:00.000+0000', CloseDate: '2026-06-30' }, schema)
    expect(row).toEqual({ Id: '001', Name: '2026-03-01T10:15:00.000+0000', CloseDate: '2026-06-30' })
  })

  it('keeps values it cannot read as a time as they are', () => {
    const row = normalizeRecord({ Id: '001', SystemModstamp: 'yesterday', LastActivity__c: null }, schema)
    expect(row).toEqual({ Id: '001', SystemModstamp: 'yesterday', LastActivity__c: null })
  })
})

describe('resumeCursor', () => {
  it('reads a stored cursor, and nothing else', () => {
    expect(resumeCursor({ stamp: '2026-03-01T10:15:00.000Z', id: '001', extra: 1 })).toEqual({
      stamp: '2026-03-01T10:15:00.000Z',
      id: '001',
    })
    expect(resumeCursor(null)).toBeNull()
    expect(resumeCursor(undefined)).toBeNull()
    expect(resumeCursor({})).toBeNull()
    expect(resumeCursor({ stamp: '2026-03-01T10:15:00.000Z' })).toBeNull()
    expect(resumeCursor({ stamp: 1_772_360_100_000, id: '001' })).toBeNull()
    expect(resumeCursor('2026-03-01T10:15:00.000Z')).toBeNull()
    // A stored stamp that is no time restarts the read instead of failing every sync.
    expect(resumeCursor({ stamp: 'garbage', id: '001' })).toBeNull()
  })
})

describe('entityFor', () => {
  const snapshotOf = (...names: string[]): SnapshotField[] =>
    names.map((path) => ({ path, type: 'string', nullable: true }))

  it('maps a standard object onto its canonical entity, only through fields the org has', () => {
    expect(entityFor('Account', snapshotOf('Id', 'Name', 'Website', 'SystemModstamp'))).toEqual({
      entity: 'account',
      mapping: { external_id: 'Id', name: 'Name', domain: 'Website' },
    })
    const contact = entityFor('Contact', snapshotOf('Id', 'Email', 'LastName'))
    expect(contact).toEqual({
      entity: 'contact',
      mapping: { external_id: 'Id', email: 'Email', last_name: 'LastName' },
    })
  })

  it('maps the whole standard mapping when every field is present', () => {
    for (const [object, known] of Object.entries(SALESFORCE_ENTITIES)) {
      const mapped = entityFor(object, snapshotOf(...Object.values(known.mapping)))
      expect(mapped).toEqual(known)
    }
  })

  it('has no entity for other objects, custom or standard', () => {
    expect(entityFor('Invoice__c', snapshotOf('Id', 'Name'))).toBeUndefined()
    expect(entityFor('Case', snapshotOf('Id', 'Subject'))).toBeUndefined()
    expect(entityFor('account', snapshotOf('Id', 'Name'))).toBeUndefined()
  })
})

describe('Salesforce records as canonical events', () => {
  const describes: Record<string, DescribeField[]> = {
    Account: [
      field('Id', 'id', false),
      field('Name', 'string', false),
      field('Website', 'url'),
      field('Industry', 'picklist'),
      field('AnnualRevenue', 'currency'),
      field('NumberOfEmployees', 'int'),
      field('Phone', 'phone'),
      field('BillingCountry', 'string'),
      field('BillingAddress', 'address'),
      field('OwnerId', 'reference', false),
      field('CreatedDate', 'datetime', false),
      field('LastModifiedDate', 'datetime', false),
      field('SystemModstamp', 'datetime', false),
    ],
    Contact: [
      field('Id', 'id', false),
      field('Email', 'email'),
      field('FirstName', 'string'),
      field('LastName', 'string', false),
      field('Title', 'string'),
      field('Phone', 'phone'),
      field('AccountId', 'reference'),
      field('OwnerId', 'reference', false),
      field('HasOptedOutOfEmail', 'boolean', false),
      field('Photo__c', 'base64'),
      field('CreatedDate', 'datetime', false),
      field('LastModifiedDate', 'datetime', false),
      field('SystemModstamp', 'datetime', false),
    ],
    Opportunity: [
      field('Id', 'id', false),
      field('Name', 'string', false),
      field('StageName', 'picklist', false),
      field('Amount', 'currency'),
      field('CurrencyIsoCode', 'picklist'),
      field('Probability', 'percent'),
      field('CloseDate', 'date', false),
      field('IsClosed', 'boolean', false),
      field('IsWon', 'boolean', false),
      field('AccountId', 'reference'),
      field('OwnerId', 'reference'),
      field('CreatedDate', 'datetime', false),
      field('LastModifiedDate', 'datetime', false),
      field('SystemModstamp', 'datetime', false),
    ],
  }

  const stamps = {
    CreatedDate: '2025-11-02T08:00:00.000+0000',
    LastModifiedDate: '2026-03-01T10:15:00.000+0000',
    SystemModstamp: '2026-03-01T10:15:00.000+0000',
  }

  const records: Record<string, Record<string, unknown>> = {
    Account: {
      attributes: { type: 'Account', url: '/services/data/v60.0/sobjects/Account/001000000000001AAA' },
      Id: '001000000000001AAA',
      Name: 'Acme Corp',
      Website: 'https://www.acme.com',
      Industry: 'Manufacturing',
      AnnualRevenue: 1_200_000,
      NumberOfEmployees: 250,
      Phone: '+1 415 555 0100',
      BillingCountry: 'United States',
      BillingAddress: { city: 'San Francisco', country: 'United States', street: '1 Market St' },
      OwnerId: '005000000000001AAA',
      ...stamps,
    },
    Contact: {
      attributes: { type: 'Contact', url: '/services/data/v60.0/sobjects/Contact/003000000000001AAA' },
      Id: '003000000000001AAA',
      Email: 'Jane.Doe@Acme.com',
      FirstName: 'Jane',
      LastName: 'Doe',
      Title: 'CFO',
      Phone: null,
      AccountId: '001000000000001AAA',
      OwnerId: '005000000000001AAA',
      HasOptedOutOfEmail: false,
      ...stamps,
    },
    Opportunity: {
      attributes: { type: 'Opportunity', url: '/services/data/v60.0/sobjects/Opportunity/006000000000001AAA' },
      Id: '006000000000001AAA',
      Name: 'Acme - 500 units',
      StageName: 'Negotiation/Review',
      Amount: 48_000.5,
      CurrencyIsoCode: 'usd',
      Probability: 90,
      CloseDate: '2026-06-30',
      IsClosed: false,
      IsWon: false,
      AccountId: '001000000000001AAA',
      OwnerId: '005000000000001AAA',
      ...stamps,
    },
  }

  const canonicalOf = (object: string) => {
    const schema = describeToSnapshot(describes[object] ?? [])
    const mapped = entityFor(object, schema)
    if (!mapped) throw new Error(`no entity for ${object}`)
    const result = toCanonicalEvent({
      tenantId,
      source: `/connections/c1/${object}`,
      entity: mapped.entity,
      record: normalizeRecord(records[object] ?? {}, schema),
      mapping: mapped.mapping,
      id: `stream:${object}:1`,
    })
    if (!result.ok) throw new Error(`${object}: ${result.reason} ${JSON.stringify(result.issues)}`)
    return result.event
  }

  it('covers every standard object the source maps', () => {
    expect(Object.keys(records).sort()).toEqual(Object.keys(SALESFORCE_ENTITIES).sort())
  })

  it.each(Object.keys(SALESFORCE_ENTITIES))('maps a %s record to a valid canonical event', (object) => {
    const event = canonicalOf(object)
    expect(CanonicalEventSchema.parse(event)).toEqual(event)
    expect(event.type).toBe(`aos.canonical.${SALESFORCE_ENTITIES[object]?.entity}.v1`)
    expect(event.subject).toBe(records[object]?.Id)
    expect(event.time).toBe('2026-03-01T10:15:00.000Z')
  })

  it('reads an Account as the canonical account (website as domain, Salesforce times in UTC)', () => {
    expect(canonicalOf('Account').data).toEqual({
      external_id: '001000000000001AAA',
      name: 'Acme Corp',
      domain: 'acme.com',
      industry: 'Manufacturing',
      annual_revenue: 1_200_000,
      employee_count: 250,
      phone: '+1 415 555 0100',
      billing_country: 'United States',
      owner_external_id: '005000000000001AAA',
      created_at: '2025-11-02T08:00:00.000Z',
      updated_at: '2026-03-01T10:15:00.000Z',
    })
  })

  it('reads a Contact and an Opportunity with their links to the account', () => {
    expect(canonicalOf('Contact').data).toMatchObject({
      email: 'jane.doe@acme.com',
      last_name: 'Doe',
      phone: null,
      account_external_id: '001000000000001AAA',
      email_opt_out: false,
    })
    expect(canonicalOf('Opportunity').data).toMatchObject({
      stage: 'Negotiation/Review',
      amount: 48_000.5,
      currency: 'USD',
      probability: 90,
      close_date: '2026-06-30',
      is_closed: false,
      account_external_id: '001000000000001AAA',
    })
  })
})
