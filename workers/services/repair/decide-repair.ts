// A person's decisions on a repair besides approving it: rejecting one that waits (remembered, so the
// same repair is less sure next time) and reverting one that was applied (the mappings it changed go
// back to their versions before it, as new versions; the view's rows are re-derived).
import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { type Tx, withTenant } from '../../adapters/db/client.ts'
import {
  insertVersions,
  latestVersions,
  type MappingVersionRow,
  mappingHistory,
  versionById,
} from '../../adapters/db/mapping-registry-repo.ts'
import { type RepairRow, transitionRepair } from '../../adapters/db/repairs-repo.ts'
import type { RepairStatus } from '../../contract/vocabulary/repairs.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { keyOf, versionAuthor } from '../dcl/mapping-versions.ts'
import { ProblemError } from '../problem-error.ts'
import { announceRepair } from './announce-repair.ts'
import { loadRepair, notWaiting } from './apply-repair.ts'
import { presentRepair } from './present-repair.ts'
import { rederiveStream } from './rederive-stream.ts'
import { streamMappingContext } from './stream-mapping-context.ts'

type Input = { id: string; actor: Actor; comment?: string | undefined }

/** Moves a repair on for a person (only from the state the decision needs), audited with the comment. */
async function decideRepair(
  tx: Tx,
  tenantId: string,
  found: RepairRow,
  move: { from: RepairStatus; to: RepairStatus },
  input: Input,
  metadata: Record<string, unknown> = {},
) {
  const moved = await transitionRepair(tx, tenantId, found.id, move.from, {
    status: move.to,
    decidedByType: input.actor.actorType,
    decidedById: input.actor.actorId,
    comment: input.comment || null,
  })
  if (!moved) throw notWaiting(found)
  await recordAudit(tx, tenantId, {
    ...input.actor,
    action: `repair.${move.to}`,
    targetType: 'repair',
    targetId: found.id,
    metadata: { summary: found.summary, ...metadata, ...(input.comment ? { comment: input.comment } : {}) },
  })
  return moved
}

export async function rejectRepair(services: Services, tenantId: string, input: Input) {
  const repair = await withTenant(services.db, tenantId, async (tx) => {
    const found = await loadRepair(tx, tenantId, input.id)
    return decideRepair(tx, tenantId, found, { from: 'proposed', to: 'rejected' }, input)
  })
  await announceRepair(services, tenantId, 'aos.repair.rejected', repair)
  return presentRepair(repair)
}

/** The version each mapping the repair wrote goes back to: the one before, or retired if the repair created it. */
async function undoVersions(tx: Tx, tenantId: string, repair: RepairRow, actor: Actor) {
  const undo = []
  for (const id of repair.appliedVersions) {
    const written = (await versionById(tx, tenantId, id)) as MappingVersionRow
    const [newest] = await latestVersions(tx, tenantId, [keyOf(written)])
    if (newest && newest.id !== written.id)
      throw new ProblemError(
        'conflict',
        `The mapping of ${written.sourcePath} changed after this repair (now version ${newest.version}, ${newest.id}): change that mapping directly instead (GET /v1/dcl/mappings/${newest.id}/versions shows its history).`,
      )
    const before = (await mappingHistory(tx, tenantId, keyOf(written))).find((v) => v.version < written.version)
    const content = before ?? { ...written, status: 'deprecated' }
    undo.push({
      tenantId,
      sourceSystem: written.sourceSystem,
      connectionId: written.connectionId,
      sourceStream: written.sourceStream,
      sourcePath: written.sourcePath,
      version: written.version + 1,
      entity: content.entity,
      field: content.field,
      transform: content.transform,
      confidence: content.confidence,
      status: content.status,
      note: `reverted repair ${repair.id}`,
      evidence: content.evidence,
      provenance: 'revert' as const,
      createdBy: versionAuthor(actor),
    })
  }
  const inserted = await insertVersions(tx, undo)
  if (inserted.length !== undo.length)
    throw new ProblemError('conflict', 'Someone changed these mappings at the same moment. Try again.')
  return inserted.length
}

export async function revertRepair(services: Services, tenantId: string, input: Input) {
  const { repair, stream } = await withTenant(services.db, tenantId, async (tx) => {
    const found = await loadRepair(tx, tenantId, input.id)
    if (found.status !== 'applied')
      throw new ProblemError(
        'conflict',
        `Repair ${found.id} is ${found.status}; only an applied repair can be reverted.`,
      )
    const context = await streamMappingContext(tx, tenantId, found)
    const versions = await undoVersions(tx, tenantId, found, input.actor)
    const moved = await decideRepair(tx, tenantId, found, { from: 'applied', to: 'reverted' }, input, { versions })
    return { repair: moved, stream: context?.stream ?? null }
  })
  await announceRepair(services, tenantId, 'aos.repair.reverted', repair)
  if (stream) await rederiveStream(services, tenantId, stream)
  return presentRepair(repair)
}
