import { expect } from 'vitest'
import { call } from './api.ts'
import { type JobBody, waitForJob } from './jobs.ts'

/** Uploads a knowledge-base document and waits for its kb.ingest job to end. */
export async function uploadKbDocument(token: string, body: Record<string, unknown>): Promise<JobBody> {
  const res = await call('/v1/kb/documents', { token, body })
  expect(res.status, await res.clone().text()).toBe(202)
  const { job } = (await res.json()) as { job: JobBody }
  expect(job.kind).toBe('kb.ingest')
  return waitForJob(token, job.id, ['succeeded', 'dead'], 30_000)
}
