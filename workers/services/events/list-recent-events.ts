import type { TenantHub } from '../../../durable-objects/tenant-hub.ts'
import { tenantHub } from '../../adapters/events.ts'
import type { Services } from '../container.ts'

/** The tenant's newest events, newest first, and the hub position a live stream resumes after. */
export async function listRecentEvents(services: Services, tenantId: string, limit: number) {
  // RPC typing turns CloudEvent's `unknown` payload into `never`; the hub returns exactly this shape.
  const recent = (await tenantHub(services.env, tenantId).recent(limit)) as unknown as Awaited<
    ReturnType<TenantHub['recent']>
  >
  return { data: recent.events, last_event_id: recent.last_seq }
}
