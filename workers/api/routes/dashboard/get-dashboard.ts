import { createRoute } from '@hono/zod-openapi'
import { withTenant } from '../../../adapters/db/client.ts'
import { connectionHealth, driftPerDay, jobsByStatus, jobsPerDay } from '../../../adapters/db/dashboard-repo.ts'
import { Dashboard, DashboardQuery, dayWindow, fillDays } from '../../../core/dashboard/schema.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'getDashboard',
  method: 'get',
  path: '/v1/dashboard',
  tags: ['dashboard'],
  summary: 'Sync health, jobs and drift over the last days, for the console’s dashboard',
  security: bearerSecurity,
  request: { query: DashboardQuery },
  responses: { 200: jsonBody(Dashboard), ...problemResponses },
})

export const registerDashboard = (app: App) =>
  app.openapi(route, async (c) => {
    const { days } = c.req.valid('query')
    const tenantId = c.get('tenantId')
    const window = dayWindow(days, new Date())
    const since = new Date(`${window[0]}T00:00:00Z`)
    const [byStatus, perDay, drift, health] = await withTenant(c.get('services').db, tenantId, async (tx) => [
      await jobsByStatus(tx, tenantId),
      await jobsPerDay(tx, tenantId, since),
      await driftPerDay(tx, tenantId, since),
      await connectionHealth(tx, tenantId),
    ])
    return c.json(
      {
        days,
        jobs_by_status: byStatus,
        jobs_per_day: fillDays(window, perDay, (day) => ({ day, succeeded: 0, failed: 0, other: 0 })),
        drift_per_day: fillDays(window, drift, (day) => ({ day, breaking: 0, non_breaking: 0 })),
        connections: health.map((h) => ({
          id: h.id,
          name: h.name,
          kind: h.kind,
          last_synced_at: h.lastSyncedAt?.toISOString() ?? null,
          streams: h.streams,
          paused_streams: h.pausedStreams,
          records: h.records,
          open_quarantine: h.openQuarantine,
        })),
      },
      200,
    )
  })
