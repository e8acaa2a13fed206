import { describe, expect, it } from 'vitest'
import { connectionOfSource, streamSource } from '../../../workers/core/aam/file-record.ts'

describe("a canonical event's source", () => {
  it('names the connection of a stream source, whatever the case of its id', () => {
    const id = '3f2c9a1e-7b4d-4c8e-9a0f-1d2e3f4a5b6c'
    expect(connectionOfSource(streamSource(id, 'companies'))).toBe(id)
    expect(connectionOfSource(streamSource(id.toUpperCase(), 'public.orders'))).toBe(id)
  })

  it('names none for other sources, so their events are never taken for a deleted connection’s', () => {
    expect(connectionOfSource('aos://sources/crm/Account')).toBeNull()
    expect(connectionOfSource('/connections/not-a-uuid/companies')).toBeNull()
    expect(connectionOfSource('/connections/3f2c9a1e-7b4d-4c8e-9a0f-1d2e3f4a5b6c')).toBeNull()
  })
})
