import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { runScheduledSyncs } from '../../../workers/scheduled/sync-schedules.ts'
import { type Account, call, expectProblem, signup } from '../../support/api.ts'

type Connection = { id: string; schedule: string | null; next_sync_at: string | null }

async function create(token: string, schedule?: string | null) {
  const res = await call('/v1/connections', {
    token,
    body: { kind: 'file', name: 'Scheduled', ...(schedule !== undefined ? { schedule } : {}) },
  })
  expect(res.status).toBe(201)
  return (await res.json()) as Connection
}

const syncJobsOf = async (token: string, connectionId: string) => {
  const res = await call('/v1/jobs?kind=aam.sync', { token })
  const body = (await res.json()) as { data: { payload: { connection_id: string }; created_by: string | null }[] }
  return body.data.filter((j) => j.payload.connection_id === connectionId)
}

describe('scheduled syncs', () => {
  let owner: Account
  let token: string
  beforeAll(async () => {
    owner = await signup('Schedules Co')
    token = owner.tokens.access_token
  })

  it('computes the next run from a UTC cron and clears it when the schedule is removed', async () => {
    const connection = await create(token, '*/5 * * * *')
    expect(connection.schedule).toBe('*/5 * * * *')
    const next = new Date(connection.next_sync_at as string)
    expect(next.getTime()).toBeGreaterThan(Date.now())
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(5 * 60_000)
    expect(next.getUTCMinutes() % 5).toBe(0)

    const res = await call(`/v1/connections/${connection.id}`, { method: 'PATCH', token, body: { schedule: null } })
    expect(await res.json()).toMatchObject({ schedule: null, next_sync_at: null })
  })

  it('rejects a malformed schedule with the reason, on create and on update', async () => {
    const bad = await call('/v1/connections', { token, body: { kind: 'file', name: 'Bad', schedule: '61 * * * *' } })
    const problem = await expectProblem(bad, 400, 'validation_failed')
    expect(problem.errors).toContainEqual(expect.objectContaining({ path: 'schedule' }))
    expect(problem.errors?.[0]?.message).toContain('minute must be within 0-59')
    const connection = await create(token)
    const patch = await call(`/v1/connections/${connection.id}`, {
      method: 'PATCH',
      token,
      body: { schedule: 'hourly' },
    })
    expect((await expectProblem(patch, 400, 'validation_failed')).errors?.[0]?.message).toContain('5 fields')
  })

  it('the Cron Trigger queues a due connection once, then moves its next run on', async () => {
    const due = await create(token, '* * * * *')
    const later = await create(token, '0 0 1 1 *')
    const other = await signup('Other Schedules Co')
    const foreign = await create(other.tokens.access_token, '* * * * *')
    const tick = new Date(due.next_sync_at as string).getTime() + 1_000

    const first = await runScheduledSyncs(env, tick)
    expect(first.queued).toBeGreaterThanOrEqual(2)
    expect(await syncJobsOf(token, due.id)).toHaveLength(1)
    expect(await syncJobsOf(token, later.id)).toHaveLength(0)
    // Each tenant's due connection becomes a job in that tenant, and only there.
    expect(await syncJobsOf(other.tokens.access_token, foreign.id)).toHaveLength(1)
    expect(await syncJobsOf(token, foreign.id)).toHaveLength(0)

    const after = (await (await call(`/v1/connections/${due.id}`, { token })).json()) as Connection
    expect(new Date(after.next_sync_at as string).getTime()).toBeGreaterThan(tick)

    // The same minute again (a retried trigger) queues nothing more.
    await runScheduledSyncs(env, tick)
    expect(await syncJobsOf(token, due.id)).toHaveLength(1)
  })
})
