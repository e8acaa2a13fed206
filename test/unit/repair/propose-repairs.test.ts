import { describe, expect, it } from 'vitest'
import type { DriftChange } from '../../../workers/core/aam/schema-snapshot.ts'
import { type CurrentEntry, currentEntries } from '../../../workers/core/repair/current-entries.ts'
import { signatureOf, withHistory } from '../../../workers/core/repair/history.ts'
import { proposeRepairs } from '../../../workers/core/repair/proposal.ts'
import { repairRegistryWrites } from '../../../workers/core/repair/registry-writes.ts'

const builtIn = {
  entity: 'contact' as const,
  mapping: { external_id: 'Id', email: 'Email', phone: 'Phone', last_name: 'LastName', created_at: 'CreatedDate' },
}
const entries: CurrentEntry[] = currentEntries(undefined, builtIn)

const renamed = (from: string, to: string, confidence = 0.82): DriftChange => ({
  kind: 'renamed',
  path: to,
  from,
  to,
  severity: 'breaking',
  confidence,
})

describe('repair proposals', () => {
  it('repoints a renamed mapped field and retires the old path, with the rename confidence', () => {
    const [p] = proposeRepairs([renamed('Phone', 'PhoneNumber')], entries, [])
    expect(p).toMatchObject({ change_index: 0, kind: 'remap', confidence: 0.82 })
    expect(p?.writes).toEqual([
      { source_path: 'PhoneNumber', entity: 'contact', field: 'phone', transform: 'none', status: 'accepted' },
      { source_path: 'Phone', entity: 'contact', field: 'phone', transform: 'none', status: 'deprecated' },
    ])
    expect(p?.evidence.join(' ')).toContain("connector's built-in mapping")
  })

  it('proposes nothing for changes to fields no mapping reads, nor for added fields', () => {
    const changes: DriftChange[] = [
      renamed('Fax', 'FaxNumber'),
      { kind: 'added', path: 'Tier__c', severity: 'non_breaking' },
      { kind: 'removed', path: 'Department', severity: 'breaking' },
    ]
    expect(proposeRepairs(changes, entries, [])).toEqual([])
  })

  it('moves fields nested under a renamed object', () => {
    const nested = currentEntries(
      { entity: 'account', mapping: { external_id: 'id', name: 'name', billing_country: 'address.country' } },
      undefined,
    )
    const [p] = proposeRepairs([renamed('address', 'billing_address')], nested, [])
    expect(p?.writes[0]).toMatchObject({
      source_path: 'billing_address.country',
      field: 'billing_country',
      status: 'accepted',
    })
  })

  it('retires a removed field surely, but not one the entity cannot be built without', () => {
    const [optional] = proposeRepairs([{ kind: 'removed', path: 'Phone', severity: 'breaking' }], entries, [])
    expect(optional).toMatchObject({ kind: 'deprecate', confidence: 0.9 })
    const [required] = proposeRepairs([{ kind: 'removed', path: 'Id', severity: 'breaking' }], entries, [])
    expect(required?.confidence).toBeLessThan(0.65)
    expect(required?.evidence.join(' ')).toContain('cannot be built without external_id')
  })

  it('keeps a widened field flowing, and asks about a narrowed one, proposing a transform where one fits', () => {
    const [cast] = proposeRepairs(
      [{ kind: 'type_changed', path: 'CreatedDate', from: 'timestamp', to: 'string', severity: 'non_breaking' }],
      entries,
      [],
    )
    expect(cast).toMatchObject({ kind: 'cast', writes: [] })
    expect(cast?.confidence).toBeGreaterThanOrEqual(0.65)
    const [epoch] = proposeRepairs(
      [{ kind: 'type_changed', path: 'CreatedDate', from: 'timestamp', to: 'integer', severity: 'breaking' }],
      entries,
      [],
    )
    expect(epoch).toMatchObject({ kind: 'transform' })
    expect(epoch?.confidence).toBeLessThan(0.65)
    expect(epoch?.writes).toEqual([
      expect.objectContaining({ field: 'created_at', transform: 'epoch_seconds_to_timestamp' }),
    ])
  })
})

describe("the tenant's history", () => {
  const sig = signatureOf('remap', renamed('Phone', 'PhoneNumber'))

  it('matches the same change whatever the stream, case or separators', () => {
    expect(signatureOf('remap', renamed('phone', 'phone-number'))).toBe(sig)
    expect(signatureOf('remap', renamed('Phone', 'Mobile'))).not.toBe(sig)
  })

  it('halves the confidence per rejection or revert, halves the doubt per approval, and says so', () => {
    expect(withHistory(0.8, sig, [{ signature: sig, decision: 'rejected', at: '2026-12-01T00:00:00Z' }])).toEqual({
      confidence: 0.4,
      evidence: ['The same repair was rejected on 2026-12-01.'],
    })
    expect(
      withHistory(0.8, sig, [{ signature: sig, decision: 'approved', at: '2026-12-01T00:00:00Z' }]).confidence,
    ).toBe(0.9)
    expect(
      withHistory(0.8, sig, [{ signature: 'other', decision: 'rejected', at: '2026-12-01T00:00:00Z' }]).confidence,
    ).toBe(0.8)
  })

  it('a rejected repair proposed again falls below the default threshold', () => {
    const [p] = proposeRepairs([renamed('Phone', 'PhoneNumber', 0.9)], entries, [
      { signature: sig, decision: 'rejected', at: '2026-12-01T00:00:00Z' },
    ])
    expect(p?.confidence).toBeLessThan(0.65)
  })
})

describe('registry writes of a repair', () => {
  it("copies a connector's built-in mapping in first, the repair's own changes on top", () => {
    const [p] = proposeRepairs([renamed('Phone', 'PhoneNumber')], entries, [])
    const writes = repairRegistryWrites(p?.writes ?? [], entries)
    expect(writes.filter((w) => w.seeded).map((w) => w.source_path)).toEqual(['Id', 'Email', 'LastName', 'CreatedDate'])
    expect(writes.filter((w) => !w.seeded).map((w) => `${w.source_path}:${w.status}`)).toEqual([
      'PhoneNumber:accepted',
      'Phone:deprecated',
    ])
  })

  it('copies nothing when the registry already drives the stream', () => {
    const registered = currentEntries(builtIn, undefined)
    const [p] = proposeRepairs([renamed('Phone', 'PhoneNumber')], registered, [])
    expect(repairRegistryWrites(p?.writes ?? [], registered).every((w) => !w.seeded)).toBe(true)
  })
})
