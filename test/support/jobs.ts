import { expect } from 'vitest'
import { call } from './api.ts'

export interface JobBody {
  id: string
  kind: string
  status: string
  attempts: number
  max_attempts: number
  last_error: string | null
  result: Record<string, unknown> | null
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
export async function waitForJob(token: string, id: string, statuses: string[], timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  let job = await getJob(token, id)
  while (!statuses.includes(job.status)) {
    if (Date.now() > deadline) throw new Error(`job ${id} stayed ${job.status} (wanted ${statuses.join('|')})`)
    await new Promise((r) => setTimeout(r, 100))
    job = await getJob(token, id)
  }
  return job
}
