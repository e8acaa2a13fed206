import { withTenant } from '../../adapters/db/client.ts'
import { connectionHealth, driftPerDay, jobsByStatus, jobsPerDay } from '../../adapters/db/dashboard-repo.ts'
import type { Health } from '../../core/aam/health.ts'
import { dayWindow, fillDays } from '../../core/dashboard/day-window.ts'
import { healthOf } from '../aam/connection-health.ts'
import type { Services } from '../container.ts'

/** Sync health, jobs and drift over the last `days` UTC days, today included. */
export async function getDashboard(services: Services, tenantId: string, days: number) {
  const window = dayWindow(days, new Date())
  const since = new Date(`${window[0]}T00:00:00Z`)
  const [byStatus, perDay, drift, counts, health] = await withTenant(services.db, tenantId, async (tx) => {
    const counts = await connectionHealth(tx, tenantId)
    return [
      await jobsByStatus(tx, tenantId),
      await jobsPerDay(tx, tenantId, since),
      await driftPerDay(tx, tenantId, since),
      counts,
      await healthOf(tx, tenantId, counts),
    ] as const
  })
  return {
    days,
    jobs_by_status: byStatus,
    jobs_per_day: fillDays(window, perDay, (day) => ({ day, succeeded: 0, failed: 0, other: 0 })),
    drift_per_day: fillDays(window, drift, (day) => ({ day, breaking: 0, non_breaking: 0 })),
    connections: counts.map((h) => ({
      id: h.id,
      name: h.name,
      kind: h.kind,
      last_synced_at: h.lastSyncedAt?.toISOString() ?? null,
      streams: h.streams,
      paused_streams: h.pausedStreams,
      records: h.records,
      open_quarantine: h.openQuarantine,
      health: health.get(h.id) as Health,
    })),
  }
}
