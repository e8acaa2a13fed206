import { type Tx, withTenant } from '../../adapters/db/client.ts'
import {
  labelPartitions,
  nextPartitions,
  openPartitionTables,
  type PartitionKey,
  stagePartitionKeys,
} from '../../adapters/db/dcl-view-partitions.ts'
import { countMembers, lockView, membersByKey, membersPage, replaceRows } from '../../adapters/db/dcl-views-repo.ts'
import { MAX_BLOCK_SIZE } from '../../core/dcl/resolution/blocking.ts'
import { memberKey, type ViewMember } from '../../core/dcl/views/member.ts'
import { buildUnifiedRows, partitionKeys } from '../../core/dcl/views/unified-rows.ts'
import type { Services } from '../container.ts'
import { presentJob } from '../jobs/present-job.ts'
import { submitJob } from '../jobs/submit-job.ts'
import { ProblemError } from '../problem-error.ts'
import { knownEntity, stored } from './refresh-views.ts'

/** Records per page read, and about per chunk resolved: what one Worker holds at a time. */
export const REBUILD_CHUNK = 2000

export type RebuildProgress = (done: number, total: number, unit: 'records keyed' | 'records resolved') => Promise<void>

export type RebuildOptions = {
  /** Records per page and chunk (tests force it small; the rows do not depend on it). */
  chunk?: number
  /** More source records than this are refused with 413 (a rebuild within a request). */
  limit?: number
  progress?: RebuildProgress
  /**
   * Asked between chunks, with the rebuild's own transaction: a read there sees a cancellation
   * committed meanwhile (read committed), where a second transaction on the embedded store would
   * wait for this one. True stops the rebuild and rolls it back.
   */
  isCancelled?: (tx: Tx) => Promise<boolean>
}

/** Thrown inside the rebuild's transaction to roll it back: the view keeps its previous complete build. */
export class RebuildCancelled extends Error {}

/**
 * The one full rebuild, in bounded memory, whether a request or a job runs it. Pass 1 pages through
 * the records and stores each one's partition keys in the database; the database then labels the
 * connected components (records sharing a key). Pass 2 reads whole components a chunk at a time,
 * resolves each component alone and writes its rows. A component is never split and is resolved on
 * its own, so the rows do not depend on the chunk size. Key merges come out exactly as from the
 * whole-set resolver (a component holds every record a key can chain to, in the same order); a fuzzy
 * match between records that share no lookup key, or only a weak one held by more than MAX_BLOCK_SIZE
 * records, is not made, as in an incremental refresh. One transaction: readers see the old rows until
 * the new ones are all written, and a cancelled rebuild leaves them as they were.
 */
export async function rebuildViewIn(tx: Tx, tenantId: string, entity: string, options: RebuildOptions = {}) {
  const chunk = options.chunk ?? REBUILD_CHUNK
  const progress = options.progress ?? (async () => {})
  const isCancelled = options.isCancelled
  const checkpoint = async () => {
    if (isCancelled && (await isCancelled(tx))) throw new RebuildCancelled()
  }
  await lockView(tx, tenantId, entity)
  const total = await countMembers(tx, tenantId, entity)
  if (options.limit !== undefined && total > options.limit)
    throw new ProblemError(
      'payload_too_large',
      `The ${entity} view has ${total} source records; a rebuild on request handles up to ${options.limit}.`,
    )
  await openPartitionTables(tx)
  let keyed = 0
  for (let after = null as { source: string; externalId: string } | null; ; ) {
    const page = await membersPage(tx, tenantId, entity, after, chunk)
    if (page.length === 0) break
    const keys: PartitionKey[] = page.flatMap((m) => {
      const { strong, weak } = partitionKeys(entity, m)
      const member = memberKey(m)
      return [
        ...strong.map((key) => ({ member, key, strong: true })),
        ...weak.map((key) => ({ member, key, strong: false })),
      ]
    })
    await stagePartitionKeys(tx, page.map(memberKey), keys)
    keyed += page.length
    after = page.at(-1) ?? null
    await progress(keyed, total, 'records keyed')
    await checkpoint()
  }
  const rounds = await labelPartitions(tx, MAX_BLOCK_SIZE)
  await checkpoint()

  await replaceRows(tx, tenantId, entity, 'all', [])
  let resolved = 0
  let rows = 0
  for (let after: string | null = null; ; ) {
    const labelled = await nextPartitions(tx, after, chunk)
    if (labelled.length === 0) break
    const members = await membersByKey(
      tx,
      tenantId,
      entity,
      labelled.map((l) => l.member),
    )
    const labelOf = new Map(labelled.map((l) => [l.member, l.label]))
    // In key order within each partition, as the whole-set resolver meets them (key merges follow that order).
    const partitions = new Map<string | undefined, ViewMember[]>()
    for (const m of members) {
      const label = labelOf.get(memberKey(m))
      const part = partitions.get(label)
      if (part) part.push(m)
      else partitions.set(label, [m])
    }
    const built = await stored(
      entity,
      [...partitions.values()].flatMap((part) => buildUnifiedRows(entity, part)),
    )
    await replaceRows(tx, tenantId, entity, [], built)
    resolved += members.length
    rows += built.length
    after = labelled.at(-1)?.label ?? null
    await progress(resolved, total, 'records resolved')
    await checkpoint()
  }
  return { entity, rows, members: resolved, partition_rounds: rounds }
}

/** A rebuild in the tenant's transaction, timed; throws `RebuildCancelled` when it was cancelled. */
async function timedRebuild(services: Services, tenantId: string, entity: string, options: RebuildOptions) {
  knownEntity(entity)
  const started = Date.now()
  const result = await withTenant(services.db, tenantId, (tx) => rebuildViewIn(tx, tenantId, entity, options))
  return { ...result, took_ms: Date.now() - started }
}

/**
 * The `dcl.view-rebuild` job's work. `cancelled` when `isCancelled` said so between two chunks: the
 * transaction rolled back, so the view is its previous complete build, as if the job had never run.
 */
export async function rebuildViewJob(
  services: Services,
  tenantId: string,
  entity: string,
  options: RebuildOptions,
): Promise<{ status: 'succeeded'; result: Awaited<ReturnType<typeof timedRebuild>> } | { status: 'cancelled' }> {
  try {
    return { status: 'succeeded', result: await timedRebuild(services, tenantId, entity, options) }
  } catch (error) {
    if (error instanceof RebuildCancelled) return { status: 'cancelled' }
    throw error
  }
}

/**
 * A rebuild someone asked for: within the request when the entity has at most DCL_REBUILD_IN_REQUEST_MAX
 * source records, else a `dcl.view-rebuild` job (a rebuild that size would outlast the request). Both
 * run `rebuildViewIn`, so which one ran never changes the rows.
 */
export async function requestRebuild(services: Services, tenantId: string, entity: string, createdBy: string | null) {
  knownEntity(entity)
  const limit = services.config.DCL_REBUILD_IN_REQUEST_MAX
  const count = await withTenant(services.db, tenantId, (tx) => countMembers(tx, tenantId, entity))
  if (count <= limit) {
    const { rows, members, took_ms } = await timedRebuild(services, tenantId, entity, { limit })
    return { rebuilt: { entity, rows, members, took_ms } }
  }
  const { row } = await submitJob(services, tenantId, {
    kind: 'dcl.view-rebuild',
    payload: { entity },
    createdBy,
  })
  return { queued: presentJob(row) }
}
