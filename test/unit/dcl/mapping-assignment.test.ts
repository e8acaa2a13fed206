// One target per source and one source per target, the primary field winning; "nothing here"
// for unrelated schemas; ambiguous pairs marked; the tenant's past verdicts and the target's own
// values changing the outcome.
import { describe, expect, it } from 'vitest'
import { matchSchemas } from '../../../workers/core/dcl/mapping/match-schemas.ts'
import { MappingResultSchema } from '../../../workers/core/dcl/mapping/result.ts'
import { ACCOUNT, CONTACT, f, OPPORTUNITY, pairs } from './mapping-helpers.ts'

describe('schema matching: one to one', () => {
  it('gives each target to one source: the first phone and the main address win, their twins stay unmatched', () => {
    const result = matchSchemas({
      source: [
        f('id'),
        f('email'),
        f('telephone1'),
        f('telephone2'),
        f('address1_city'),
        f('address2_city'),
        f('address1_postalcode'),
        f('address2_postalcode'),
      ],
      target: CONTACT,
    })
    const got = Object.fromEntries(result.suggestions.map((s) => [s.source, s.target]))
    expect(got).toEqual({
      id: 'contact_id',
      email: 'email',
      telephone1: 'phone',
      address1_city: 'mailing_address.city',
      address1_postalcode: 'mailing_address.postal_code',
    })
    const targets = result.suggestions.map((s) => s.target)
    expect(new Set(targets).size).toBe(targets.length)
    expect(result.unmatched.map((u) => u.source)).toEqual(['telephone2', 'address2_city', 'address2_postalcode'])
  })

  it('on equal evidence keeps the field listed first (name before display_name)', () => {
    expect(pairs({ source: [f('id'), f('name'), f('display_name'), f('phone')], target: ACCOUNT })).toEqual({
      id: 'account_id',
      name: 'name',
      phone: 'phone',
    })
  })

  it('marks a pair that rests on a loose synonym as ambiguous, with the competing candidates', () => {
    const result = matchSchemas({
      source: [f('id'), f('lead_id'), f('amount', 'number'), f('stage')],
      target: OPPORTUNITY.concat(f('contact_id')),
    })
    const lead = result.suggestions.find((s) => s.source === 'lead_id')
    expect(lead?.ambiguous).toBe(true)
    expect(lead?.candidates.map((c) => c.target)).toContain(lead?.target === 'account_id' ? 'contact_id' : 'account_id')
    expect(result.suggestions.find((s) => s.source === 'amount')?.ambiguous).toBe(false)
    expect(result.ambiguous_fields).toBeGreaterThanOrEqual(1)
    expect(MappingResultSchema.parse(result)).toEqual(result)
  })
})

describe('schema matching: nothing here', () => {
  it('suggests nothing for a schema that describes something else, and says why', () => {
    const weather = [
      f('STATION', 'string', ['USW00094728']),
      f('NAME', 'string', ['NY CITY CENTRAL PARK, NY US']),
      f('DATE', 'date', ['2025-01-01']),
      f('PRCP', 'number', [0.31]),
      f('TMAX', 'number', [41]),
    ]
    const result = matchSchemas({ source: weather, target: CONTACT })
    expect(result.suggestions).toEqual([])
    expect(result.unmatched).toHaveLength(weather.length)
  })

  it('does not take a payment id and its creation time for a contact', () => {
    const payments = [
      f('id', 'string', ['txn_1MiN3gLkdIwHu7ixxapQrznl', 'txn_1NaB2cLkdIwHu7ixq1w2e3r4']),
      f('amount', 'integer', [-400, 10000]),
      f('created', 'integer', [1678043844, 1678040000]),
      f('currency', 'string', ['usd', 'eur']),
      f('status', 'string', ['available', 'pending']),
    ]
    expect(matchSchemas({ source: payments, target: CONTACT }).suggestions).toEqual([])
  })
})

describe('schema matching: past decisions and values in the target', () => {
  const source = [f('ext_ref'), f('company'), f('tel'), f('mail')]

  it('follows an accepted pair even where the names disagree, and drops a rejected one', () => {
    const before = pairs({ source, target: ACCOUNT })
    expect(before).toMatchObject({ company: 'name', tel: 'phone', mail: 'email' })
    expect(before).not.toHaveProperty('ext_ref')
    const after = matchSchemas({
      source,
      target: ACCOUNT,
      decisions: [
        { source: 'ext_ref', target: 'account_id', verdict: 'accepted' },
        { source: 'tel', target: 'phone', verdict: 'rejected' },
      ],
    })
    const got = Object.fromEntries(after.suggestions.map((s) => [s.source, s.target]))
    expect(got).toEqual({ ext_ref: 'account_id', company: 'name', mail: 'email' })
    expect(after.suggestions.find((s) => s.source === 'ext_ref')?.evidence).toContain(
      'the tenant accepted this pair before',
    )
  })

  it('leans on a verdict about a field of the same name from another stream', () => {
    const weak = matchSchemas({ source: [f('id'), f('email'), f('Kennziffer')], target: ACCOUNT })
    expect(weak.suggestions.map((s) => s.source)).not.toContain('Kennziffer')
    const leaned = matchSchemas({
      source: [f('email'), f('kennziffer', 'string')],
      target: ACCOUNT,
      decisions: [{ source: 'Kennziffer', target: 'account_id', verdict: 'accepted' }],
    })
    expect(leaned.suggestions.find((s) => s.source === 'kennziffer')).toMatchObject({
      target: 'account_id',
      ambiguous: true,
    })
    const rejected = matchSchemas({
      source: [f('id'), f('email'), f('Mobile')],
      target: ACCOUNT,
      decisions: [{ source: 'mobile', target: 'phone', verdict: 'rejected' }],
    })
    expect(rejected.suggestions.map((s) => s.source)).not.toContain('Mobile')
  })

  it('uses values already in the target entity: shared values raise a pair, other data lowers it', () => {
    const src = [f('id'), f('email'), f('segment', 'string', ['Enterprise', 'SMB', 'Mid-Market'])]
    const target = [f('account_id'), f('email'), f('industry'), f('tier')]
    const shared = matchSchemas({
      source: src,
      target,
      targetSamples: { tier: ['SMB', 'Enterprise', 'Mid-Market'] },
    })
    expect(shared.suggestions.find((s) => s.source === 'segment')).toMatchObject({ target: 'tier' })
    const none = matchSchemas({ source: src, target })
    expect(none.suggestions.find((s) => s.source === 'segment')).toBeUndefined()
    const unlike = matchSchemas({
      source: [f('id'), f('email'), f('industry', 'string', ['Retail', 'Banking'])],
      target,
      targetSamples: { industry: [5411, 6021, 7372] },
    })
    expect(unlike.suggestions.find((s) => s.source === 'industry')).toBeUndefined()
  })
})
