import type { Principal } from './auth/principal.ts'

/** The audit log's actor for whoever made the request. */
export const auditActor = (principal: Principal) =>
  principal.kind === 'api_key'
    ? { actorType: 'api_key' as const, actorId: principal.keyId }
    : { actorType: 'user' as const, actorId: principal.userId }
