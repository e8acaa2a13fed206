import type { ConnectionRow } from '../../adapters/db/aam-repo.ts'
import { type Tx, withTenant } from '../../adapters/db/client.ts'
import { connectionHealthFacts } from '../../adapters/db/health-repo.ts'
import { connectionHealth, type Health } from '../../core/aam/health.ts'
import type { Services } from '../container.ts'
import { presentConnection } from './present-connection.ts'

type HealthRow = Pick<ConnectionRow, 'id' | 'draft' | 'lastSyncedAt' | 'nextSyncAt'>

/** Each connection's health by id, from its latest sync job and its streams (one query each for all). */
export async function healthOf(tx: Tx, tenantId: string, rows: HealthRow[]): Promise<Map<string, Health>> {
  const facts = await connectionHealthFacts(
    tx,
    tenantId,
    rows.map((r) => r.id),
  )
  return new Map(
    rows.map((row) => {
      const f = facts.get(row.id)
      return [
        row.id,
        connectionHealth({
          draft: row.draft,
          lastSyncedAt: row.lastSyncedAt,
          nextSyncAt: row.nextSyncAt,
          latestSync: f?.latestSync ?? null,
          pausedStreams: f?.pausedStreams ?? 0,
          heldStreams: f?.heldStreams ?? 0,
        }),
      ]
    }),
  )
}

/** Connections as the API shows them, each with its health. */
export async function presentConnections(tx: Tx, tenantId: string, rows: ConnectionRow[]) {
  const health = await healthOf(tx, tenantId, rows)
  return rows.map((row) => presentConnection(row, health.get(row.id) as Health))
}

export async function presentOneConnection(services: Services, tenantId: string, row: ConnectionRow) {
  const [out] = await withTenant(services.db, tenantId, (tx) => presentConnections(tx, tenantId, [row]))
  return out as ReturnType<typeof presentConnection>
}
