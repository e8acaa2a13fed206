import { expect } from 'vitest'
import { call } from './api.ts'

export type MappingBody = { id: string; source_path: string; status: string }

/**
 * States mappings of one stream's fields to an entity by hand (`POST /v1/dcl/mappings`), one per
 * `[source_path, field]`, each answered 201; returns what was written.
 */
export async function stateMappings(
  token: string,
  stream: { source_system: string; connection_id: string; source_stream: string; entity: string; status?: string },
  fields: readonly (readonly [string, string])[],
): Promise<MappingBody[]> {
  const written: MappingBody[] = []
  for (const [source_path, field] of fields) {
    const res = await call('/v1/dcl/mappings', { token, body: { ...stream, source_path, field } })
    expect(res.status, await res.clone().text()).toBe(201)
    written.push((await res.json()) as MappingBody)
  }
  return written
}
