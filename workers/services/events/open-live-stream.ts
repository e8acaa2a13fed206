import { tenantHub } from '../../adapters/events.ts'
import type { Services } from '../container.ts'

/**
 * Hands a client's live stream (SSE or WebSocket) to the tenant's hub. The tenant comes from the token,
 * never from the client; the hub learns who is listening from `x-aos-principal`.
 */
export async function openLiveStream(
  services: Services,
  tenantId: string,
  input: { transport: 'sse' | 'ws'; request: Request; principalId: string; types?: string; lastEventId?: number },
) {
  const url = new URL(`https://tenant-hub/${input.transport}`)
  if (input.types) url.searchParams.set('types', input.types)
  if (input.lastEventId !== undefined) url.searchParams.set('last_event_id', String(input.lastEventId))
  const headers = new Headers(input.request.headers)
  headers.set('x-aos-principal', input.principalId)
  headers.delete('authorization')
  return tenantHub(services.env, tenantId).fetch(new Request(url, { headers })) as unknown as Response
}
