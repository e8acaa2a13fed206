import { latestFilePerStream } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { inferFileSchema } from '../../adapters/file-scan.ts'
import { withCursorSource } from '../../adapters/sources/open-cursor-source.ts'
import { isCursorKind } from '../../core/aam/connectors/registry.ts'
import { profileSample } from '../../core/aam/connectors/sample-profile.ts'
import type { Services } from '../container.ts'
import { loadUsableConnection } from './load-connection.ts'

/** The streams with their schemas and field profiles (from the newest file, or a sample of rows); stores nothing. */
export async function discoverConnection(services: Services, tenantId: string, id: string) {
  const connection = await loadUsableConnection(services, tenantId, id)
  if (isCursorKind(connection.kind)) {
    const streams = await withCursorSource(services.config, connection, async (source) => {
      const out = []
      for (const [name, schema] of await source.discover()) {
        const rows = source.sample ? await source.sample(name, schema) : []
        const sampled = profileSample(schema, rows)
        out.push({
          name,
          latest_file_id: null,
          records_sampled: rows.length,
          unparseable_rows: 0,
          schema: sampled.schema,
          profile: sampled.profile,
          unreadable: null,
        })
      }
      return out
    })
    return { streams }
  }
  const files = await withTenant(services.db, tenantId, (tx) => latestFilePerStream(tx, tenantId, connection.id))
  const streams = []
  for (const file of files) {
    const inferred = await inferFileSchema(services.env, connection, file)
    const found = inferred.ok ? inferred : { records: 0, errors: 0, snapshot: [], profile: [] }
    streams.push({
      name: file.streamName,
      latest_file_id: file.id,
      records_sampled: found.records,
      unparseable_rows: found.errors,
      schema: found.snapshot,
      profile: found.profile,
      unreadable: inferred.ok ? null : inferred.unreadable,
    })
  }
  return { streams }
}
