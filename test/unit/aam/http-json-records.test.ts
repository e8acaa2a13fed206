import { describe, expect, it } from 'vitest'
import { recordEventId, recordsAt } from '../../../workers/core/aam/connectors/http_json/records.ts'

describe('recordsAt', () => {
  it('finds the array of records at the top level or at a dotted path', () => {
    expect(recordsAt([{ id: 1 }], undefined)).toEqual([{ id: 1 }])
    expect(recordsAt({ data: { items: [{ id: 2 }] } }, 'data.items')).toEqual([{ id: 2 }])
  })

  it('says why there are no records', () => {
    expect(recordsAt({ data: {} }, 'data.items')).toEqual({ error: 'the answer holds no array at data.items' })
    expect(recordsAt({ data: 3 }, 'data.items')).toEqual({ error: 'the answer has no data.items' })
    expect(recordsAt([1, 2], undefined)).toEqual({
      error: 'the array at the top level holds something other than objects',
    })
  })
})

describe('recordEventId', () => {
  it('is the same for the same content, whatever the key order, and new when the content changes', () => {
    const a = recordEventId('s', { id: 7, name: 'Ada', tags: ['x'] }, 'id')
    expect(recordEventId('s', { tags: ['x'], name: 'Ada', id: 7 }, 'id')).toBe(a)
    expect(recordEventId('s', { id: 7, name: 'Ada L.', tags: ['x'] }, 'id')).not.toBe(a)
    expect(a.startsWith('s:7:')).toBe(true)
  })
})
