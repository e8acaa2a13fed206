import { describe, expect, it } from 'vitest'
import { PublicError } from '../../../workers/core/http/public-error.ts'
import { failureDetail, failureSummary } from '../../../workers/core/jobs/failure.ts'

// Shaped like what drizzle throws for a failed statement: the SQL and its parameters in the message.
const queryError = () =>
  new Error(
    'Failed query: insert into records (tenant_id, data) values ($1, $2)\nparams: 7f1c…,{"email":"ada@example.com"}',
    {
      cause: new Error('unsupported Unicode escape sequence'),
    },
  )

describe('failed job attempts', () => {
  it('show a client a PublicError in its own words', () => {
    const error = new PublicError('No Slack webhook is configured: set one with PUT /v1/settings/slack.')
    expect(failureSummary(error, 'job-1')).toBe(error.message)
  })

  it('show a client anything else only as a reference, never SQL, parameters or driver text', () => {
    for (const error of [queryError(), new TypeError("Cannot read properties of undefined (reading 'id')"), 'boom']) {
      const summary = failureSummary(error, 'job-1')
      expect(summary).toContain('reference job-1')
      expect(summary).not.toMatch(/insert|params|ada@|Unicode|undefined|boom/)
    }
  })

  it('keep the full error and its causes for operators, with credentials in URLs masked', () => {
    const detail = failureDetail(
      new Error('sync failed', { cause: new Error('connect to postgres://reader:s3cret@db.example.com/crm refused') }),
    )
    expect(detail).toBe('Error: sync failed\ncaused by Error: connect to postgres://***@db.example.com/crm refused')
    expect(failureDetail(queryError())).toContain('params: 7f1c…')
    expect(failureDetail(queryError())).toContain('caused by Error: unsupported Unicode escape sequence')
    expect(failureDetail(new Error('x'.repeat(20_000))).length).toBe(8000)
  })
})
