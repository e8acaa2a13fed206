import { expect } from 'vitest'
import { call } from './api.ts'
import { pollUntil } from './poll.ts'

export interface JobBody {
  id: string
  kind: string
  status: string
  attempts: number
  max_attempts: number
  last_error: string | null
  result: Record<string, unknown> | null
  progress: { done: number; total: number; unit: string } | null
  next_run_at: string | null
  started_at: string | null
  finished_at: string | null
}

export async function createJob(token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await call('/v1/jobs', { token, body, headers })
  expect(res.status, await res.clone().text()).toBe(201)
  return (await res.json()) as JobBody
}

export async function getJob(token: string, id: string) {
  return (await (await call(`/v1/jobs/${id}`, { token })).json()) as JobBody
}

/** Polls the API until the job reaches one of `statuses` (real queue consumers run in the background). */
export function waitForJob(token: string, id: string, statuses: string[], timeoutMs = 20_000) {
  return pollUntil(
    () => getJob(token, id),
    (job) => statuses.includes(job.status),
    { timeoutMs, intervalMs: 100, failure: (job) => `job ${id} stayed ${job.status} (wanted ${statuses.join('|')})` },
  )
}

/** Queues a sync of a connection and waits for it to succeed; its result (totals) for the caller to check. */
export async function syncConnection<R = Record<string, unknown>>(token: string, id: string): Promise<R> {
  const res = await call(`/v1/connections/${id}/sync`, { method: 'POST', token })
  expect(res.status).toBe(202)
  const job = await waitForJob(token, ((await res.json()) as { id: string }).id, ['succeeded', 'dead'])
  expect(job.status, job.last_error ?? '').toBe('succeeded')
  return job.result as R
}

/** Uploads a CSV to a FileSource stream and waits for its sync to succeed; the job (its result: the counts). */
export async function uploadCsv(token: string, connectionId: string, stream: string, body: string) {
  const res = await call(`/v1/connections/${connectionId}/files?stream=${stream}`, {
    token,
    body,
    headers: { 'content-type': 'text/csv' },
  })
  expect(res.status).toBe(202)
  const job = await waitForJob(token, ((await res.json()) as { job_id: string }).job_id, ['succeeded', 'dead'])
  expect(job.status, job.last_error ?? '').toBe('succeeded')
  return job
}

/** Statuses of a job that will still run: a failed one waits for its retry. */
const PENDING = ['queued', 'running', 'failed']

/**
 * Waits until none of the tenant's jobs will still run (syncs queue follow-up work of their own, and a job
 * that failed under load is retried).
 */
export function settleJobs(token: string, timeoutMs = 30_000) {
  return pollUntil(
    async () => ((await (await call('/v1/jobs?limit=100', { token })).json()) as { data: JobBody[] }).data,
    (jobs) => !jobs.some((j) => PENDING.includes(j.status)),
    { timeoutMs, failure: () => 'jobs still queued, running or waiting for a retry' },
  )
}
