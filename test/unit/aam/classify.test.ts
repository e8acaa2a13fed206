import { describe, expect, it } from 'vitest'
import { classifyDrift } from '../../../workers/core/aam/drift/classify.ts'
import { type DriftChange, DriftResultSchema, type SnapshotField } from '../../../workers/core/aam/schema-snapshot.ts'

const f = (path: string, type: SnapshotField['type'], nullable = false, samples?: unknown[]): SnapshotField =>
  samples ? { path, type, nullable, samples } : { path, type, nullable }

/** Changes without confidence, for exact comparisons. */
const plain = (changes: DriftChange[]) =>
  changes.map((c) =>
    c.kind === 'renamed' ? { kind: c.kind, path: c.path, from: c.from, to: c.to, severity: c.severity } : c,
  )

const kinds = (changes: DriftChange[]) =>
  changes.map((c) => `${c.kind} ${c.kind === 'renamed' ? `${c.from}->${c.to}` : c.path}`)

describe('classifyDrift: change kinds', () => {
  it('reports an added field as non-breaking, whatever its type or nullability', () => {
    const { changes } = classifyDrift([f('id', 'string')], [f('id', 'string'), f('tags', 'array', false)])
    expect(changes).toEqual([{ kind: 'added', path: 'tags', severity: 'non_breaking' }])
  })

  it('reports a removed field as breaking', () => {
    const { changes } = classifyDrift([f('id', 'string'), f('fax', 'string', true)], [f('id', 'string')])
    expect(changes).toEqual([{ kind: 'removed', path: 'fax', severity: 'breaking' }])
  })

  it('reports a case/punctuation-only rename with high confidence', () => {
    const { changes } = classifyDrift([f('Full Name', 'string', true)], [f('full_name', 'string', true)])
    expect(changes).toHaveLength(1)
    const [c] = changes
    expect(c).toMatchObject({
      kind: 'renamed',
      path: 'full_name',
      from: 'Full Name',
      to: 'full_name',
      severity: 'breaking',
    })
    expect(c?.kind === 'renamed' && c.confidence).toBeGreaterThan(0.9)
  })

  it('reports a rename plus a re-typing as two entries, the type change at the new path', () => {
    const { changes } = classifyDrift(
      [f('Zip', 'integer', true, [2139, 94110])],
      [f('zip_code', 'string', true, ['02139', '94110'])],
    )
    expect(plain(changes)).toEqual([
      { kind: 'renamed', path: 'zip_code', from: 'Zip', to: 'zip_code', severity: 'breaking' },
      { kind: 'type_changed', path: 'zip_code', from: 'integer', to: 'string', severity: 'non_breaking' },
    ])
  })

  it('reports a rename plus a nullability change as two entries', () => {
    const { changes } = classifyDrift([f('customerEmail', 'string', false)], [f('customer_email', 'string', true)])
    expect(plain(changes)).toEqual([
      { kind: 'renamed', path: 'customer_email', from: 'customerEmail', to: 'customer_email', severity: 'breaking' },
      {
        kind: 'nullability_changed',
        path: 'customer_email',
        from: 'not_null',
        to: 'nullable',
        severity: 'non_breaking',
      },
    ])
  })

  it('classifies nullability changes: relaxing is safe, tightening is breaking', () => {
    const { changes } = classifyDrift(
      [f('a', 'string', false), f('b', 'string', true)],
      [f('a', 'string', true), f('b', 'string', false)],
    )
    expect(changes).toEqual([
      { kind: 'nullability_changed', path: 'a', from: 'not_null', to: 'nullable', severity: 'non_breaking' },
      { kind: 'nullability_changed', path: 'b', from: 'nullable', to: 'not_null', severity: 'breaking' },
    ])
  })

  it('produces output that validates against the result schema', () => {
    const result = classifyDrift([f('Email', 'string'), f('n', 'integer')], [f('email', 'string'), f('n', 'number')])
    expect(DriftResultSchema.safeParse(result).success).toBe(true)
  })
})

describe('classifyDrift: severity lattice', () => {
  const cases: Array<[SnapshotField['type'], SnapshotField['type'], 'breaking' | 'non_breaking']> = [
    ['integer', 'number', 'non_breaking'],
    ['integer', 'string', 'non_breaking'],
    ['number', 'string', 'non_breaking'],
    ['date', 'timestamp', 'non_breaking'],
    ['date', 'string', 'non_breaking'],
    ['timestamp', 'string', 'non_breaking'],
    ['boolean', 'string', 'non_breaking'],
    ['number', 'integer', 'breaking'],
    ['string', 'integer', 'breaking'],
    ['timestamp', 'date', 'breaking'],
    ['boolean', 'integer', 'breaking'],
    ['integer', 'timestamp', 'breaking'],
    ['string', 'object', 'breaking'],
    ['array', 'string', 'breaking'],
    ['object', 'array', 'breaking'],
  ]
  it.each(cases)('%s -> %s is %s', (from, to, severity) => {
    const { changes } = classifyDrift([f('x', from)], [f('x', to)])
    expect(changes).toEqual([{ kind: 'type_changed', path: 'x', from, to, severity }])
  })
})

describe('classifyDrift: controls and hard negatives', () => {
  it('ignores field order and sample churn (0 changes)', () => {
    const old = [
      f('order_id', 'string', false, ['A-1001', 'A-1002']),
      f('total', 'number', false, [19.99, 250]),
      f('status', 'string', false, ['paid', 'refunded']),
      f('created_at', 'timestamp', false, ['2024-06-01T10:00:00Z']),
    ]
    const next = [
      f('created_at', 'timestamp', false, ['2024-07-09T00:01:02Z']),
      f('status', 'string', false, ['pending']),
      f('order_id', 'string', false, ['B-2001']),
      f('total', 'number', false, [7.5, 1200]),
    ]
    expect(classifyDrift(old, next).changes).toEqual([])
  })

  it('keeps an unrelated replacement as removed + added, even with the same type and nullability', () => {
    const old = [
      f('id', 'string', false, ['e_17']),
      f('pager_number', 'string', true, ['(555) 013-2201', '(555) 013-7783']),
    ]
    const next = [f('id', 'string', false, ['e_17']), f('pronouns', 'string', true, ['she/her', 'they/them'])]
    expect(kinds(classifyDrift(old, next).changes)).toEqual(['removed pager_number', 'added pronouns'])
  })

  it('does not pair fields whose names differ by opposite words', () => {
    const old = [f('id', 'integer'), f('created_at', 'timestamp'), f('billing_city', 'string', true)]
    const next = [f('id', 'integer'), f('updated_at', 'timestamp'), f('shipping_city', 'string', true)]
    expect(kinds(classifyDrift(old, next).changes)).toEqual([
      'removed billing_city',
      'removed created_at',
      'added shipping_city',
      'added updated_at',
    ])
  })

  it('does not pair fields whose names differ by a substituted distinctive word', () => {
    const old = [f('id', 'integer'), f('can_create_project', 'boolean')]
    const next = [f('id', 'integer'), f('can_create_group', 'boolean'), f('is_auditor', 'boolean')]
    expect(kinds(classifyDrift(old, next).changes)).toEqual([
      'added can_create_group',
      'removed can_create_project',
      'added is_auditor',
    ])
  })

  it('never pairs names that differ only by a number', () => {
    const old = [f('id', 'integer'), f('address_line1', 'string', true)]
    const next = [f('id', 'integer'), f('address_line2', 'string', true)]
    expect(kinds(classifyDrift(old, next).changes)).toEqual(['removed address_line1', 'added address_line2'])
  })

  it('does not treat a different field with a longer name and another type as a rename', () => {
    // Stripe charge: application_fee (an id) vs application_fee_amount (an integer).
    const old = [f('id', 'string'), f('application_fee', 'string', true, ['fee_1GqIC8HYgolSBA35x3nQ5Fie'])]
    const next = [f('id', 'string'), f('application_fee_amount', 'integer', true, [1500, 90])]
    expect(kinds(classifyDrift(old, next).changes)).toEqual(['removed application_fee', 'added application_fee_amount'])
  })

  it('leaves look-alike candidates unmatched instead of guessing', () => {
    const old = [f('id', 'integer'), f('phone', 'string', true), f('email', 'string', true)]
    const next = [
      f('id', 'integer'),
      f('email', 'string', true),
      f('home_phone', 'string', true),
      f('work_phone', 'string', true),
    ]
    expect(kinds(classifyDrift(old, next).changes)).toEqual(['added home_phone', 'removed phone', 'added work_phone'])
  })

  it('lets unchanged neighbours break a tie between look-alikes (pg_stat_statements 1.8)', () => {
    const num = (...names: string[]) => names.map((n) => f(n, 'number'))
    const old = [f('query', 'string'), f('calls', 'integer'), ...num('total_time', 'min_time'), f('rows', 'integer')]
    const next = [
      f('query', 'string'),
      f('plans', 'integer'),
      ...num('total_plan_time', 'min_plan_time'),
      f('calls', 'integer'),
      ...num('total_exec_time', 'min_exec_time'),
      f('rows', 'integer'),
    ]
    expect(kinds(classifyDrift(old, next).changes)).toEqual([
      'renamed min_time->min_exec_time',
      'added min_plan_time',
      'added plans',
      'renamed total_time->total_exec_time',
      'added total_plan_time',
    ])
  })
})

describe('classifyDrift: renames', () => {
  it('matches typos, abbreviations and case conventions', () => {
    const old = [
      f('recieved_at', 'timestamp'),
      f('qty', 'integer'),
      f('custEmail', 'string'),
      f('description', 'string', true),
    ]
    const next = [
      f('received_at', 'timestamp'),
      f('quantity', 'integer'),
      f('customer_email', 'string'),
      f('description', 'string', true),
    ]
    expect(kinds(classifyDrift(old, next).changes)).toEqual([
      'renamed custEmail->customer_email',
      'renamed qty->quantity',
      'renamed recieved_at->received_at',
    ])
  })

  it('matches a renamed field by identical sample values even when the names are unrelated', () => {
    const old = [
      f('id', 'integer', false, [1, 2]),
      f('billing', 'string', false, ['charge_automatically', 'send_invoice']),
    ]
    const next = [
      f('id', 'integer', false, [1, 2]),
      f('collection_method', 'string', false, ['send_invoice', 'charge_automatically']),
    ]
    expect(kinds(classifyDrift(old, next).changes)).toEqual(['renamed billing->collection_method'])
  })

  it('moves an object with its descendants and adds the new intermediate object', () => {
    const old = [
      f('id', 'string'),
      f('contact', 'object', true),
      f('contact.phone', 'string', true, ['+1 415 555 0100']),
      f('contact.email', 'string', true, ['a@example.com']),
    ]
    const next = [
      f('id', 'string'),
      f('profile', 'object', true),
      f('profile.contact', 'object', true),
      f('profile.contact.phone', 'string', true, ['+1 415 555 0100']),
      f('profile.contact.email', 'string', true, ['a@example.com']),
    ]
    expect(kinds(classifyDrift(old, next).changes)).toEqual([
      'added profile',
      'renamed contact->profile.contact',
      'renamed contact.email->profile.contact.email',
      'renamed contact.phone->profile.contact.phone',
    ])
  })

  it('renames descendants consistently when an object is renamed without listed object entries', () => {
    const old = [
      f('_id', 'integer'),
      f('nmae.first', 'string', false, ['george']),
      f('nmae.last', 'string', false, ['washington']),
    ]
    const next = [
      f('_id', 'integer'),
      f('name.first', 'string', false, ['george']),
      f('name.last', 'string', false, ['washington']),
    ]
    expect(kinds(classifyDrift(old, next).changes)).toEqual([
      'renamed nmae.first->name.first',
      'renamed nmae.last->name.last',
    ])
  })

  it('pairs a systematic family of renames (pg_stat_replication *_location -> *_lsn)', () => {
    const cols = (suffix: string) =>
      ['sent', 'write', 'flush', 'replay'].map((p) => f(`${p}_${suffix}`, 'string', true))
    const old = [f('pid', 'integer'), ...cols('location'), f('sync_state', 'string')]
    const next = [f('pid', 'integer'), ...cols('lsn'), f('sync_state', 'string')]
    expect(kinds(classifyDrift(old, next).changes)).toEqual([
      'renamed flush_location->flush_lsn',
      'renamed replay_location->replay_lsn',
      'renamed sent_location->sent_lsn',
      'renamed write_location->write_lsn',
    ])
  })

  it('is one-to-one and deterministic', () => {
    const old = [f('Email', 'string'), f('E-mail', 'string')]
    const next = [f('email', 'string')]
    const a = classifyDrift(old, next)
    const b = classifyDrift([...old].reverse(), next)
    expect(a).toEqual(b)
    expect(a.changes.filter((c) => c.kind === 'renamed')).toHaveLength(0) // two equally good sources: no guess
  })

  it('reports confidences in (0, 1]', () => {
    const { changes } = classifyDrift(
      [f('zip', 'string', true, ['62704'])],
      [f('postal_code', 'string', true, ['62704'])],
    )
    const renamed = changes.find((c) => c.kind === 'renamed')
    expect(renamed?.kind === 'renamed' ? renamed.confidence : -1).toBeGreaterThan(0)
    expect(renamed?.kind === 'renamed' ? renamed.confidence : 2).toBeLessThanOrEqual(1)
  })
})

describe('classifyDrift: more hard negatives', () => {
  it('keeps last_login and last_name apart', () => {
    const old = [f('id', 'integer'), f('last_login', 'timestamp', true)]
    const next = [f('id', 'integer'), f('last_name', 'string', true)]
    expect(kinds(classifyDrift(old, next).changes)).toEqual(['removed last_login', 'added last_name'])
  })

  it('matches login -> username', () => {
    const old = [f('id', 'integer'), f('owner.login', 'string')]
    const next = [f('id', 'integer'), f('owner.username', 'string')]
    expect(kinds(classifyDrift(old, next).changes)).toEqual(['renamed owner.login->owner.username'])
  })
})

describe('classifyDrift: object consistency', () => {
  it('renames an array-of-objects entry together with its (partly renamed) children', () => {
    const old = [
      f('id', 'string'),
      f('items[]', 'object'),
      f('items[].sku', 'string'),
      f('items[].qty', 'integer'),
      f('items[].price', 'number'),
    ]
    const next = [
      f('id', 'string'),
      f('line_items[]', 'object'),
      f('line_items[].sku', 'string'),
      f('line_items[].quantity', 'integer'),
      f('line_items[].unit_price', 'number'),
    ]
    expect(kinds(classifyDrift(old, next).changes)).toEqual([
      'renamed items[]->line_items[]',
      'renamed items[].qty->line_items[].quantity',
      'renamed items[].sku->line_items[].sku',
      'renamed items[].price->line_items[].unit_price',
    ])
  })
})
