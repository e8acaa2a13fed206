import type { AuditEntry } from '../adapters/db/audit-repo.ts'
import type { Principal } from './auth/principal.ts'

/** The audit log's actor for whoever made the request. */
export const auditActor = (principal: Principal) =>
  principal.kind === 'api_key'
    ? { actorType: 'api_key' as const, actorId: principal.keyId }
    : { actorType: 'user' as const, actorId: principal.userId }

/** Who asked for a change, as the audit log records it: the principal's kind and id, and the request id. */
export type Actor = Pick<AuditEntry, 'actorType' | 'actorId' | 'requestId'>
