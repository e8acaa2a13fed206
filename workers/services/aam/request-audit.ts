import type { AuditEntry } from '../../adapters/db/audit-repo.ts'

/** Who asked for a change, as the audit log records it: the caller's actor and the request id. */
export type RequestAudit = Pick<AuditEntry, 'actorType' | 'actorId'> & { requestId: string }
