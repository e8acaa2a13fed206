import { describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '../../../workers/core/aam/canonical/event.ts'
import { CanonicalFeedMessage, chunkEvents, entityVersions } from '../../../workers/core/dcl/canonical-feed.ts'

const tenantId = '7f0c2a9e-3b1d-4c5e-8f6a-9b0c1d2e3f4a'
const streamId = '0190a1b2-c3d4-8e5f-9a0b-1c2d3e4f5a6b'

const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length

describe('chunkEvents', () => {
  const events = Array.from({ length: 40 }, (_, i) => ({ n: i, body: 'x'.repeat((i * 37) % 300) }))

  it('keeps every event once, in order', () => {
    const chunks = chunkEvents(events, 1_000)
    expect(chunks.length).toBeGreaterThan(1)
    expect(chunks.flat()).toEqual(events)
  })

  it('keeps every chunk under the byte limit, and fills each one before starting the next', () => {
    const maxBytes = 1_000
    const chunks = chunkEvents(events, maxBytes)
    for (const [i, chunk] of chunks.entries()) {
      expect(bytesOf(chunk)).toBeLessThanOrEqual(maxBytes)
      const next = chunks[i + 1]?.[0]
      if (next !== undefined) expect(bytesOf([...chunk, next])).toBeGreaterThan(maxBytes)
    }
  })

  it('cuts at the limit exactly as the sizes add up', () => {
    // Each event is 10 bytes of JSON, 11 with its separator: four fit in 45 bytes, a fifth does not.
    const small = Array.from({ length: 9 }, (_, i) => ({ i: `${i}a` }))
    expect(JSON.stringify(small[0])).toHaveLength(10)
    expect(chunkEvents(small, 45).map((c) => c.length)).toEqual([4, 4, 1])
  })

  it('counts UTF-8 bytes, so text in any script stays within the queue limit', () => {
    const events = Array.from({ length: 200 }, () => ({ name: '株式会社'.repeat(250) }))
    const chunks = chunkEvents(events, 100_000)
    for (const chunk of chunks)
      expect(new TextEncoder().encode(JSON.stringify(chunk)).length).toBeLessThanOrEqual(100_000)
    expect(chunks.flat()).toHaveLength(200)
  })

  it('sends an event larger than the limit alone rather than dropping it', () => {
    const big = { body: 'y'.repeat(5_000) }
    const chunks = chunkEvents([{ a: 1 }, big, { b: 2 }], 1_000)
    expect(chunks).toEqual([[{ a: 1 }], [big], [{ b: 2 }]])
  })

  it('makes no messages from no events', () => {
    expect(chunkEvents([])).toEqual([])
  })

  it('puts 500 small events in one queue message by default', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ id: `e${i}`, data: { name: `Account ${i}` } }))
    const chunks = chunkEvents(many)
    expect(chunks).toHaveLength(1)
    expect(
      CanonicalFeedMessage.safeParse({ tenant_id: tenantId, stream_id: streamId, events: chunks[0] }).success,
    ).toBe(true)
  })

  it('is refused as a message when it has no events', () => {
    expect(CanonicalFeedMessage.safeParse({ tenant_id: tenantId, stream_id: streamId, events: [] }).success).toBe(false)
  })
})

const event = (over: {
  type?: string
  source?: string
  subject: string
  id: string
  time: string
  name?: string
}): CanonicalEvent => {
  const type = over.type ?? 'aos.canonical.account.v1'
  const entity = type.split('.')[2] ?? 'account'
  return {
    specversion: '1.0',
    id: over.id,
    source: over.source ?? '/connections/c1/Account',
    type,
    subject: over.subject,
    time: over.time,
    tenantid: tenantId,
    datacontenttype: 'application/json',
    dataschema: `aos://canonical/${entity}/v1`,
    data: { external_id: over.subject, name: over.name ?? over.id },
  } as CanonicalEvent
}

describe('entityVersions', () => {
  const older = event({ subject: '001', id: 'e1', time: '2026-03-01T10:00:00.000Z', name: 'Acme' })
  const newer = event({ subject: '001', id: 'e2', time: '2026-03-01T11:00:00.000Z', name: 'Acme Corp' })

  it('keeps the newest version of an entity by event time, whatever the order', () => {
    for (const batch of [
      [older, newer],
      [newer, older],
    ]) {
      const versions = entityVersions(batch)
      expect(versions).toEqual([
        {
          entity: 'account',
          source: '/connections/c1/Account',
          external_id: '001',
          event_id: 'e2',
          event_time: '2026-03-01T11:00:00.000Z',
          data: { external_id: '001', name: 'Acme Corp' },
        },
      ])
    }
  })

  it('compares times as instants, with or without milliseconds', () => {
    const whole = event({ subject: '001', id: 'e1', time: '2026-03-01T10:00:00Z', name: 'Older' })
    const later = event({ subject: '001', id: 'e0', time: '2026-03-01T10:00:00.500Z', name: 'Newer' })
    expect(entityVersions([whole, later]).map((v) => v.data.name)).toEqual(['Newer'])
    expect(entityVersions([later, whole]).map((v) => v.data.name)).toEqual(['Newer'])
  })

  it('breaks a tie in time by the larger event id, whatever the order', () => {
    const time = '2026-03-01T10:00:00.000Z'
    const a = event({ subject: '001', id: 'stream:001:a', time, name: 'A' })
    const b = event({ subject: '001', id: 'stream:001:b', time, name: 'B' })
    expect(entityVersions([a, b]).map((v) => v.event_id)).toEqual(['stream:001:b'])
    expect(entityVersions([b, a]).map((v) => v.event_id)).toEqual(['stream:001:b'])
  })

  it('keeps entities of different sources, external ids and types apart', () => {
    const time = '2026-03-01T10:00:00.000Z'
    const versions = entityVersions([
      event({ subject: '001', id: 'a1', time }),
      event({ subject: '001', id: 'a2', time, source: '/connections/c2/Account' }),
      event({ subject: '002', id: 'a3', time }),
      event({ subject: '001', id: 'c1', time, type: 'aos.canonical.contact.v1', source: '/connections/c1/Account' }),
      event({ subject: '001', id: 'r1', time, type: 'aos.canonical.record.v1' }),
    ])
    expect(versions.map((v) => [v.entity, v.source, v.external_id, v.event_id])).toEqual([
      ['account', '/connections/c1/Account', '001', 'a1'],
      ['account', '/connections/c2/Account', '001', 'a2'],
      ['account', '/connections/c1/Account', '002', 'a3'],
      ['contact', '/connections/c1/Account', '001', 'c1'],
      ['record', '/connections/c1/Account', '001', 'r1'],
    ])
  })

  it('names the entity from the event type', () => {
    const types = ['account', 'contact', 'opportunity', 'record'].map((e) => `aos.canonical.${e}.v1`)
    const versions = entityVersions(
      types.map((type, i) => event({ type, subject: `s${i}`, id: `e${i}`, time: '2026-03-01T10:00:00.000Z' })),
    )
    expect(versions.map((v) => v.entity)).toEqual(['account', 'contact', 'opportunity', 'record'])
  })

  it('gives nothing for no events', () => {
    expect(entityVersions([])).toEqual([])
  })
})
