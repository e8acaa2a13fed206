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

/** Sends a file to POST /v1/kb/documents as multipart/form-data (the console's way), with optional fields. */
export async function postKbFile(token: string, file: File, fields: Record<string, string> = {}): Promise<Response> {
  const form = new FormData()
  form.set('file', file)
  for (const [name, value] of Object.entries(fields)) form.set(name, value)
  // The boundary is in the content type the body gives itself.
  const encoded = new Request('http://aos.test', { method: 'POST', body: form })
  return call('/v1/kb/documents', {
    token,
    body: new Uint8Array(await encoded.arrayBuffer()),
    headers: { 'content-type': encoded.headers.get('content-type') as string },
  })
}
