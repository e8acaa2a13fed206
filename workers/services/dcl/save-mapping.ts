import { findConnection } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { asStoredVersion, latestVersions } from '../../adapters/db/mapping-registry-repo.ts'
import type { MappingEntry } from '../../core/dcl/registry/mapping-entry.ts'
import { planVersions } from '../../core/dcl/registry/plan-versions.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { announceMapping, writeNextVersion } from './mapping-versions.ts'
import { presentMapping } from './present-mapping.ts'
import { queueRederive } from './rederive-after-mapping.ts'

type Input = { mapping: MappingEntry & { connection_id?: string | null | undefined }; actor: Actor }

/**
 * States a mapping by hand: a new one starts at version 1, a change adds the next version, and stating
 * what the newest version already says writes nothing (`created: false`), so a retried request is safe.
 */
export async function saveMapping(services: Services, tenantId: string, input: Input) {
  const { mapping } = input
  const key = {
    source_system: mapping.source_system,
    connection_id: mapping.connection_id ?? null,
    source_stream: mapping.source_stream,
    source_path: mapping.source_path,
  }
  const saved = await withTenant(services.db, tenantId, async (tx) => {
    if (key.connection_id && !(await findConnection(tx, tenantId, key.connection_id))) {
      throw new ProblemError('not_found', `No connection ${key.connection_id}. List connections at /v1/connections.`)
    }
    const [current] = await latestVersions(tx, tenantId, [key])
    const { writes } = planVersions([{ ...mapping, ...key }], current ? [asStoredVersion(current)] : [])
    const [next] = writes
    if (!next && current) return { row: current, before: current, created: false }
    const written = await writeNextVersion(tx, tenantId, {
      content: {
        sourceSystem: key.source_system,
        connectionId: key.connection_id,
        sourceStream: key.source_stream,
        sourcePath: key.source_path,
        entity: mapping.entity,
        field: mapping.field,
        transform: mapping.transform,
        confidence: mapping.confidence,
        status: mapping.status,
        note: mapping.note ?? null,
      },
      version: next?.version ?? 1,
      provenance: 'manual',
      actor: input.actor,
      action: 'mapping.saved',
    })
    return { row: written, before: current, created: true }
  })
  if (saved.created) {
    await announceMapping(services, tenantId, saved.row)
    await queueRederive(services, tenantId, saved.row, saved.before)
  }
  return { mapping: presentMapping(saved.row), created: saved.created }
}
