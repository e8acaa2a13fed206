import { Binary, Decimal128, Long, ObjectId } from 'bson'
import { describe, expect, it } from 'vitest'
import {
  afterFilter,
  documentEventId,
  jsonDocument,
  readOrder,
} from '../../../workers/core/aam/connectors/mongodb/documents.ts'

describe('MongoDB documents as JSON records', () => {
  it('turns BSON values into plain JSON, nested ones too', () => {
    const id = new ObjectId('65a1b2c3d4e5f60718293a4b')
    const doc = jsonDocument({
      _id: id,
      updatedAt: new Date('2026-01-01T10:00:00Z'),
      total: Decimal128.fromString('19.90'),
      views: Long.fromNumber(42),
      huge: Long.fromString('9223372036854775807'),
      avatar: new Binary(Buffer.from('hi')),
      customer: { address: { city: 'Berlin' }, tags: [new ObjectId('65a1b2c3d4e5f60718293a4c')] },
      missing: null,
    })
    expect(doc).toEqual({
      _id: '65a1b2c3d4e5f60718293a4b',
      updatedAt: '2026-01-01T10:00:00.000Z',
      total: '19.90',
      views: 42,
      huge: '9223372036854775807',
      avatar: 'aGk=',
      customer: { address: { city: 'Berlin' }, tags: ['65a1b2c3d4e5f60718293a4c'] },
      missing: null,
    })
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc)
  })
})

describe('reading a collection after a cursor', () => {
  const fields = [{ path: '_id' }, { path: 'updatedAt' }, { path: 'status' }]

  it('orders by the cursor field then _id when documents have it, else by _id', () => {
    expect(readOrder(fields, 'updatedAt')).toEqual(['updatedAt', '_id'])
    expect(readOrder(fields, 'modifiedAt')).toEqual(['_id'])
    expect(readOrder(fields, '_id')).toEqual(['_id'])
  })

  it('resumes strictly after the last document, ties on the cursor broken by _id', () => {
    const at = new Date('2026-01-01T10:00:00Z')
    expect(afterFilter(['updatedAt', '_id'], [at, 'x'])).toEqual({
      $or: [{ updatedAt: { $gt: at } }, { updatedAt: at, _id: { $gt: 'x' } }],
    })
    expect(afterFilter(['_id'], ['x'])).toEqual({ _id: { $gt: 'x' } })
  })

  it('gives each version of a document its own event id, and the same version the same id', () => {
    const v1 = { _id: 'a1', updatedAt: '2026-01-01T10:00:00.000Z' }
    const v2 = { ...v1, updatedAt: '2026-01-02T10:00:00.000Z' }
    const order = ['updatedAt', '_id']
    expect(documentEventId('s', v1, order)).toBe(documentEventId('s', { ...v1 }, order))
    expect(documentEventId('s', v1, order)).not.toBe(documentEventId('s', v2, order))
  })
})
