import type { RepairRow } from '../../adapters/db/repairs-repo.ts'
import { publishEvent } from '../../adapters/events.ts'
import { cloudEvent } from '../../core/events/cloud-event.ts'
import type { Services } from '../container.ts'
import { queueMetadataRefresh } from '../kb/metadata-documents.ts'
import { indexRepairDecision } from './similar-repairs.ts'

type RepairEvent = 'aos.repair.proposed' | 'aos.repair.applied' | 'aos.repair.reverted' | 'aos.repair.rejected'

/**
 * Tells the tenant's live clients (Review page, dashboard) what happened to a repair, after the commit,
 * and refreshes the knowledge base's metadata documents, whose drift history names the repairs (a person's
 * decision is indexed as its own document, which similar repairs later retrieve).
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
  // A person's decision is evidence for the next similar repair at once, not after the refresh job.
  if (type !== 'aos.repair.proposed' && r.decidedByType !== 'system') {
    try {
      await indexRepairDecision(services, tenantId, r.id)
    } catch (error) {
      // The decision stands; the metadata refresh below writes the document again.
      services.log('warn', 'repair.index_failed', { repair_id: r.id, error: String(error) })
    }
  }
  await queueMetadataRefresh(services, tenantId)
}
