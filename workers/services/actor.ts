import type { AuditEntry } from '../adapters/db/audit-repo.ts'

/** Who asked for a change, as the audit log records it: a route fills it from the principal and the request id. */
export type Actor = Pick<AuditEntry, 'actorType' | 'actorId' | 'requestId'>
