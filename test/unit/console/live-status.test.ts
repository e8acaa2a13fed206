import { describe, expect, it } from 'vitest'
import { fromStandIn, stateLabel, widgetState } from '../../../app/lib/live-status.ts'

describe('live dots in the console', () => {
  it('shows API data as live only while the event stream is open', () => {
    expect(widgetState('api', 'open')).toBe('live')
    expect(widgetState('api', 'reconnecting')).toBe('stale')
    expect(widgetState('api', 'connecting')).toBe('stale')
    expect(stateLabel('stale', 'reconnecting')).toContain('reconnecting')
  })

  it('never shows demo or mock data as live', () => {
    expect(widgetState('demo', 'open')).toBe('demo')
    expect(widgetState('mock', 'open')).toBe('mock')
  })

  it('takes an http URL on loopback for a vendor stand-in, and a database URL or a real vendor for neither', () => {
    expect(fromStandIn({ login_url: 'http://127.0.0.1:4010/salesforce', client_id: 'x' })).toBe(true)
    expect(fromStandIn({ base_url: 'http://localhost:8080' })).toBe(true)
    expect(fromStandIn({ login_url: 'https://login.salesforce.com' })).toBe(false)
    expect(fromStandIn({ url: 'postgres://crm@127.0.0.1:5432/crm' })).toBe(false)
    expect(fromStandIn({ format: 'csv', primary_key: 'id' })).toBe(false)
  })
})
