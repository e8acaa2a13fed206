// Entity resolution as a user sees it: which records end up as one person (or one company).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { clusterPairs } from '../../../workers/core/dcl/resolution/cluster.ts'
import { resolveEntities } from '../../../workers/core/dcl/resolution/resolve.ts'
import {
  ACCOUNT_FIELD_ROLES,
  PERSON_FIELD_ROLES,
  type ResolutionRecord,
} from '../../../workers/core/dcl/resolution/roles.ts'

type Fields = Record<string, string | null>

const GIVEN = ['olivia', 'liam', 'charlotte', 'noah', 'amelia', 'jack', 'isla', 'oliver', 'mia', 'william', 'ava']
const FAMILY = ['nguyen', 'patel', 'kowalski', 'oconnor', 'fischer', 'haddad', 'moreau', 'tanaka', 'silva', 'brennan']
const STREETS = ['bayly place', 'moon street', 'hawker crescent', 'padbury road', 'lindrum avenue', 'shara place']
const SUBURBS: Array<[string, string, string]> = [
  ['bowen hills', '4006', 'qld'],
  ['parkside', '5063', 'sa'],
  ['leichhardt', '2040', 'nsw'],
  ['hawthorn', '3122', 'vic'],
]

/** Distinct people, none of them a duplicate of another, so the resolver has a population to measure. */
function population(count: number): ResolutionRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const [suburb, postcode, state] = SUBURBS[i % SUBURBS.length] ?? ['', '', '']
    return {
      id: `p${i}`,
      source: 'crm',
      fields: {
        first_name: GIVEN[i % GIVEN.length] ?? null,
        last_name: FAMILY[(i * 7 + Math.floor(i / 10)) % FAMILY.length] ?? null,
        street_number: String(1 + ((i * 13) % 97)),
        street: STREETS[(i * 5) % STREETS.length] ?? null,
        address_line2: null,
        suburb,
        postcode,
        state,
        birthdate: `19${String(30 + ((i * 17) % 60)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 11) % 28)).padStart(2, '0')}`,
        national_id: String(3_000_000 + i * 7919),
      },
    }
  })
}

const record = (id: string, fields: Fields, source = 'crm'): ResolutionRecord => ({ id, source, fields })

const base: Fields = {
  first_name: 'isabella',
  last_name: 'woodbury',
  street_number: '134',
  street: 'shara place',
  address_line2: 'byron arcade',
  suburb: 'parkside',
  postcode: '2448',
  state: 'nsw',
  birthdate: '1984-03-21',
  national_id: '8116238',
}

/** The cluster holding `id`. */
const clusterOf = (clusters: string[][], id: string) => clusters.find((c) => c.includes(id)) ?? []

const resolve = (records: ResolutionRecord[]) => resolveEntities(records, { roles: PERSON_FIELD_ROLES }).clusters

describe('resolveEntities (people)', () => {
  it('clusters duplicates with typos, OCR and phonetic errors and missing fields', () => {
    const clusters = resolve([
      ...population(60),
      record('a', base),
      record('b', { ...base, first_name: 'isabela', street: 'shara pl', postcode: '2484' }),
      record('c', { ...base, last_name: 'w00dbury', birthdate: null, address_line2: 'byronarcade' }),
      record('d', { ...base, first_name: 'izabella', national_id: '8116283', suburb: 'park side' }),
    ])
    expect(clusterOf(clusters, 'a').sort()).toEqual(['a', 'b', 'c', 'd'])
    expect(clusters.flat().sort()).toHaveLength(64)
  })

  it('clusters a record whose first and last names were swapped', () => {
    const clusters = resolve([
      ...population(60),
      record('a', base),
      record('swapped', { ...base, first_name: 'woodbury', last_name: 'isabella' }),
    ])
    expect(clusterOf(clusters, 'a').sort()).toEqual(['a', 'swapped'])
  })

  it('keeps twins apart: same family, birth date and home, another first name and national id', () => {
    const twin: Fields = { ...base, first_name: 'harriet', national_id: '8116871' }
    const clusters = resolve([
      ...population(60),
      record('isabella', base),
      record('isabella-2', { ...base, first_name: 'isabela' }),
      record('harriet', twin),
      record('harriet-2', { ...twin, street: 'shara pl', national_id: null }),
    ])
    expect(clusterOf(clusters, 'isabella').sort()).toEqual(['isabella', 'isabella-2'])
    expect(clusterOf(clusters, 'harriet').sort()).toEqual(['harriet', 'harriet-2'])
  })

  it('keeps a father and the son named after him apart: same name and home, another birth date and id', () => {
    const father: Fields = { ...base, first_name: 'thomas', birthdate: '1951-06-02', national_id: '4401122' }
    const son: Fields = { ...father, birthdate: '1979-11-30', national_id: '4407891' }
    const clusters = resolve([...population(60), record('father', father), record('son', son)])
    expect(clusterOf(clusters, 'father')).toEqual(['father'])
    expect(clusterOf(clusters, 'son')).toEqual(['son'])
  })

  it('links two sources that write dates, streets and states their own way', () => {
    const clusters = resolve([
      ...population(60),
      record('crm', base),
      record(
        'registry',
        {
          first_name: 'Isabella',
          last_name: 'WOODBURY',
          street_number: null,
          street: '134 Shara Pl',
          address_line2: 'Byron Arc',
          suburb: 'PARKSIDE',
          postcode: '2448',
          state: 'New South Wales',
          birthdate: '21/03/1984',
          national_id: '811-6238',
        },
        'registry',
      ),
      record('registry-2', { ...base, first_name: 'Isabella', birthdate: '21 Mar 1984' }, 'registry'),
    ])
    expect(clusterOf(clusters, 'crm').sort()).toEqual(['crm', 'registry', 'registry-2'])
  })

  it('puts every record in exactly one cluster, also for no records or one', () => {
    expect(resolve([])).toEqual([])
    expect(resolve([record('only', base)])).toEqual([['only']])
  })
})

describe('resolveEntities (accounts)', () => {
  const account = (id: string, fields: Fields, source = 'crm') => record(id, fields, source)
  const companies = Array.from({ length: 40 }, (_, i) =>
    account(`c${i}`, {
      name: `${FAMILY[i % FAMILY.length]} ${['Consulting', 'Logistics', 'Foods', 'Labs'][i % 4]} ${i}`,
      website: `https://www.${FAMILY[i % FAMILY.length]}${i}.example`,
      phone: `+61 2 9${String(100_000 + i * 7_777).padStart(7, '0')}`,
      city: SUBURBS[i % SUBURBS.length]?.[0] ?? null,
    }),
  )

  it('resolves accounts by normalised domain and email, then fuzzy name', () => {
    const clusters = resolveEntities(
      [
        ...companies,
        account('acme', { name: 'Acme Pty Ltd', website: 'https://www.acme.com.au/about', city: 'Sydney' }),
        account('acme-billing', { name: 'ACME', email: 'accounts+invoices@acme.com.au', city: 'sydney' }, 'billing'),
        account('acme-typo', { name: 'Acme Pty. Limited', phone: null, city: 'Sydny' }, 'billing'),
        account('acne', { name: 'Acne Studios AB', website: 'acnestudios.com', city: 'Stockholm' }, 'billing'),
      ],
      { roles: ACCOUNT_FIELD_ROLES },
    ).clusters
    expect(clusterOf(clusters, 'acme').sort()).toEqual(['acme', 'acme-billing', 'acme-typo'])
    expect(clusterOf(clusters, 'acne')).toEqual(['acne'])
  })
})

describe('clusterPairs', () => {
  it('does not merge two clusters through one weak link', () => {
    // Records 0-2 are one person, 3-5 another; only 2-5 look alike, and just enough to pass the threshold.
    const inside = (i: number, j: number) => i < 3 === j < 3
    const score = (i: number, j: number) => (inside(i, j) ? 25 : i === 2 && j === 5 ? 3 : -20)
    const pairs = [
      [0, 1],
      [0, 2],
      [1, 2],
      [3, 4],
      [3, 5],
      [4, 5],
      [2, 5],
    ].map(([i = 0, j = 0]) => ({ i, j, score: score(i, j) }))
    expect(clusterPairs(6, pairs, score)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ])
  })

  it('merges a record that agrees with most of a cluster though not with every member', () => {
    const score = (i: number, j: number) => (i === 1 && j === 3 ? -2 : 20)
    const pairs = [
      { i: 0, j: 1, score: 20 },
      { i: 0, j: 2, score: 20 },
      { i: 0, j: 3, score: 20 },
      { i: 2, j: 3, score: 20 },
    ]
    expect(clusterPairs(4, pairs, score)).toEqual([[0, 1, 2, 3]])
  })
})

describe('resolveEntities on a generated task', () => {
  it('finds the duplicates of a 2,000-record task with F1 ≥ 0.98, comparing under 2% of all pairs', () => {
    const dir = join(import.meta.dirname, '../../fixtures/evals/resolve/one-source-dedup')
    const records = readFileSync(join(dir, 'records.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as ResolutionRecord)
    const gold = (JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as { clusters: string[][] }).clusters
    const { clusters, stats } = resolveEntities(records, { roles: PERSON_FIELD_ROLES })
    const goldOf = new Map(gold.flatMap((c, k) => c.map((id) => [id, k] as const)))
    const pairs = (n: number) => (n * (n - 1)) / 2
    let truePairs = 0
    for (const c of clusters) {
      const counts = new Map<number, number>()
      for (const id of c) counts.set(goldOf.get(id) ?? -1, (counts.get(goldOf.get(id) ?? -1) ?? 0) + 1)
      for (const n of counts.values()) truePairs += pairs(n)
    }
    const precision = truePairs / clusters.reduce((s, c) => s + pairs(c.length), 0)
    const recall = truePairs / gold.reduce((s, c) => s + pairs(c.length), 0)
    expect((2 * precision * recall) / (precision + recall)).toBeGreaterThanOrEqual(0.98)
    expect(stats.candidatePairs).toBeLessThan(0.02 * pairs(records.length))
  })
})
