import { type StreamClaims, signStreamToken } from '../../adapters/jwt.ts'
import type { Services } from '../container.ts'

const TTL_SECONDS = 60

/** A 60-second token that only opens the tenant's live event streams, for clients that cannot send headers. */
export async function issueStreamToken(
  services: Services,
  tenantId: string,
  input: { userId: string; role: StreamClaims['role'] },
) {
  const token = await signStreamToken(
    await services.keys(),
    { sub: input.userId, tid: tenantId, role: input.role },
    TTL_SECONDS,
  )
  return { stream_token: token, expires_in: TTL_SECONDS }
}
