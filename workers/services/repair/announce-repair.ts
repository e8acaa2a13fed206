import type { RepairRow } from '../../adapters/db/repairs-repo.ts'
import { publishEvent } from '../../adapters/events.ts'
import { cloudEvent } from '../../core/events/cloud-event.ts'
import type { Services } from '../container.ts'
import { queueMetadataRefresh } from '../kb/metadata-documents.ts'

type RepairEvent = 'aos.repair.proposed' | 'aos.repair.applied' | 'aos.repair.reverted' | 'aos.repair.rejected'

/**
 * Tells the tenant's live clients (Review page, dashboard) what happened to a repair, after the commit,
 * and refreshes the knowledge base's metadata documents, whose drift history names the repairs.
 */
export async function announceRepair(services: Services, tenantId: string, type: RepairEvent, r: RepairRow) {
  await publishEvent(
    services.env,
    cloudEvent(
      tenantId,
      type,
      {
        id: r.id,
        drift_id: r.driftId,
        connection_id: r.connectionId,
        stream_id: r.streamId,
        kind: r.kind,
        summary: r.summary,
        confidence: r.confidence,
        status: r.status,
        decided_by: r.decidedByType,
      },
      `repairs/${r.id}`,
    ),
  )
  await queueMetadataRefresh(services, tenantId)
}
