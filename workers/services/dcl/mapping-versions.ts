// Writing the next version of a mapping: the one way the API changes the registry (save, accept,
// reject, revert), so each change is a new row with who, when and where from, and an audit entry.
import { recordAudit } from '../../adapters/db/audit-repo.ts'
import type { Tx } from '../../adapters/db/client.ts'
import { insertVersions, type MappingVersionRow, versionById } from '../../adapters/db/mapping-registry-repo.ts'
import { publishEvent } from '../../adapters/events.ts'
import type { MappingProvenance } from '../../core/dcl/registry/mapping-entry.ts'
import { cloudEvent } from '../../core/events/cloud-event.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { indexMappingDecision } from './mapping-precedents.ts'

type Content = Partial<Pick<MappingVersionRow, 'evidence'>> &
  Pick<
    MappingVersionRow,
    | 'sourceSystem'
    | 'connectionId'
    | 'sourceStream'
    | 'sourcePath'
    | 'entity'
    | 'field'
    | 'transform'
    | 'confidence'
    | 'status'
    | 'note'
  >

/** Who wrote a version, as the registry records it. */
export const versionAuthor = (actor: Actor) => `${actor.actorType}:${actor.actorId ?? 'unknown'}`

export async function writeNextVersion(
  tx: Tx,
  tenantId: string,
  input: { content: Content; version: number; provenance: MappingProvenance; actor: Actor; action: string },
): Promise<MappingVersionRow> {
  const c = input.content // picked field by field: callers pass whole rows, whose id must not be copied
  const [written] = await insertVersions(tx, [
    {
      sourceSystem: c.sourceSystem,
      connectionId: c.connectionId,
      sourceStream: c.sourceStream,
      sourcePath: c.sourcePath,
      entity: c.entity,
      field: c.field,
      transform: c.transform,
      confidence: c.confidence,
      status: c.status,
      note: c.note,
      evidence: c.evidence ?? [],
      tenantId,
      version: input.version,
      provenance: input.provenance,
      createdBy: versionAuthor(input.actor),
    },
  ])
  if (!written) {
    throw new ProblemError(
      'conflict',
      'Someone changed this mapping at the same moment. Reload it and decide again on its newest version.',
    )
  }
  await recordAudit(tx, tenantId, {
    ...input.actor,
    action: input.action,
    targetType: 'mapping',
    targetId: written.id,
    metadata: {
      source: `${input.content.sourceSystem}/${input.content.sourceStream}/${input.content.sourcePath}`,
      target: `${input.content.entity}.${input.content.field}`,
      version: input.version,
      status: input.content.status,
    },
  })
  return (await versionById(tx, tenantId, written.id)) as MappingVersionRow
}

/** A version of the tenant's registry, or a 404 that says where to look. */
export async function loadVersion(tx: Tx, tenantId: string, id: string): Promise<MappingVersionRow> {
  const row = await versionById(tx, tenantId, id)
  if (!row) throw new ProblemError('not_found', `No mapping version ${id}. List mappings at /v1/dcl/mappings.`)
  return row
}

export const keyOf = (row: MappingVersionRow) => ({
  source_system: row.sourceSystem,
  connection_id: row.connectionId,
  source_stream: row.sourceStream,
  source_path: row.sourcePath,
})

/**
 * Tells the tenant's live clients (the Mappings page) that a mapping changed, and indexes a person's decision
 * as a precedent for similar fields; called after the commit.
 */
export async function announceMapping(services: Services, tenantId: string, row: MappingVersionRow) {
  await indexMappingDecision(services, tenantId, row)
  await publishEvent(
    services.env,
    cloudEvent(
      tenantId,
      'aos.mapping.changed',
      {
        id: row.id,
        source: `${row.sourceSystem}/${row.sourceStream}/${row.sourcePath}`,
        target: `${row.entity}.${row.field}`,
        version: row.version,
        status: row.status,
      },
      `mappings/${row.id}`,
    ),
  )
}
