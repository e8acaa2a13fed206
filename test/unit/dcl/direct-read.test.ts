// The pure side of the DCL's direct reads: which streams they feed, and rows as the same canonical
// events the AAM path sends.
import { describe, expect, it } from 'vitest'
import { fileRowEventId } from '../../../workers/core/aam/file-record.ts'
import { recordConverter, streamMapping } from '../../../workers/core/aam/source-record.ts'
import {
  addTally,
  directEvents,
  directReadSkip,
  emptyTally,
  syncReadAnything,
} from '../../../workers/core/dcl/direct-read.ts'

const TENANT = '6f1b4f8e-3c1d-4a53-9f0e-0d5b8a3b2c11'
const CONNECTION = '0b0e8c52-8f1e-4c7e-9a55-2f6f3f9d1a10'
const FILE = '1d5e2a9c-7b3f-4e0a-8c6d-5f4b3a2c1e00'
const TIME = '2026-01-02T03:04:05.000Z'

const convert = (entity = true) =>
  recordConverter({
    tenantId: TENANT,
    connectionId: CONNECTION,
    streamName: 'companies',
    ...streamMapping(
      { kind: 'file', config: { primary_key: 'id' } },
      'companies',
      [],
      entity ? { entity: 'account', mapping: { external_id: 'id', name: 'name' } } : undefined,
    ),
  })

describe('direct reads', () => {
  it('feed neither a paused stream nor one held for drift review', () => {
    expect(directReadSkip({ pausedAt: null, heldDriftId: null })).toBeNull()
    expect(directReadSkip({ pausedAt: new Date(), heldDriftId: null })).toBe('paused')
    expect(directReadSkip({ pausedAt: null, heldDriftId: 'd1' })).toBe('held for drift review')
  })

  it('follow a sync only when it read rows or released held ones', () => {
    expect(syncReadAnything({ rows: 3, stored: 3 })).toBe(true)
    expect(syncReadAnything({ rows: 0, released: { rows: 2 } })).toBe(true)
    expect(syncReadAnything({ rows: 0, files: 0 })).toBe(false)
    expect(syncReadAnything({ not_synced: 'connection is a draft without credentials' })).toBe(false)
  })

  it('turn rows into the events a sync sends, same ids, counting the rows that cannot be one', () => {
    const rows = [
      { eventId: fileRowEventId(FILE, 2), record: { id: 'A1', name: 'Acme' }, time: TIME },
      { eventId: fileRowEventId(FILE, 3), record: { id: 'A2' }, time: TIME }, // no name: not an account
      { eventId: fileRowEventId(FILE, 4), record: { id: 'A3', name: 'Bad\u0000Name' }, time: TIME }, // unstorable
    ]
    const { events, notConvertible } = directEvents(convert(), rows)
    expect(notConvertible).toBe(2)
    const sync = convert()(rows[0]?.eventId as string, { id: 'A1', name: 'Acme' }, TIME)
    expect(sync.ok && events).toEqual([sync.ok && sync.event])
    expect(events[0]).toMatchObject({
      id: `${FILE}:2`,
      type: 'aos.canonical.account.v1',
      subject: 'A1',
      source: `/connections/${CONNECTION}/companies`,
      data: { external_id: 'A1', name: 'Acme' },
    })
  })

  it('send generic records for a stream without an entity', () => {
    const { events, notConvertible } = directEvents(convert(false), [
      { eventId: 'e1', record: { id: '7', plan: 'pro' }, time: TIME },
    ])
    expect(notConvertible).toBe(0)
    expect(events.map((e) => e.type)).toEqual(['aos.canonical.record.v1'])
  })

  it('add up what each connection did', () => {
    const total = emptyTally()
    addTally(total, { connections: 1, streams: 2, events_applied: 5, not_convertible: 1, skipped: ['a: paused'] })
    addTally(total, { connections: 1, streams: 1, events_applied: 3, not_convertible: 0, skipped: [] })
    expect(total).toEqual({ connections: 2, streams: 3, events_applied: 8, not_convertible: 1, skipped: ['a: paused'] })
  })
})
