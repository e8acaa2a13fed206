import { withTenant } from '../../adapters/db/client.ts'
import { deleteDocument } from '../../adapters/db/kb-repo.ts'
import type { KbDeps } from './kb-deps.ts'

/** Removes a document and its chunks from the tenant's knowledge base; false when it had no such document. */
export const deleteKbDocument = (deps: Pick<KbDeps, 'db'>, tenantId: string, which: { key: string } | { id: string }) =>
  withTenant(deps.db, tenantId, (tx) => deleteDocument(tx, tenantId, which))
