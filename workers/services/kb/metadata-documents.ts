import { listConnections, listDrift, listTenantStreams } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { viewSourceCounts, viewSummaries } from '../../adapters/db/dcl-views-repo.ts'
import { deleteDocument, documentKeysWithPrefix } from '../../adapters/db/kb-repo.ts'
import { decidedMappings, listLatestVersions } from '../../adapters/db/mapping-registry-repo.ts'
import { decidedRepairs, listRepairs } from '../../adapters/db/repairs-repo.ts'
import type { DriftChange } from '../../core/aam/schema-snapshot.ts'
import { mappingDocument } from '../../core/dcl/mapping/precedents.ts'
import {
  METADATA_KEY_PREFIX,
  type MetadataConnection,
  type MetadataView,
  metadataDocuments,
} from '../../core/nlp/kb/metadata-documents.ts'
import { repairDocument } from '../../core/repair/precedents.ts'
import type { Services } from '../container.ts'
import { submitJob } from '../jobs/submit-job.ts'
import { ingestKbDocuments } from './ingest-document.ts'

/** Drift records per stream a document tells (the newest). */
const DRIFT_PER_STREAM = 20
/** The newest repairs read for the drift documents. */
const REPAIRS_READ = 500
const MAPPINGS_READ = 5000
/** The newest mapping decisions written as precedent documents. */
const DECIDED_MAPPINGS_READ = 500

type Field = { path: string; type: string; nullable: boolean }

/**
 * The kb.metadata job: the workspace's connections, streams and mappings, each drifted stream's changes, each
 * unified view and each repair or mapping a person decided (the newest) written as knowledge-base documents (unchanged ones cost nothing), and the documents of what is
 * gone removed.
 */
export async function refreshMetadataDocuments(services: Services, tenantId: string) {
  const { connections, views, decided, decidedMaps } = await withTenant(services.db, tenantId, async (tx) => {
    const [rows, streams, mappings] = [
      await listConnections(tx, tenantId),
      await listTenantStreams(tx, tenantId),
      await listLatestVersions(tx, tenantId, { limit: MAPPINGS_READ }),
    ]
    const repairs = await listRepairs(tx, tenantId, { limit: REPAIRS_READ })
    const drift = new Map(
      await Promise.all(
        streams.map(async (s) => [s.id, (await listDrift(tx, tenantId, s.id)).slice(0, DRIFT_PER_STREAM)] as const),
      ),
    )
    const [summaries, sourceCounts] = [await viewSummaries(tx, tenantId), await viewSourceCounts(tx, tenantId)]
    const views = summaries.map(
      (v): MetadataView => ({
        entity: v.entity,
        rows: v.rows,
        members: v.members,
        refreshedAt: v.refreshed_at ? new Date(v.refreshed_at) : null,
        sources: sourceCounts.filter((s) => s.entity === v.entity).map((s) => ({ source: s.source, rows: s.rows })),
      }),
    )
    const connections = rows.map(
      (c): MetadataConnection => ({
        id: c.id,
        name: c.name,
        kind: c.kind,
        driftPolicy: c.driftPolicy,
        lastSyncedAt: c.lastSyncedAt,
        streams: streams
          .filter((s) => s.connectionId === c.id)
          .map((s) => ({
            id: s.id,
            name: s.name,
            records: s.recordCount,
            paused: s.pausedAt !== null,
            held: s.heldDriftId !== null,
            fields: ((s.schema ?? []) as Field[]).map((f) => ({ path: f.path, type: f.type, nullable: f.nullable })),
            drift: (drift.get(s.id) ?? []).map((d) => ({
              detectedAt: d.detectedAt,
              changes: d.changes as DriftChange[],
              action: d.action,
              review: d.review,
              decidedAt: d.decidedAt,
              decisionComment: d.decisionComment,
              repairs: repairs
                .filter((r) => r.driftId === d.id)
                .map((r) => ({
                  summary: r.summary,
                  status: r.status,
                  confidence: r.confidence,
                  byEngine: r.decidedByType === 'system',
                })),
            })),
            mappings: mappings
              .filter((m) => m.sourceStream === s.name && (m.connectionId ?? c.id) === c.id)
              .map((m) => ({
                sourcePath: m.sourcePath,
                entity: m.entity,
                field: m.field,
                status: m.status,
                confidence: m.confidence,
              })),
          })),
      }),
    )
    return {
      connections,
      views,
      decided: await decidedRepairs(tx, tenantId, { limit: REPAIRS_READ }),
      decidedMaps: await decidedMappings(tx, tenantId, { limit: DECIDED_MAPPINGS_READ }),
    }
  })
  const llm = services.llm(tenantId, 'kb.embed', { offlineEmbedsRaw: true })
  const written = await ingestKbDocuments({ db: services.db, llm }, tenantId, [
    ...metadataDocuments(connections, views),
    ...decided.map(repairDocument),
    ...decidedMaps.map(mappingDocument),
  ])
  const current = new Set(written.map((d) => d.key))
  const removed = await withTenant(services.db, tenantId, async (tx) => {
    const gone = (await documentKeysWithPrefix(tx, tenantId, METADATA_KEY_PREFIX)).filter((key) => !current.has(key))
    for (const key of gone) await deleteDocument(tx, tenantId, { key })
    return gone.length
  })
  const count = (status: string) => written.filter((d) => d.status === status).length
  return {
    documents: written.length,
    created: count('created'),
    replaced: count('replaced'),
    unchanged: count('unchanged'),
    removed,
  }
}

/**
 * Queues a metadata refresh after something the documents describe changed. One per tenant per minute: the
 * job reads everything when it runs, so a burst of syncs needs only one.
 */
export const queueMetadataRefresh = (services: Services, tenantId: string, now = new Date()) =>
  submitJob(services, tenantId, {
    kind: 'kb.metadata',
    payload: {},
    idempotencyKey: `kb.metadata:${now.toISOString().slice(0, 16)}`,
    createdBy: null,
  })
