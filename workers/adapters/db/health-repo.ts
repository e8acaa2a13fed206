import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import { jobs, streams } from '../../../db/schema/index.ts'
import type { HealthInput, LatestSync } from '../../core/aam/health.ts'
import type { Tx } from './client.ts'

type ConnectionFacts = Pick<HealthInput, 'latestSync' | 'pausedStreams' | 'heldStreams'>

/** What health is derived from, per connection id: its latest sync job (not cancelled) and its streams' states. */
export async function connectionHealthFacts(
  tx: Tx,
  tenantId: string,
  connectionIds: string[],
): Promise<Map<string, ConnectionFacts>> {
  const facts = new Map<string, ConnectionFacts>(
    connectionIds.map((id) => [id, { latestSync: null, pausedStreams: 0, heldStreams: 0 }]),
  )
  if (connectionIds.length === 0) return facts
  const connectionId = sql<string>`${jobs.payload}->>'connection_id'`
  const syncs = await tx
    .selectDistinctOn([connectionId], {
      connectionId,
      status: jobs.status,
      attempts: jobs.attempts,
      maxAttempts: jobs.maxAttempts,
      lastError: jobs.lastError,
      nextRunAt: jobs.nextRunAt,
    })
    .from(jobs)
    .where(
      and(
        eq(jobs.tenantId, tenantId),
        eq(jobs.kind, 'aam.sync'),
        ne(jobs.status, 'cancelled'),
        inArray(connectionId, connectionIds),
      ),
    )
    .orderBy(connectionId, desc(jobs.createdAt), desc(jobs.id))
  for (const { connectionId: id, ...latestSync } of syncs) {
    const entry = facts.get(id)
    if (entry) entry.latestSync = latestSync satisfies LatestSync
  }
  const states = await tx
    .select({
      connectionId: streams.connectionId,
      paused: sql<number>`count(${streams.pausedAt})::int`,
      held: sql<number>`count(${streams.heldDriftId})::int`,
    })
    .from(streams)
    .where(and(eq(streams.tenantId, tenantId), inArray(streams.connectionId, connectionIds)))
    .groupBy(streams.connectionId)
  for (const s of states) {
    const entry = facts.get(s.connectionId)
    if (entry) Object.assign(entry, { pausedStreams: s.paused, heldStreams: s.held })
  }
  return facts
}
