// Fields that look like a target but hold other data must stay unmatched, with a reason.
import { describe, expect, it } from 'vitest'
import { matchSchemas } from '../../../workers/core/dcl/mapping/match-schemas.ts'
import { ACCOUNT, CONTACT, f, OPPORTUNITY, pairs } from './mapping-helpers.ts'

describe('schema matching: look-alikes stay unmatched', () => {
  it('keeps the shipping address away from the billing address', () => {
    const got = pairs({
      source: [f('id'), f('name'), f('phone'), f('shipping_street'), f('shipping_city'), f('shipping_postal_code')],
      target: ACCOUNT,
    })
    expect(got).toEqual({ id: 'account_id', name: 'name', phone: 'phone' })
  })

  it('keeps derived amounts (weighted, expected, annualized) away from the amount', () => {
    const got = pairs({
      source: [
        f('deal_id'),
        f('deal_name'),
        f('weighted_amount', 'number'),
        f('expected_revenue', 'number'),
        f('annualized_value', 'number'),
        f('stage'),
      ],
      target: OPPORTUNITY,
    })
    expect(got).toEqual({ deal_id: 'opportunity_id', deal_name: 'name', stage: 'stage' })
  })

  it('keeps other dates and other people apart: last activity is not the update, the creator not the owner', () => {
    const result = matchSchemas({
      source: [
        f('Id'),
        f('Email'),
        f('LastActivityDate', 'date'),
        f('CreatedById'),
        f('LastModifiedById'),
        f('actual_close_date', 'date'),
      ],
      target: [...CONTACT, f('close_date', 'date')],
    })
    expect(Object.fromEntries(result.suggestions.map((s) => [s.source, s.target]))).toEqual({
      Id: 'contact_id',
      Email: 'email',
    })
    const why = Object.fromEntries(result.unmatched.map((u) => [u.source, u.reason]))
    expect(why.CreatedById).toMatch(/another person|creat/)
    expect(why.actual_close_date).toMatch(/actual/)
  })

  it("does not take another system's id, an external id or a parent's id for the record id", () => {
    const got = pairs({
      source: [f('external_id'), f('erp_customer_id'), f('parent_id'), f('company_name'), f('website')],
      target: ACCOUNT,
    })
    expect(got).toEqual({ parent_id: 'parent_account_id', company_name: 'name', website: 'website' })
  })

  it('does not map an inverse flag or a multi-valued status onto a boolean', () => {
    const got = pairs({
      source: [
        f('email'),
        f('first_name'),
        f('accepts_marketing', 'boolean', [true, false]),
        f('do_not_call', 'boolean', [false, true]),
        f('subscription_status', 'string', ['subscribed', 'unsubscribed', 'pending']),
      ],
      target: CONTACT,
    })
    expect(got).toEqual({ email: 'email', first_name: 'first_name' })
    const opp = pairs({
      source: [f('id'), f('title'), f('status', 'string', ['open', 'won', 'lost']), f('value', 'number')],
      target: OPPORTUNITY,
    })
    expect(opp).not.toHaveProperty('status', 'is_won')
    expect(opp).not.toHaveProperty('status', 'is_closed')
  })

  it('maps a company name to a name field and a company id to an id field, never across', () => {
    const got = pairs({
      source: [f('contact_id'), f('email'), f('company_name', 'string', ['Acme Corp', 'Globex Inc'])],
      target: CONTACT.filter((t) => t.path !== 'account_name'),
    })
    expect(got).toEqual({ contact_id: 'contact_id', email: 'email' })
    const ids = pairs({ source: [f('contact_id'), f('email'), f('company_id')], target: CONTACT })
    expect(ids).toEqual({ contact_id: 'contact_id', email: 'email', company_id: 'account_id' })
  })

  it('does not take a street with its house number for a street the target keeps apart from the number', () => {
    const got = pairs({
      source: [f('Name'), f('Zip'), f('Address', 'string', ['600 N CLARK ST', '1120 N STATE ST'])],
      target: [f('NAME'), f('BUILDING'), f('STREET'), f('ZIPCODE')],
    })
    expect(got).toEqual({ Name: 'NAME', Zip: 'ZIPCODE' })
  })
})
