import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from '../../../workers/adapters/logger.ts'

const lines: string[] = []
const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line))
afterEach(() => {
  lines.length = 0
})

describe('logger', () => {
  it('writes no personal data: emails, phones, cards, IPs and names in any text become placeholders', () => {
    const log = createLogger({ request_id: 'r-1', tenant_id: '6f1c2a4e-0d1b-4c55-9e1f-2b3c4d5e6f70' })
    log('error', 'import failed for grace.hopper@example.com', {
      error: 'Failed query: insert into records values ($1) params: {"name":"Grace Hopper","phone":"+44 20 7946 0958"}',
      nested: { rows: ['card 4111 1111 1111 1111', 'from 203.0.113.7'] },
      job_id: 'job-42',
    })
    expect(spy).toHaveBeenCalledOnce()
    const line = lines[0] ?? ''
    for (const pii of ['grace.hopper@example.com', 'Grace Hopper', '7946 0958', '4111 1111 1111 1111', '203.0.113.7'])
      expect(line).not.toContain(pii)
    const parsed = JSON.parse(line) as Record<string, unknown>
    expect(parsed).toMatchObject({
      level: 'error',
      message: 'import failed for <EMAIL_1>',
      request_id: 'r-1',
      tenant_id: '6f1c2a4e-0d1b-4c55-9e1f-2b3c4d5e6f70',
      job_id: 'job-42',
    })
    expect(String(parsed.error)).toContain('<PERSON_1>')
  })

  it('drops values under secret-looking keys at any depth', () => {
    createLogger({})('info', 'request', { password: 'hunter2', headers: { authorization: 'Bearer abc' } })
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      password: '[redacted]',
      headers: { authorization: '[redacted]' },
    })
  })
})
