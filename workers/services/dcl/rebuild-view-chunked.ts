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
import { knownEntity, stored } from './refresh-views.ts'

/** Records per page read, and about per chunk resolved: what one Worker holds at a time. */
export const REBUILD_CHUNK = 2000

export type RebuildProgress = (done: number, total: number, unit: 'records keyed' | 'records resolved') => Promise<void>

/**
 * A full rebuild in bounded memory. Pass 1 pages through the records and stores each one's partition
 * keys in the database; the database then labels the connected components (records sharing a key).
 * Pass 2 reads whole components a chunk at a time, resolves each component alone and writes its rows.
 * Key merges come out exactly as from the whole-set resolver (a component holds every record a key can
 * chain to, in the same order); a fuzzy match between records that share no lookup key, or only a weak
 * one held by more than MAX_BLOCK_SIZE records, is not made, as in an incremental refresh. One
 * transaction: readers see the old rows until the new ones are all written.
 */
export async function rebuildViewChunkedIn(
  tx: Tx,
  tenantId: string,
  entity: string,
  options: { chunk?: number; progress?: RebuildProgress } = {},
) {
  const chunk = options.chunk ?? REBUILD_CHUNK
  const progress = options.progress ?? (async () => {})
  await lockView(tx, tenantId, entity)
  const total = await countMembers(tx, tenantId, entity)
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
  }
  const rounds = await labelPartitions(tx, MAX_BLOCK_SIZE)

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
  }
  return { entity, rows, members: resolved, partition_rounds: rounds }
}

/** The `dcl.view-rebuild` job's work: a chunked rebuild in the tenant's transaction. */
export async function rebuildViewChunked(
  services: Services,
  tenantId: string,
  entity: string,
  progress?: RebuildProgress,
) {
  knownEntity(entity)
  const started = Date.now()
  const result = await withTenant(services.db, tenantId, (tx) =>
    rebuildViewChunkedIn(tx, tenantId, entity, progress ? { progress } : {}),
  )
  return { ...result, took_ms: Date.now() - started }
}
