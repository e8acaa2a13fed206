import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { withTenant } from '../../../workers/adapters/db/client.ts'
import { findJob, insertJob, transitionJob } from '../../../workers/adapters/db/jobs-repo.ts'
import { createApp } from '../../../workers/api/index.ts'
import { buildServices } from '../../../workers/services/container.ts'
import { finishJobAttempts, startJobAttempts } from '../../../workers/services/jobs/job-attempts.ts'
import { withJobQuotaLock } from '../../../workers/services/jobs/job-quota.ts'
import { type Account, call, expectProblem, signup } from '../../support/api.ts'
import { gate, stillWaiting } from '../../support/gates.ts'
import { createJob, type JobBody, waitForJob } from '../../support/jobs.ts'

const cancel = async (token: string, id: string) => {
  expect([200, 202]).toContain((await call(`/v1/jobs/${id}/cancel`, { method: 'POST', token })).status)
  await waitForJob(token, id, ['cancelled'])
}
const sleeper = (token: string, sleep_ms = 60_000) => createJob(token, { kind: 'noop', payload: { sleep_ms } })
/** POSTs as `as` to an API whose JOB_TENANT_QUEUE_QUOTA is `quota`. */
const submitUnderQuota =
  (quota: number) =>
  (as: string, body: unknown, headers: Record<string, string> = {}, path = '/v1/jobs') =>
    createApp().request(
      path,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${as}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      },
      { ...env, JOB_TENANT_QUEUE_QUOTA: String(quota) },
      createExecutionContext(),
    )

describe('tenant fairness', () => {
  let noisy: Account
  let quiet: Account
  beforeAll(async () => {
    noisy = await signup('Noisy Co')
    quiet = await signup('Quiet Co')
  })

  it("syncs another tenant's file while a neighbour's minute-long noop sleep is still running", async () => {
    const sleeping = await sleeper(noisy.tokens.access_token)
    await waitForJob(noisy.tokens.access_token, sleeping.id, ['running'])

    const token = quiet.tokens.access_token
    const connection = await call('/v1/connections', { token, body: { kind: 'file', name: 'Orders' } })
    const { id } = (await connection.json()) as { id: string }
    const upload = await call(`/v1/connections/${id}/files?stream=orders`, {
      token,
      body: 'id,total\n1,10\n2,20\n',
      headers: { 'content-type': 'text/csv' },
    })
    expect(upload.status).toBe(202)
    const sync = await waitForJob(token, ((await upload.json()) as { job_id: string }).job_id, ['succeeded', 'dead'])
    expect(sync.status, sync.last_error ?? '').toBe('succeeded')

    const stillSleeping = (await (
      await call(`/v1/jobs/${sleeping.id}`, { token: noisy.tokens.access_token })
    ).json()) as JobBody
    expect(stillSleeping.status).toBe('running')
    await cancel(noisy.tokens.access_token, sleeping.id)
  })

  it('starts at most JOB_TENANT_CONCURRENCY (4) of a tenant’s jobs at once; the rest wait queued, spending no attempt', async () => {
    // The same limit as the queue consumers', so their redeliveries of the deferred jobs find no free slot either.
    const services = buildServices(env, {})
    try {
      const tenantId = noisy.tenantId
      const rows = await Promise.all(
        Array.from({ length: 6 }, () =>
          withTenant(services.db, tenantId, (tx) =>
            insertJob(tx, tenantId, {
              kind: 'noop',
              payload: {},
              maxAttempts: 3,
              idempotencyKey: null,
              createdBy: null,
            }),
          ),
        ),
      )
      // Six deliveries claim at once, one job each, as six queue messages would.
      const started = (await Promise.all(rows.map(({ row }) => startJobAttempts(services, tenantId, [row.id])))).flat()
      expect(started).toHaveLength(4)

      const token = noisy.tokens.access_token
      const waiting = rows.filter(({ row }) => !started.some((job) => job.id === row.id))
      // A waiting job says when it will be tried again at the latest.
      const fallbackAt = new Map<string, number>()
      for (const { row } of waiting) {
        const job = (await (await call(`/v1/jobs/${row.id}`, { token })).json()) as JobBody
        expect(job).toMatchObject({ status: 'queued', attempts: 0, last_error: null })
        expect(job.next_run_at).not.toBeNull()
        fallbackAt.set(row.id, Date.parse(job.next_run_at ?? ''))
      }
      // Another tenant's jobs are not held back by this tenant's full slots.
      const other = await createJob(quiet.tokens.access_token, { kind: 'noop', payload: {} })
      expect((await waitForJob(quiet.tokens.access_token, other.id, ['succeeded'])).attempts).toBe(1)

      // Once the four finish, the deferred ones run (each once): deferral was a wait, not a failure. The
      // freed slots wake them: they start before their fallback time (both times are the database's clock).
      await finishJobAttempts(
        services,
        tenantId,
        started.map((job) => ({ job, outcome: { status: 'succeeded', result: {} } })),
      )
      for (const { row } of waiting) {
        const job = await waitForJob(token, row.id, ['succeeded', 'dead'])
        expect(job).toMatchObject({ status: 'succeeded', attempts: 1 })
        expect(Date.parse(job.started_at ?? '')).toBeLessThan(fallbackAt.get(row.id) ?? 0)
      }
    } finally {
      await services.close()
    }
  })

  it('never runs more than JOB_TENANT_CONCURRENCY (4) of a tenant’s queued jobs at once, and runs them all', async () => {
    const token = noisy.tokens.access_token
    const jobs = await Promise.all(Array.from({ length: 6 }, () => sleeper(token, 1_500)))
    let mostRunning = 0
    const done = new Set<string>()
    while (done.size < jobs.length) {
      const list = (await (await call('/v1/jobs?kind=noop&limit=100', { token })).json()) as { data: JobBody[] }
      const mine = list.data.filter((job) => jobs.some((j) => j.id === job.id))
      mostRunning = Math.max(mostRunning, mine.filter((job) => job.status === 'running').length)
      for (const job of mine) if (['succeeded', 'dead'].includes(job.status)) done.add(job.id)
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(mostRunning).toBeLessThanOrEqual(4)
    for (const job of jobs) expect(await waitForJob(token, job.id, ['succeeded'])).toMatchObject({ attempts: 1 })
  }, 60_000)

  it('refuses a job over the tenant’s quota of unfinished jobs with 429 job-quota-exceeded and Retry-After', async () => {
    const owner = await signup('Quota Co')
    const token = owner.tokens.access_token
    const submit = submitUnderQuota(2)
    // A dead job, finished before the quota fills: replaying it later makes it unfinished again.
    const failing = (await (
      await submit(token, { kind: 'noop', payload: { fail_always: true }, max_attempts: 1 })
    ).json()) as JobBody
    await waitForJob(token, failing.id, ['dead'])
    const long = { kind: 'noop', payload: { sleep_ms: 60_000 } }
    const key = { 'idempotency-key': `quota-${crypto.randomUUID()}` }
    const first = await submit(token, long, key)
    expect(first.status).toBe(201)
    const firstJob = (await first.json()) as JobBody
    const second = await submit(token, long)
    expect(second.status).toBe(201)
    const secondJob = (await second.json()) as JobBody

    const refused = await submit(token, long)
    const problem = await expectProblem(refused, 429, 'job_quota_exceeded')
    expect(refused.headers.get('retry-after')).toBe('30')
    expect(problem.detail).toContain('2 unfinished jobs')
    expect(problem.detail).toContain('cancel')

    // Replaying a dead job would add an unfinished job too: refused the same way, and the job stays dead.
    await expectProblem(await submit(token, {}, {}, `/v1/jobs/${failing.id}/retry`), 429, 'job_quota_exceeded')
    expect(await (await call(`/v1/jobs/${failing.id}`, { token })).json()).toMatchObject({ status: 'dead' })

    // A repeat under an existing Idempotency-Key is not a new job: it gets its job back.
    const repeat = await submit(token, long, key)
    expect(repeat.status).toBe(200)
    expect(((await repeat.json()) as JobBody).id).toBe(firstJob.id)
    // The quota is this tenant's: another tenant still submits.
    expect((await submit(quiet.tokens.access_token, { kind: 'noop', payload: {} })).status).toBe(201)

    // A finished job frees its place.
    await cancel(token, firstJob.id)
    expect((await submit(token, { kind: 'noop', payload: {} })).status).toBe(201)
    await cancel(token, secondJob.id)
  })

  it('lets exactly the quota’s worth of simultaneous submissions in and refuses the rest with 429', async () => {
    const token = (await signup('Burst Co')).tokens.access_token
    const submit = submitUnderQuota(3)
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => submit(token, { kind: 'noop', payload: { sleep_ms: 60_000 } })),
    )
    const created = answers.filter((r) => r.status === 201)
    expect(created).toHaveLength(3)
    for (const refused of answers.filter((r) => r.status !== 201)) {
      await expectProblem(refused, 429, 'job_quota_exceeded')
    }
    const list = (await (await call('/v1/jobs?limit=100', { token })).json()) as { data: JobBody[] }
    expect(list.data).toHaveLength(3)
    for (const job of list.data) await cancel(token, job.id)
  })

  it('a job being cancelled is not started by a consumer that claims it meanwhile', async () => {
    const tenantId = (await signup('Race Co')).tenantId
    const consumer = buildServices(env, {})
    const api = buildServices(env, {})
    const job = { kind: 'noop', payload: {}, maxAttempts: 1, idempotencyKey: null, createdBy: null }
    try {
      // Not through the queue: this test is the consumer. The cancellation reads the job as queued (the
      // read cancelJob makes) and holds its transaction open until released.
      const { row } = await withTenant(api.db, tenantId, (tx) => insertJob(tx, tenantId, job))
      const held = gate()
      const read = gate()
      const cancelling = withTenant(api.db, tenantId, async (tx) => {
        expect((await findJob(tx, tenantId, row.id, { forUpdate: true }))?.status).toBe('queued')
        read.open()
        await held.opened
        return transitionJob(tx, tenantId, row.id, ['queued'], { status: 'cancelled', finishedAt: new Date() })
      })
      await read.opened
      const claiming = startJobAttempts(consumer, tenantId, [row.id])
      expect(await stillWaiting(claiming)).toBe(true)
      held.open()
      expect((await cancelling)?.status).toBe('cancelled')
      expect(await claiming).toEqual([])
    } finally {
      await consumer.close()
      await api.close()
    }
  })

  it('makes a submission wait for one in flight before counting, so the two cannot both take the last place', async () => {
    const tenantId = (await signup('Last Place Co')).tenantId
    const first = buildServices(env, {})
    const second = buildServices(env, {})
    const job = { kind: 'noop', payload: {}, maxAttempts: 1, idempotencyKey: null, createdBy: null }
    try {
      const held = gate()
      const inserted = gate()
      // The first takes the only place and stays uncommitted until released.
      const taking = withJobQuotaLock(first.db, tenantId, async (tx) => {
        const row = await insertJob(tx, tenantId, job, 1)
        inserted.open()
        await held.opened
        return row
      })
      await inserted.opened
      const competing = withJobQuotaLock(second.db, tenantId, (tx) => insertJob(tx, tenantId, job, 1))
      expect(await stillWaiting(competing)).toBe(true)
      held.open()
      expect(await taking).not.toBeNull()
      expect(await competing).toBeNull()
    } finally {
      await first.close()
      await second.close()
    }
  })
})
