import { createLineSlicer } from '../core/aam/ingest/line-slice.ts'
import type { Env } from '../env.ts'

/** Object keys always start with the tenant, so a key can never address another tenant's file. */
export const objectKey = (tenantId: string, connectionId: string, stream: string, fileId: string, format: string) =>
  `${connectionObjectPrefix(tenantId, connectionId)}${stream}/${fileId}.${format}`

/** Where every file of one connection is kept. */
export const connectionObjectPrefix = (tenantId: string, connectionId: string) =>
  `tenants/${tenantId}/connections/${connectionId}/`

/** R2 deletes up to 1,000 keys in one call. */
const DELETE_BATCH = 1000

/** Deletes up to 1,000 objects under `prefix`; how many it deleted (0: none left). */
export async function deleteObjectsBatch(env: Env, prefix: string) {
  const listed = await env.FILES.list({ prefix, limit: DELETE_BATCH })
  const keys = listed.objects.map((o) => o.key)
  if (keys.length > 0) await env.FILES.delete(keys)
  return keys.length
}

/** Where an uploaded knowledge-base document waits for its kb.ingest job (derived, never taken from a payload). */
export const kbUploadKey = (tenantId: string, uploadId: string) => `tenants/${tenantId}/kb-uploads/${uploadId}.json`

export async function readObjectText(env: Env, key: string): Promise<string | null> {
  const object = await env.FILES.get(key)
  return object ? object.text() : null
}

export const deleteObject = (env: Env, key: string) => env.FILES.delete(key)

export const putSourceFile = (env: Env, key: string, body: ReadableStream | ArrayBuffer, contentType: string) =>
  env.FILES.put(key, body, { httpMetadata: { contentType } })

/** The file's bytes as a stream (decoded by the caller, so no byte is lost to a replacement character). */
export async function readSourceBytes(env: Env, key: string): Promise<ReadableStream<Uint8Array> | null> {
  const object = await env.FILES.get(key)
  return object ? object.body : null
}

/** The exact bytes of one physical line of a stored file, streamed (it may be far larger than memory allows). */
export async function readSourceLine(
  env: Env,
  key: string,
  line: number,
  format: string,
): Promise<ReadableStream<Uint8Array> | null> {
  const body = await readSourceBytes(env, key)
  if (!body) return null
  const slicer = createLineSlicer(line, { loneCrEndsLine: format === 'csv' })
  const reader = body.getReader()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read()
      const pieces = done ? [] : slicer.push(value)
      for (const piece of pieces) controller.enqueue(piece)
      if (done || slicer.done) {
        controller.close()
        await reader.cancel()
      }
    },
    cancel: () => reader.cancel(),
  })
}
