import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { sql } from 'drizzle-orm'
import { MongoClient } from 'mongodb'
import postgres from 'postgres'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { openDatabase } from '../../../workers/adapters/db/client.ts'
import type { CloudEvent } from '../../../workers/core/events/cloud-event.ts'
import worker from '../../../workers/index.ts'
import { type Account, call, expectProblem, signup } from '../../support/api.ts'
import { createJob, getJob, waitForJob } from '../../support/jobs.ts'
import { whileRecordsRefuse } from '../../support/refuse-records.ts'

describe('jobs on Cloudflare Queues', () => {
  let owner: Account
  let token: string
  beforeAll(async () => {
    owner = await signup('Jobs Co')
    token = owner.tokens.access_token
  })

  it('runs a noop job end to end: queued → succeeded, with its result', async () => {
    const job = await createJob(token, { kind: 'noop', payload: { message: 'hello' } })
    expect(job.status).toBe('queued')
    const done = await waitForJob(token, job.id, ['succeeded'])
    expect(done).toMatchObject({ attempts: 1, result: { slept_ms: 0, message: 'hello' }, last_error: null })
    expect(done.finished_at).not.toBeNull()
  })

  it('returns the same job for a repeated Idempotency-Key, and refuses the key for a different job', async () => {
    const headers = { 'idempotency-key': `key-${crypto.randomUUID()}` }
    const first = await createJob(token, { kind: 'noop', payload: { message: 'once' } }, headers)
    const again = await call('/v1/jobs', { token, headers, body: { kind: 'noop', payload: { message: 'once' } } })
    expect(again.status).toBe(200)
    expect(((await again.json()) as { id: string }).id).toBe(first.id)
    const different = await call('/v1/jobs', { token, headers, body: { kind: 'noop', payload: { message: 'twice' } } })
    await expectProblem(different, 409, 'conflict')
  })

  it('validates the payload against the kind and rejects unknown kinds', async () => {
    const bad = await call('/v1/jobs', { token, body: { kind: 'noop', payload: { sleep_ms: -5 } } })
    const problem = await expectProblem(bad, 400, 'validation_failed')
    expect(problem.errors?.map((e) => e.path)).toEqual(['payload.sleep_ms'])
    await expectProblem(await call('/v1/jobs', { token, body: { kind: 'rm -rf' } }), 400, 'validation_failed')
  })

  it('retries a handler that throws twice and then succeeds: ends succeeded after 3 attempts', async () => {
    const job = await createJob(token, { kind: 'noop', payload: { fail_times: 2 }, max_attempts: 3 })
    const done = await waitForJob(token, job.id, ['succeeded', 'dead'])
    expect(done).toMatchObject({ status: 'succeeded', attempts: 3, last_error: null })
  })

  it('dead-letters a handler that always throws; it is listed under status=dead with its error', async () => {
    const job = await createJob(token, { kind: 'noop', payload: { fail_always: true }, max_attempts: 2 })
    const dead = await waitForJob(token, job.id, ['dead'])
    expect(dead.attempts).toBe(2)
    expect(dead.last_error).toContain('fail_always')
    const list = (await (await call('/v1/jobs?status=dead', { token })).json()) as { data: { id: string }[] }
    expect(list.data.map((j) => j.id)).toContain(job.id)
    const succeeded = (await (await call('/v1/jobs?status=succeeded', { token })).json()) as { data: { id: string }[] }
    expect(succeeded.data.map((j) => j.id)).not.toContain(job.id)
  })

  it('gives one effect when the same message is delivered twice', async () => {
    const job = await createJob(token, { kind: 'noop', payload: {} })
    const done = await waitForJob(token, job.id, ['succeeded'])
    const message = { tenant_id: owner.tenantId, job_id: job.id }
    const batch = createMessageBatch('sync-jobs', [
      { id: 'dup-1', timestamp: new Date(), attempts: 1, body: message },
      { id: 'dup-2', timestamp: new Date(), attempts: 1, body: message },
    ])
    const ctx = createExecutionContext()
    await worker.queue(batch, env, ctx)
    const result = await getQueueResult(batch, ctx)
    expect(result.explicitAcks.sort()).toEqual(['dup-1', 'dup-2'])
    expect(result.retryMessages).toEqual([])
    const after = await getJob(token, job.id)
    expect(after).toEqual(done)
    const hub = env.TENANT_HUB.get(env.TENANT_HUB.idFromName(owner.tenantId))
    const events = ((await hub.eventsAfter(0)) as unknown as CloudEvent[]).filter((e) => e.data.job_id === job.id)
    expect(events.filter((e) => e.type === 'aos.job.succeeded')).toHaveLength(1)
  })

  it('honours cancel of a running job, and refuses to cancel a finished one', async () => {
    const job = await createJob(token, { kind: 'noop', payload: { sleep_ms: 20_000 } })
    await waitForJob(token, job.id, ['running'])
    const res = await call(`/v1/jobs/${job.id}/cancel`, { method: 'POST', token })
    expect(res.status).toBe(202)
    const cancelled = await waitForJob(token, job.id, ['cancelled'])
    expect(cancelled.result).toBeNull()
    await expectProblem(await call(`/v1/jobs/${job.id}/cancel`, { method: 'POST', token }), 409, 'conflict')
  })

  it('replays a dead job once its cause is fixed', async () => {
    const job = await createJob(token, { kind: 'notify.slack', payload: { text: 'hi' }, max_attempts: 1 })
    const dead = await waitForJob(token, job.id, ['dead'])
    expect(dead.last_error).toContain('No Slack webhook is configured')
    await expectProblem(await call(`/v1/jobs/${job.id}/retry`, { method: 'POST', token: '' }), 401, 'unauthorized')

    const put = await call('/v1/settings/slack', {
      method: 'PUT',
      token,
      body: { webhook_url: `${inject('harnessUrl')}/slack/services/replay-${job.id}` },
    })
    expect(put.status).toBe(200)
    const replay = await call(`/v1/jobs/${job.id}/retry`, { method: 'POST', token })
    expect(replay.status).toBe(202)
    const done = await waitForJob(token, job.id, ['succeeded', 'dead'])
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1, last_error: null })
    await expectProblem(await call(`/v1/jobs/${job.id}/retry`, { method: 'POST', token }), 409, 'conflict')
  })

  it('pages through jobs with a cursor, newest first, without repeats', async () => {
    const fresh = await signup('Pager Co')
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await createJob(fresh.tokens.access_token, { kind: 'noop', payload: {} })).id)
    const pageThrough = async () => {
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const page = (await (
          await call(`/v1/jobs?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
            token: fresh.tokens.access_token,
          })
        ).json()) as { data: { id: string }[]; next_cursor: string | null }
        seen.push(...page.data.map((j) => j.id))
        cursor = page.next_cursor
      } while (cursor)
      return seen
    }
    expect(await pageThrough()).toEqual([...ids].reverse())
    // Jobs created within one millisecond (a cursor keeps milliseconds, Postgres microseconds): none skipped.
    const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
    await db.execute(sql`update jobs
      set created_at = '2026-12-01T10:00:00.123Z'::timestamptz + array_position(${sql.param(ids)}::uuid[], id) * interval '1 microsecond'
      where id = any(${sql.param(ids)}::uuid[])`)
    await close()
    const sameMillisecond = await pageThrough()
    expect(sameMillisecond).toHaveLength(5)
    expect(new Set(sameMillisecond)).toEqual(new Set(ids))
    await expectProblem(await call('/v1/jobs?cursor=garbage', { token: fresh.tokens.access_token }), 400, 'bad_request')
  })

  it('shows a failure of our own database as a reference, keeping its SQL and parameters for operators', async () => {
    // Postgres failing the write in a way nothing checks beforehand (an internal error) gives an error
    // that quotes the statement and its parameters: the document's values.
    const database = `jobs_${crypto.randomUUID().slice(0, 8)}`
    const marker = `crash-${database}`
    const mongo = new MongoClient(inject('mongoUrl'), { maxPoolSize: 1 })
    await mongo
      .db(database)
      .collection('notes')
      .insertOne({ body: `merger plan for Q3 ${marker}` })
    await mongo.close()
    const created = await call('/v1/connections', {
      token,
      body: { kind: 'mongodb', name: 'Notes', url: inject('mongoUrl'), config: { database } },
    })
    const { id } = (await created.json()) as { id: string }
    const { jobId, dead } = await whileRecordsRefuse(marker, 'XX000', async () => {
      const sync = await call(`/v1/connections/${id}/sync`, { method: 'POST', token })
      const jobId = ((await sync.json()) as { id: string }).id
      return { jobId, dead: await waitForJob(token, jobId, ['dead'], 40_000) }
    })

    const leaks = /merger plan|crash-|failed query|insert|update|params|jsonb|\$\d/i
    expect(dead.last_error).toBe(
      `The job failed on our side (reference ${jobId}). Failed attempts are retried; if it keeps failing, contact support with this reference.`,
    )
    const hub = env.TENANT_HUB.get(env.TENANT_HUB.idFromName(owner.tenantId))
    const events = ((await hub.eventsAfter(0)) as unknown as CloudEvent[]).filter((e) => e.data.job_id === jobId)
    expect(events.filter((e) => e.type === 'aos.job.failed').length).toBeGreaterThan(0)
    for (const event of events) {
      expect(JSON.stringify(event)).not.toMatch(leaks)
      expect(event.data).not.toHaveProperty('last_error_detail')
    }
    const body = await (await call(`/v1/jobs/${jobId}`, { token })).text()
    expect(body).not.toMatch(leaks)
    expect(body).not.toContain('last_error_detail')

    const admin = postgres(env.DATABASE_URL as string, { max: 1, prepare: false })
    const [row] = await admin<{ detail: string }[]>`select last_error_detail as detail from jobs where id = ${jobId}`
    expect(row?.detail).toMatch(/^Error: Failed query: .*params: /s)
  }, 60_000)

  it("answers 404 for another tenant's job on every job route", async () => {
    const job = await createJob(token, { kind: 'noop', payload: {} })
    const other = (await signup('Nosy Co')).tokens.access_token
    await expectProblem(await call(`/v1/jobs/${job.id}`, { token: other }), 404, 'not_found')
    await expectProblem(await call(`/v1/jobs/${job.id}/cancel`, { method: 'POST', token: other }), 404, 'not_found')
    await expectProblem(await call(`/v1/jobs/${job.id}/retry`, { method: 'POST', token: other }), 404, 'not_found')
    const list = await (await call('/v1/jobs', { token: other })).text()
    expect(list).not.toContain(job.id)
  })
})
