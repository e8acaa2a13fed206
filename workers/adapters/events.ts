import type { CloudEvent } from '../core/events/cloud-event.ts'
import type { Env } from '../env.ts'

/** The tenant's hub: one Durable Object per tenant, addressed by name. */
export const tenantHub = (env: Env, tenantId: string) => env.TENANT_HUB.get(env.TENANT_HUB.idFromName(tenantId))

export const publishEvent = (env: Env, event: CloudEvent) => tenantHub(env, event.tenantid).publish(event)

/** Events of one tenant, in order, in one call to its hub. */
export async function publishEvents(env: Env, tenantId: string, events: CloudEvent[]) {
  if (events.length > 0) await tenantHub(env, tenantId).publishAll(events)
}
