import type { Env } from '../env.ts'

/** Object keys always start with the tenant, so a key can never address another tenant's file. */
export const objectKey = (tenantId: string, connectionId: string, stream: string, fileId: string, format: string) =>
  `tenants/${tenantId}/connections/${connectionId}/${stream}/${fileId}.${format}`

export const putSourceFile = (env: Env, key: string, body: ReadableStream | ArrayBuffer, contentType: string) =>
  env.FILES.put(key, body, { httpMetadata: { contentType } })

/** The file as a text stream (decoded incrementally, so memory stays flat whatever the size). */
export async function readSourceText(env: Env, key: string): Promise<ReadableStream<string> | null> {
  const object = await env.FILES.get(key)
  return object ? object.body.pipeThrough(new TextDecoderStream()) : null
}
