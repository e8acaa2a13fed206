import { and, eq, gte, isNull, sql } from 'drizzle-orm'
import { connections, driftEvents, jobs, quarantine, streams } from '../../../db/schema/index.ts'
import type { JobStatus } from '../../contract/vocabulary/jobs.ts'
import type { Tx } from './client.ts'

const day = (column: typeof jobs.createdAt | typeof driftEvents.detectedAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`

export function jobsByStatus(tx: Tx, tenantId: string) {
  return tx
    .select({ status: jobs.status, count: sql<number>`count(*)::int` })
    .from(jobs)
    .where(eq(jobs.tenantId, tenantId))
    .groupBy(jobs.status) as Promise<{ status: JobStatus; count: number }[]>
}

export function jobsPerDay(tx: Tx, tenantId: string, since: Date) {
  return tx
    .select({
      day: day(jobs.createdAt),
      succeeded: sql<number>`count(*) filter (where ${jobs.status} = 'succeeded')::int`,
      failed: sql<number>`count(*) filter (where ${jobs.status} in ('failed', 'dead'))::int`,
      other: sql<number>`count(*) filter (where ${jobs.status} not in ('succeeded', 'failed', 'dead'))::int`,
    })
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), gte(jobs.createdAt, since)))
    .groupBy(day(jobs.createdAt))
}

export function driftPerDay(tx: Tx, tenantId: string, since: Date) {
  return tx
    .select({
      day: day(driftEvents.detectedAt),
      breaking: sql<number>`count(*) filter (where ${driftEvents.breaking})::int`,
      non_breaking: sql<number>`count(*) filter (where not ${driftEvents.breaking})::int`,
    })
    .from(driftEvents)
    .where(and(eq(driftEvents.tenantId, tenantId), gte(driftEvents.detectedAt, since)))
    .groupBy(day(driftEvents.detectedAt))
}

/** Per live connection: its streams, how many are paused, stored records and unresolved quarantine. */
export function connectionHealth(tx: Tx, tenantId: string) {
  const openQuarantine = tx
    .select({ streamId: quarantine.streamId, open: sql<number>`count(*)::int`.as('open') })
    .from(quarantine)
    .where(and(eq(quarantine.tenantId, tenantId), isNull(quarantine.resolvedAt)))
    .groupBy(quarantine.streamId)
    .as('open_quarantine')
  return tx
    .select({
      id: connections.id,
      name: connections.name,
      kind: connections.kind,
      lastSyncedAt: connections.lastSyncedAt,
      nextSyncAt: connections.nextSyncAt,
      draft: connections.draft,
      streams: sql<number>`count(${streams.id})::int`,
      pausedStreams: sql<number>`count(${streams.pausedAt})::int`,
      records: sql<number>`coalesce(sum(${streams.recordCount}), 0)::bigint`.mapWith(Number),
      openQuarantine: sql<number>`coalesce(sum(${openQuarantine.open}), 0)::int`,
    })
    .from(connections)
    .leftJoin(streams, and(eq(streams.connectionId, connections.id), eq(streams.tenantId, tenantId)))
    .leftJoin(openQuarantine, eq(openQuarantine.streamId, streams.id))
    .where(and(eq(connections.tenantId, tenantId), isNull(connections.deletedAt)))
    .groupBy(connections.id)
    .orderBy(connections.createdAt)
}
