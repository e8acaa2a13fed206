import { auditLog } from '../../../db/schema/index.ts'
import type { Tx } from './client.ts'

export interface AuditEntry {
  actorType: 'user' | 'api_key' | 'system'
  actorId: string | null
  action: string
  targetType?: string
  targetId?: string
  metadata?: Record<string, unknown>
  requestId?: string
}

/** Called inside the transaction of the change, so the change and its record commit together. */
export async function recordAudit(tx: Tx, tenantId: string, entry: AuditEntry) {
  await tx.insert(auditLog).values({ tenantId, ...entry, metadata: entry.metadata ?? {} })
}
