import { describe, expect, it } from 'vitest'
import { evolveSchema } from '../../../workers/core/aam/evolve-schema.ts'
import { fingerprintSchema } from '../../../workers/core/aam/fingerprint.ts'
import type { SnapshotField } from '../../../workers/core/aam/schema-snapshot.ts'

const field = (path: string, type: SnapshotField['type'] = 'string'): SnapshotField => ({ path, type, nullable: true })
const before = [field('id', 'integer'), field('email')]
const after = [field('id', 'integer'), field('email'), field('phone')]

describe('evolveSchema', () => {
  it('adopts a first schema and stores its records', async () => {
    const result = await evolveSchema({ schema: null, fingerprint: null }, before, 'freeze')
    expect(result.fingerprint).toBe((await fingerprintSchema(before)).fingerprint)
    expect(result).toMatchObject({ changes: [], pausedReason: null, quarantineReason: null })
    expect(result.decision).toEqual({ action: 'recorded', adoptSchema: true, records: 'store' })
  })

  it('classifies drift and applies the policy in one call', async () => {
    const current = { schema: before, fingerprint: (await fingerprintSchema(before)).fingerprint }
    const propagated = await evolveSchema(current, after, 'propagate')
    expect(propagated.changes).toContainEqual(expect.objectContaining({ kind: 'added', path: 'phone' }))
    expect(propagated.decision).toMatchObject({ action: 'propagated', adoptSchema: true, records: 'store' })

    const frozen = await evolveSchema(current, after, 'freeze')
    expect(frozen.decision.adoptSchema).toBe(false)
    expect(frozen.quarantineReason).toBe('schema frozen by policy, drift: added phone')

    const paused = await evolveSchema(current, after, 'pause')
    expect(paused.pausedReason).toBe('drift under pause policy: added phone')
    expect(paused.decision).toMatchObject({ adoptSchema: true, records: 'wait' })
  })

  it('holds breaking drift under propagate without adopting the schema; propagate_all adopts it', async () => {
    const current = { schema: before, fingerprint: (await fingerprintSchema(before)).fingerprint }
    const removed = [field('id', 'integer')]
    const held = await evolveSchema(current, removed, 'propagate')
    expect(held.breaking).toBe(true)
    expect(held.decision).toEqual({ action: 'held_for_review', adoptSchema: false, records: 'hold' })
    expect(held).toMatchObject({ pausedReason: null, quarantineReason: null })
    const all = await evolveSchema(current, removed, 'propagate_all')
    expect(all.decision).toEqual({ action: 'propagated', adoptSchema: true, records: 'store' })
  })

  it('sees no drift when only the samples changed', async () => {
    const current = { schema: before, fingerprint: (await fingerprintSchema(before)).fingerprint }
    const sampled = before.map((f) => ({ ...f, samples: ['x'] }))
    expect((await evolveSchema(current, sampled, 'pause')).changes).toEqual([])
  })
})
