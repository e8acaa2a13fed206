import { describe, expect, it } from 'vitest'
import type { ViewMember } from '../../../workers/core/dcl/views/member.ts'
import { buildUnifiedRows, unifiedRowId } from '../../../workers/core/dcl/views/unified-rows.ts'

const CRM = '/connections/c1/Account'
const CSV = '/connections/c2/customers'
const ERP = '/connections/c3/companies'

const member = (source: string, externalId: string, eventTime: string, data: Record<string, unknown>): ViewMember => ({
  source,
  externalId,
  eventTime,
  data: { external_id: externalId, ...data },
})

const clusters = (rows: ReturnType<typeof buildUnifiedRows>) =>
  rows.map((r) => r.members.map((m) => m.external_id).sort()).sort()

describe('unified account view', () => {
  const accounts = [
    member(CRM, 'A1', '2026-01-02T00:00:00Z', {
      name: 'Acme Corporation',
      domain: 'acme.com',
      phone: '+1 415 555 0100',
    }),
    // Another source's format: a URL for the domain, upper case, a legal form, a local phone number.
    member(CSV, '17', '2026-01-03T00:00:00Z', {
      name: 'ACME Corp.',
      website: 'https://www.acme.com/',
      phone: '(415) 555-0100',
      industry: 'Manufacturing',
    }),
    member(CRM, 'A2', '2026-01-02T00:00:00Z', { name: 'Acme Logistics', domain: 'acmelogistics.com' }),
    member(CSV, '18', '2026-01-01T00:00:00Z', { name: 'Globex Inc', website: 'globex.com', phone: null }),
    member(ERP, 'G-9', '2026-01-04T00:00:00Z', { name: 'Globex', domain: 'globex.com', phone: '+1 212 555 0150' }),
  ]

  it('merges one company across sources and formats, and keeps look-alikes apart', () => {
    expect(clusters(buildUnifiedRows('account', accounts))).toEqual([['17', 'A1'], ['18', 'G-9'], ['A2']])
  })

  it('keeps companies whose names match but whose web domains differ apart', () => {
    const rows = buildUnifiedRows('account', [
      member(CRM, 'A1', '2026-01-02T00:00:00Z', { name: 'Acme Inc', domain: 'acme.com' }),
      member(CSV, '1', '2026-01-02T00:00:00Z', { name: 'Acme Inc', domain: 'acme.de' }),
    ])
    expect(rows).toHaveLength(2)
  })

  it('does not merge on a shared first word alone', () => {
    const rows = buildUnifiedRows('account', [
      member(CRM, 'A1', '2026-01-02T00:00:00Z', { name: 'Acme Corporation' }),
      member(CSV, '1', '2026-01-02T00:00:00Z', { name: 'Acme Corp' }),
      member(CSV, '2', '2026-01-02T00:00:00Z', { name: 'Acme Logistics' }),
    ])
    expect(clusters(rows)).toEqual([['1', 'A1'], ['2']])
  })

  it('merges misspelt names the resolver matches on the same phone, not a namesake elsewhere', () => {
    const rows = buildUnifiedRows('account', [
      member(CRM, '1', '2026-01-01T00:00:00Z', { name: 'Initech Corporation', phone: '+1 415 555 0100' }),
      member(CSV, '2', '2026-01-01T00:00:00Z', { name: 'Inittech Corp', phone: '415-555-0100' }),
      member(CRM, '3', '2026-01-01T00:00:00Z', { name: 'Umbrella Holdings', phone: '+1 212 555 0101' }),
      member(CSV, '4', '2026-01-01T00:00:00Z', { name: 'Umbrela', phone: '212 555 0101' }),
      member(CSV, '5', '2026-01-01T00:00:00Z', { name: 'Hooli', phone: '650 555 0199' }),
      member(CRM, '6', '2026-01-01T00:00:00Z', { name: 'Hooli Foods', phone: '312 555 0177' }),
    ])
    expect(clusters(rows)).toEqual([['1', '2'], ['3', '4'], ['5'], ['6']])
  })

  it('takes the newest non-null value per field and says which source gave it', () => {
    const acme = buildUnifiedRows('account', accounts).find(
      (r) => r.sources.length === 2 && r.data.domain === 'acme.com',
    )
    expect(acme?.data).toMatchObject({
      name: 'ACME Corp.',
      domain: 'acme.com',
      industry: 'Manufacturing',
      phone: '(415) 555-0100',
    })
    expect(acme?.lineage.name).toMatchObject({ source: CSV, external_id: '17' })
    // Only the CRM has a `domain`: the newer CSV row has none, so the older value survives.
    expect(acme?.lineage.domain).toMatchObject({ source: CRM, external_id: 'A1' })
    expect(acme?.data).not.toHaveProperty('external_id')
    const globex = buildUnifiedRows('account', accounts).find((r) => r.data.domain === 'globex.com')
    // The newer ERP row has a phone; the CSV's null never wins over it.
    expect(globex?.lineage.phone).toMatchObject({ source: ERP })
  })

  it('lets a listed source win over a newer one', () => {
    const [acme] = buildUnifiedRows('account', accounts.slice(0, 2), { sourcePriority: [CRM] })
    expect(acme?.data.name).toBe('Acme Corporation')
    expect(acme?.lineage.name?.source).toBe(CRM)
    // A field the preferred source lacks still comes from the other.
    expect(acme?.lineage.industry?.source).toBe(CSV)
    expect(acme?.members.map((m) => m.source)).toEqual([CRM, CSV])
  })

  it('gives a row the same id whatever order its members come in', async () => {
    const one = buildUnifiedRows('account', accounts)
    const two = buildUnifiedRows('account', [...accounts].reverse())
    const ids = async (rows: typeof one) =>
      (await Promise.all(rows.map((r) => unifiedRowId('account', r.anchor)))).sort()
    expect(await ids(one)).toEqual(await ids(two))
    expect(new Set(await ids(one)).size).toBe(3)
  })
})

describe('unified contact view', () => {
  it('merges people by email whatever its case, and not namesakes with other emails', () => {
    const rows = buildUnifiedRows('contact', [
      member(CRM, 'C1', '2026-01-01T00:00:00Z', {
        first_name: 'Ada',
        last_name: 'Lovelace',
        email: 'ada@analytical.org',
      }),
      member(CSV, '5', '2026-01-02T00:00:00Z', {
        first_name: 'ADA',
        last_name: 'LOVELACE',
        email: 'Ada@Analytical.org',
        title: null,
      }),
      member(CSV, '6', '2026-01-02T00:00:00Z', { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@other.org' }),
    ])
    expect(clusters(rows)).toEqual([['5', 'C1'], ['6']])
  })
})

describe('views keyed by source id', () => {
  it('never merges opportunities of the same name', () => {
    const rows = buildUnifiedRows('opportunity', [
      member(CRM, 'O1', '2026-01-01T00:00:00Z', { name: 'Renewal', stage: 'Won' }),
      member(CSV, 'O1', '2026-01-01T00:00:00Z', { name: 'Renewal', stage: 'Won' }),
    ])
    expect(rows).toHaveLength(2)
    expect(rows.every((r) => r.lookup.length === 0)).toBe(true)
  })
})
