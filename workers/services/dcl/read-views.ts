import type { dclUnifiedRows } from '../../../db/schema/index.ts'
import { arrowStream } from '../../adapters/arrow-ipc.ts'
import { withTenant } from '../../adapters/db/client.ts'
import {
  countRows,
  getRow,
  membersByKey,
  pageRows,
  type RowFilter,
  viewSummaries,
} from '../../adapters/db/dcl-views-repo.ts'
import { CANONICAL_ENTITIES } from '../../contract/vocabulary/entities.ts'
import { type ColumnKind, coerce } from '../../core/aam/export/record-columns.ts'
import { memberKey } from '../../core/dcl/views/member.ts'
import type { Services } from '../container.ts'
import { keysetPage, pageStart } from '../keyset-paging.ts'
import { ProblemError } from '../problem-error.ts'
import { knownEntity } from './refresh-views.ts'

type Row = typeof dclUnifiedRows.$inferSelect

const present = (r: Row) => ({
  unified_id: r.unifiedId,
  entity: r.entity,
  data: r.data,
  lineage: r.lineage,
  members: r.members,
  sources: r.sources,
  updated_at: r.updatedAt.toISOString(),
})

/** Every canonical entity's view, empty ones too, so a client sees which exist. */
export async function listViews(services: Services, tenantId: string) {
  const summaries = await withTenant(services.db, tenantId, (tx) => viewSummaries(tx, tenantId))
  const of = new Map(summaries.map((s) => [s.entity, s]))
  return {
    data: CANONICAL_ENTITIES.map((entity) => {
      const s = of.get(entity)
      return {
        entity,
        rows: s?.rows ?? 0,
        members: s?.members ?? 0,
        sources: s?.sources ?? 0,
        refreshed_at: s?.refreshed_at ? new Date(s.refreshed_at).toISOString() : null,
      }
    }),
  }
}

export async function listViewRows(
  services: Services,
  tenantId: string,
  entity: string,
  query: RowFilter & { limit: number; cursor?: string },
) {
  knownEntity(entity)
  const after = pageStart(query.cursor)
  const filter = { q: query.q, source: query.source }
  const [rows, total] = await withTenant(services.db, tenantId, async (tx) => [
    await pageRows(tx, tenantId, entity, filter, after, query.limit),
    await countRows(tx, tenantId, entity, filter),
  ])
  const page = keysetPage(
    rows.map((r) => ({ ...r, createdAt: r.updatedAt, id: r.unifiedId })),
    query.limit,
    present,
  )
  return { ...page, total }
}

/** One row with each member record as the DCL holds it now (null once a source record is gone). */
export async function getViewRow(services: Services, tenantId: string, entity: string, unifiedId: string) {
  knownEntity(entity)
  const found = await withTenant(services.db, tenantId, async (tx) => {
    const row = await getRow(tx, tenantId, entity, unifiedId)
    return row ? { row, records: await membersByKey(tx, tenantId, entity, row.memberKeys) } : null
  })
  if (!found) throw new ProblemError('not_found', `No ${entity} row ${unifiedId} in the unified view.`)
  const byKey = new Map(found.records.map((m) => [memberKey(m), m.data]))
  return {
    ...present(found.row),
    member_records: found.row.members.map((m) => ({
      ...m,
      data: (byKey.get(memberKey({ source: m.source, externalId: m.external_id })) ?? null) as Record<
        string,
        unknown
      > | null,
    })),
  }
}

const kindOf = (values: unknown[]): ColumnKind => {
  const seen = values.filter((v) => v !== null && v !== undefined && v !== '')
  if (seen.length > 0 && seen.every((v) => typeof v === 'number')) return 'float'
  if (seen.length > 0 && seen.every((v) => typeof v === 'boolean')) return 'bool'
  return 'text'
}

/**
 * Up to `limit` rows of a view as an Arrow IPC stream: `unified_id`, one column per field (typed from its
 * values), then `sources` (comma-separated) and `members` (how many source records were merged).
 */
export async function exportView(
  services: Services,
  tenantId: string,
  entity: string,
  query: RowFilter & { limit: number },
) {
  knownEntity(entity)
  const rows = await withTenant(services.db, tenantId, (tx) =>
    pageRows(tx, tenantId, entity, { q: query.q, source: query.source }, undefined, query.limit),
  )
  const kept = rows.slice(0, query.limit)
  const fields = [...new Set(kept.flatMap((r) => Object.keys(r.data)))].sort()
  const columns = [
    { name: 'unified_id', kind: 'text' as ColumnKind, values: kept.map((r) => r.unifiedId) },
    ...fields.map((f) => {
      const raw = kept.map((r) => r.data[f])
      const kind = kindOf(raw)
      return { name: f, kind, values: raw.map((v) => coerce(kind, v)) }
    }),
    { name: 'sources', kind: 'text' as ColumnKind, values: kept.map((r) => r.sources.join(',')) },
    { name: 'members', kind: 'float' as ColumnKind, values: kept.map((r) => r.members.length) },
  ]
  return {
    body: arrowStream(
      columns.map(({ name, kind }) => ({ name, kind })),
      [columns.map((c) => c.values)],
    ),
    rows: kept.length,
    truncated: rows.length > query.limit,
  }
}
