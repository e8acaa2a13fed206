// The review queue: drift held for a decision, repairs below the threshold (or in Safe Mode) and mapping
// suggestions nobody has decided, newest first, each with its evidence, the registry diff approving it
// writes, and how many rows it touches.

import type { z } from '@hono/zod-openapi'
import { connectionNames, streamNames } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { countHeld, pendingDrift } from '../../adapters/db/drift-review-repo.ts'
import { listLatestVersions } from '../../adapters/db/mapping-registry-repo.ts'
import { listRepairs } from '../../adapters/db/repairs-repo.ts'
import type { ReviewItem as ReviewItemSchema } from '../../contract/review.ts'
import type { MappingTransform } from '../../core/aam/canonical/transforms.ts'
import { summarizeChanges } from '../../core/aam/drift-policy.ts'
import { DriftChangeSchema } from '../../core/aam/schema-snapshot.ts'
import type { Services } from '../container.ts'

type ReviewItem = z.infer<typeof ReviewItemSchema>

const LIMIT = 200

export async function listReview(services: Services, tenantId: string) {
  return withTenant(services.db, tenantId, async (tx) => {
    const drift = await pendingDrift(tx, tenantId, LIMIT)
    const held = await countHeld(
      tx,
      tenantId,
      drift.map((d) => d.drift.id),
    )
    const repairs = await listRepairs(tx, tenantId, { status: 'proposed', limit: LIMIT - 1 })
    const mappings = await listLatestVersions(tx, tenantId, { status: 'proposed', limit: LIMIT - 1 })
    const names = await streamNames(
      tx,
      tenantId,
      repairs.map((r) => r.streamId),
    )
    const mappedConnections = await connectionNames(
      tx,
      tenantId,
      mappings.flatMap((m) => (m.connectionId ? [m.connectionId] : [])),
    )
    const items: ReviewItem[] = [
      ...drift.map(({ drift: d, stream, connection }) => {
        const changes = DriftChangeSchema.array().parse(d.changes)
        return {
          type: 'drift' as const,
          id: d.id,
          summary: `Schema change held for review: ${summarizeChanges(changes)}`,
          confidence: null,
          evidence: [
            `Policy ${d.policy}: breaking changes wait for a person.`,
            ...changes.map((c) => summarizeChanges([c])),
          ],
          diff: [],
          rows_affected: held.get(d.id) ?? 0,
          connection_id: d.connectionId,
          connection,
          stream_id: d.streamId,
          stream,
          created_at: d.detectedAt.toISOString(),
        }
      }),
      ...repairs.map((r) => ({
        type: 'repair' as const,
        id: r.id,
        summary: r.summary,
        confidence: r.confidence,
        evidence: r.evidence,
        diff: r.writes.map((w) => ({
          source_path: w.source_path,
          target: `${w.entity}.${w.field}`,
          transform: w.transform,
          change: w.status === 'accepted' ? ('map' as const) : ('retire' as const),
        })),
        rows_affected: names.get(r.streamId)?.records ?? 0,
        connection_id: r.connectionId,
        connection: names.get(r.streamId)?.connection ?? null,
        stream_id: r.streamId,
        stream: names.get(r.streamId)?.stream ?? null,
        created_at: r.createdAt.toISOString(),
      })),
      ...mappings.map((m) => ({
        type: 'mapping' as const,
        id: m.id,
        summary: `Map ${m.sourceStream}.${m.sourcePath} to ${m.entity}.${m.field}`,
        confidence: m.confidence,
        evidence: m.evidence,
        diff: [
          {
            source_path: m.sourcePath,
            target: `${m.entity}.${m.field}`,
            transform: m.transform as MappingTransform,
            change: 'map' as const,
          },
        ],
        rows_affected: 0,
        connection_id: m.connectionId,
        connection: (m.connectionId && mappedConnections.get(m.connectionId)) || null,
        stream_id: null,
        stream: m.sourceStream,
        created_at: m.createdAt.toISOString(),
      })),
    ].sort((a, b) => b.created_at.localeCompare(a.created_at))
    return {
      data: items,
      counts: { drift: drift.length, repair: repairs.length, mapping: mappings.length },
    }
  })
}
