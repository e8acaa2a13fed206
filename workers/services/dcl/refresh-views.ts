import { type Tx, withTenant } from '../../adapters/db/client.ts'
import type { ChangedEntity } from '../../adapters/db/dcl-repo.ts'
import {
  lockView,
  membersByKey,
  replaceRows,
  rowsTouching,
  type StoredUnifiedRow,
} from '../../adapters/db/dcl-views-repo.ts'
import { CANONICAL_ENTITIES } from '../../contract/vocabulary/entities.ts'
import { MAX_BLOCK_SIZE } from '../../core/dcl/resolution/blocking.ts'
import { memberKey, type ViewMember } from '../../core/dcl/views/member.ts'
import { buildUnifiedRows, memberLookup, type UnifiedRow, unifiedRowId } from '../../core/dcl/views/unified-rows.ts'
import { canonicalJson } from '../../core/json/canonical.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'

const content = (r: { data: unknown; lineage: unknown; members: unknown }) =>
  canonicalJson([r.data, r.lineage, r.members])

/** Rows as stored: their ids, member keys and lookup keys. */
export const stored = async (entity: string, rows: readonly UnifiedRow[]): Promise<StoredUnifiedRow[]> =>
  Promise.all(
    rows.map(async (r) => ({
      unifiedId: await unifiedRowId(entity, r.anchor),
      data: r.data,
      lineage: r.lineage,
      members: r.members,
      memberKeys: r.members.map((m) => memberKey({ source: m.source, externalId: m.external_id })),
      sources: r.sources,
      lookup: r.lookup,
    })),
  )

export const knownEntity = (entity: string) => {
  if (!(CANONICAL_ENTITIES as readonly string[]).includes(entity))
    throw new ProblemError(
      'not_found',
      `There is no unified view of "${entity}". Views: ${CANONICAL_ENTITIES.join(', ')}.`,
    )
}

/** Milliseconds per stage of incremental refreshes, summed over calls (the bench reports them). */
export type RefreshStages = Record<'read_changed' | 'find_rows' | 'read_members' | 'build' | 'write', number>

export const emptyRefreshStages = (): RefreshStages => ({
  read_changed: 0,
  find_rows: 0,
  read_members: 0,
  build: 0,
  write: 0,
})

/**
 * Re-resolves only what a change can touch: the changed records, the rows that hold them, and the rows
 * sharing a lookup key (email, domain, phone, name) with their new values. Those members are clustered
 * again and their rows replaced; every other row stays as it is.
 */
export async function refreshViewIn(
  tx: Tx,
  tenantId: string,
  entity: string,
  changed: readonly string[],
  stages?: RefreshStages,
) {
  let mark = performance.now()
  const lap = (stage: keyof RefreshStages) => {
    const now = performance.now()
    if (stages) stages[stage] += now - mark
    mark = now
  }
  await lockView(tx, tenantId, entity)
  const fresh = await membersByKey(tx, tenantId, entity, changed)
  const lookup = [...new Set(fresh.flatMap((m) => memberLookup(entity, m)))]
  lap('read_changed')
  const touched = await rowsTouching(tx, tenantId, entity, changed, lookup, MAX_BLOCK_SIZE)
  lap('find_rows')
  const keys = [...new Set([...changed, ...touched.flatMap((r) => r.memberKeys)])]
  const members: ViewMember[] = await membersByKey(tx, tenantId, entity, keys)
  lap('read_members')
  // A row that comes out as it was stays untouched, so `updated_at` says when a row last changed.
  const before = new Map(touched.map((r) => [r.unifiedId, content(r)]))
  const built = await stored(entity, buildUnifiedRows(entity, members))
  const same = new Set(built.filter((r) => before.get(r.unifiedId) === content(r)).map((r) => r.unifiedId))
  const rows = built.filter((r) => !same.has(r.unifiedId))
  const replaced = touched.map((r) => r.unifiedId).filter((id) => !same.has(id))
  lap('build')
  await replaceRows(tx, tenantId, entity, replaced, rows)
  lap('write')
  return { entity, changed: changed.length, resolved: members.length, rewritten: rows.length }
}

/** The views after `applyCanonicalEvents` changed these source records, one transaction per entity. */
export async function refreshViews(services: Services, tenantId: string, changed: readonly ChangedEntity[]) {
  const byEntity = new Map<string, string[]>()
  for (const c of changed) {
    const keys = byEntity.get(c.entity) ?? []
    keys.push(memberKey({ source: c.source, externalId: c.external_id }))
    byEntity.set(c.entity, keys)
  }
  const results = []
  for (const [entity, keys] of byEntity)
    results.push(await withTenant(services.db, tenantId, (tx) => refreshViewIn(tx, tenantId, entity, keys)))
  return results
}
