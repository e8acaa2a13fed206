import { describe, expect, it } from 'vitest'
import { clientIp } from '../../../workers/api/client-ip.ts'

const headers = (values: Record<string, string>) => (name: string) => values[name]

describe('clientIp (the per-IP login window)', () => {
  const forged = headers({ 'cf-connecting-ip': '203.0.113.7', 'x-forwarded-for': '198.51.100.1, 10.0.0.1' })

  it('uses CF-Connecting-IP only when the Worker sits behind Cloudflare', () => {
    expect(clientIp(forged, true)).toBe('203.0.113.7')
    expect(clientIp(forged, false)).toBe('unknown')
  })

  it('never reads X-Forwarded-For', () => {
    const onlyForwarded = headers({ 'x-forwarded-for': '198.51.100.1' })
    expect(clientIp(onlyForwarded, true)).toBe('unknown')
    expect(clientIp(onlyForwarded, false)).toBe('unknown')
  })
})
