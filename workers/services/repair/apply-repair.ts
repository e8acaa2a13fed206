// Applying a repair: its registry entries are written as new mapping versions (provenance `repair`),
// the repair is marked applied with the versions it wrote, and both commit together, so a repair that
// is applied twice at once, or by a redelivered job, applies once. The stream's DCL rows are then
// re-derived under the new mapping.
import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { type Tx, withTenant } from '../../adapters/db/client.ts'
import {
  asStoredVersion,
  insertVersions,
  latestVersions,
  versionRows,
} from '../../adapters/db/mapping-registry-repo.ts'
import { findRepair, type RepairRow, replaceRepairWrites, transitionRepair } from '../../adapters/db/repairs-repo.ts'
import { mappingKeyText } from '../../core/dcl/registry/mapping-entry.ts'
import { planVersions, type StatedMapping } from '../../core/dcl/registry/plan-versions.ts'
import type { RepairWrite } from '../../core/repair/proposal.ts'
import { repairRegistryWrites } from '../../core/repair/registry-writes.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { versionAuthor } from '../dcl/mapping-versions.ts'
import { ProblemError } from '../problem-error.ts'
import { announceRepair } from './announce-repair.ts'
import { presentRepair } from './present-repair.ts'
import { rederiveStream } from './rederive-stream.ts'
import { settleHeldDrift } from './settle-held-drift.ts'
import { streamMappingContext } from './stream-mapping-context.ts'

/** A repair of the tenant, or a 404 that says where to look. */
export async function loadRepair(tx: Tx, tenantId: string, id: string): Promise<RepairRow> {
  const row = await findRepair(tx, tenantId, id)
  if (!row) throw new ProblemError('not_found', `No repair ${id}. GET /v1/repairs lists this workspace's repairs.`)
  return row
}

export const notWaiting = (r: RepairRow) =>
  new ProblemError(
    'already_decided',
    `Repair ${r.id} is ${r.status}${r.decidedAt ? ` since ${r.decidedAt.toISOString()}` : ''}; only a proposed repair can be decided.`,
  )

async function writeRepair(tx: Tx, tenantId: string, repair: RepairRow, actor: Actor, comment: string | null) {
  const context = await streamMappingContext(tx, tenantId, repair)
  if (!context) throw new ProblemError('conflict', 'The stream of this repair is gone; there is nothing to repair.')
  const { connection, stream, entries } = context
  const stated: StatedMapping[] = repairRegistryWrites(repair.writes, entries).map((w) => ({
    source_system: connection.kind,
    connection_id: connection.id,
    source_stream: stream.name,
    source_path: w.source_path,
    entity: w.entity,
    field: w.field,
    transform: w.transform,
    confidence: w.seeded ? 1 : repair.confidence,
    status: w.status,
    note: w.seeded ? "copied from the connector's built-in mapping" : `repair: ${repair.summary}`,
  }))
  const latest = await latestVersions(tx, tenantId, stated)
  const { writes } = planVersions(stated, latest.map(asStoredVersion))
  const written = await insertVersions(
    tx,
    versionRows(tenantId, writes, { provenance: 'repair', createdBy: versionAuthor(actor), evidence: repair.evidence }),
  )
  if (written.length !== writes.length)
    throw new ProblemError('conflict', 'Someone changed these mappings at the same moment. Try again.')
  const moved = await transitionRepair(tx, tenantId, repair.id, 'proposed', {
    status: 'applied',
    appliedVersions: written.map((w) => w.id),
    decidedByType: actor.actorType,
    decidedById: actor.actorId,
    comment,
  })
  if (!moved) throw notWaiting(repair)
  await recordAudit(tx, tenantId, {
    ...actor,
    action: 'repair.applied',
    targetType: 'repair',
    targetId: repair.id,
    metadata: {
      summary: repair.summary,
      confidence: repair.confidence,
      versions: written.length,
      keys: writes.map(mappingKeyText),
      ...(comment ? { comment } : {}),
    },
  })
  return { repair: moved, stream }
}

/**
 * Applies a proposed repair for `actor` (a person approving it, maybe with edited writes, or the engine
 * itself above the threshold). A repair already decided is a 409 naming its state.
 */
export async function applyRepair(
  services: Services,
  tenantId: string,
  input: { id: string; actor: Actor; comment?: string | undefined; writes?: RepairWrite[] | undefined },
) {
  const { repair, stream } = await withTenant(services.db, tenantId, async (tx) => {
    const found = await loadRepair(tx, tenantId, input.id)
    if (found.status !== 'proposed') throw notWaiting(found)
    const edited = input.writes ? await replaceRepairWrites(tx, tenantId, found.id, input.writes) : found
    if (!edited) throw notWaiting(found)
    return writeRepair(tx, tenantId, edited, input.actor, input.comment || null)
  })
  await announceRepair(services, tenantId, 'aos.repair.applied', repair)
  await rederiveStream(services, tenantId, stream)
  await settleHeldDrift(services, tenantId, repair.driftId, input.actor)
  return presentRepair(repair)
}
