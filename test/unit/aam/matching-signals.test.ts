import { describe, expect, it } from 'vitest'
import { osaDistance } from '../../../workers/core/aam/drift/edit-distance.ts'
import { nameProfile, nameSimilarity, WordStats } from '../../../workers/core/aam/drift/name-similarity.ts'
import { canonicalWords, splitWords } from '../../../workers/core/aam/drift/name-tokens.ts'
import { isWidening, retypePlausibility } from '../../../workers/core/aam/drift/type-lattice.ts'
import { compareSamples, profileSamples, valueKeys } from '../../../workers/core/aam/drift/value-overlap.ts'

const sim = (a: string, b: string) => {
  const stats = new WordStats([a], [b])
  return nameSimilarity(nameProfile(a, stats), nameProfile(b, stats))
}

describe('name normalisation', () => {
  it('splits camelCase, snake_case, spaced headers and digits', () => {
    expect(splitWords('HTMLUrl')).toEqual(['html', 'url'])
    expect(splitWords('customer_email')).toEqual(['customer', 'email'])
    expect(splitWords('Full Name')).toEqual(['full', 'name'])
    expect(splitWords('addressLine1')).toEqual(['address', 'line', '1'])
  })

  it('maps abbreviations, compounds and plurals to canonical words', () => {
    expect(canonicalWords('qty')).toEqual(['quantity'])
    expect(canonicalWords('DOB')).toEqual(['birth', 'date'])
    expect(canonicalWords('Zip Code')).toEqual(['zip', 'code'])
    expect(canonicalWords('addresses')).toEqual(['address'])
  })

  it('counts a transposition as one edit', () => {
    expect(osaDistance('nmae', 'name')).toBe(1)
    expect(osaDistance('kitten', 'sitting')).toBe(3)
  })
})

describe('nameSimilarity', () => {
  it('treats formatting-only differences as exact', () => {
    expect(sim('Full Name', 'full_name').exact).toBe(true)
    expect(sim('owner_login', 'owner.login').exact).toBe(true)
  })

  it('scores typos, abbreviations and qualifiers high, unrelated names low', () => {
    expect(sim('nmae', 'name').score).toBeGreaterThanOrEqual(0.8)
    expect(sim('cust_id', 'customerId').score).toBeGreaterThanOrEqual(0.9)
    expect(sim('account_balance', 'balance').score).toBeGreaterThan(0.62)
    expect(sim('pager_number', 'pronouns').score).toBeLessThan(0.3)
  })

  it('flags opposite words and never treats digits as typos', () => {
    expect(sim('created_at', 'updated_at').antonym).toBe(true)
    expect(sim('min_amount', 'max_amount').antonym).toBe(true)
    expect(sim('address_line1', 'address_line2').distinctSubstitution).toBe(true)
  })

  it('flags a substituted distinctive word', () => {
    expect(sim('can_create_project', 'can_create_group').distinctSubstitution).toBe(true)
    expect(sim('zip', 'zip_code').distinctSubstitution).toBe(false)
  })
})

describe('sample comparison', () => {
  it('normalises numbers, zero-padding, case, dates, epochs and phone formatting', () => {
    expect(valueKeys('02139')).toEqual(valueKeys(2139))
    expect(valueKeys(' USD ')).toEqual(valueKeys('usd'))
    expect(valueKeys('2024-04-02')).toEqual(valueKeys('2024-04-02T00:00:00Z'))
    expect(valueKeys('04/02/2024')).toContain('d:2024-04-02')
    expect(valueKeys(1717171717)).toContain('t:2024-05-31T16:08:37')
    expect(valueKeys('+1 (415) 555-0100')).toEqual(valueKeys('+14155550100'))
  })

  it('gives strong evidence for the same values, negative for values of another kind', () => {
    const zips = compareSamples(profileSamples([2139, 94110, 8001]), profileSamples(['02139', '94110', '08001']))
    expect(zips?.evidence).toBe(1)
    const other = compareSamples(
      profileSamples(['(555) 013-2201', '(555) 013-7783']),
      profileSamples(['she/her', 'they/them']),
    )
    expect(other?.evidence).toBe(-1)
  })

  it('is neutral on churned samples of the same kind, and unknown without samples', () => {
    const churn = compareSamples(profileSamples(['A-1001', 'A-1002']), profileSamples(['B-2001']))
    expect(churn?.evidence).toBe(0)
    expect(compareSamples(profileSamples(undefined), profileSamples(['x']))).toBeNull()
  })

  it('treats disjoint small enumerations as different data', () => {
    const e = compareSamples(
      profileSamples(['can_be_merged', 'cannot_be_merged', 'unchecked']),
      profileSamples(['mergeable', 'not_open', 'checking']),
    )
    expect(e?.evidence).toBeLessThan(0)
  })
})

describe('type lattice', () => {
  it('widens transitively and ranks re-typings for matching', () => {
    expect(isWidening('integer', 'string')).toBe(true)
    expect(isWidening('date', 'string')).toBe(true)
    expect(isWidening('string', 'integer')).toBe(false)
    expect(isWidening('boolean', 'integer')).toBe(false)
    expect(retypePlausibility('integer', 'integer')).toBe(1)
    expect(retypePlausibility('string', 'object')).toBe(0)
    expect(retypePlausibility('integer', 'string')).toBeGreaterThan(retypePlausibility('string', 'integer'))
  })
})
