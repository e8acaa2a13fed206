import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { dclDeadLetters, dclEntities } from '../../../db/schema/index.ts'
import type { EntityVersion } from '../../core/dcl/canonical-feed.ts'
import type { Tx } from './client.ts'

export type ChangedEntity = { entity: string; source: string; external_id: string }

/**
 * Upserts entity versions, each only over an older one (by event time, then id): a redelivered, replayed
 * or late event changes nothing. `rederived` versions are the same source versions converted again
 * under a changed mapping: they also replace the row of their own event when its data differs. Returns
 * how many rows were created and updated, and which (the unified views refresh just those).
 */
export async function applyEntityVersions(
  tx: Tx,
  tenantId: string,
  versions: readonly EntityVersion[],
  rederived = false,
) {
  if (versions.length === 0) return { created: 0, updated: 0, changed: [] }
  const result = await tx.execute<{ created: number; updated: number; changed: ChangedEntity[] | null }>(sql`
    with applied as (
      insert into dcl_entities (tenant_id, entity, source, external_id, event_id, event_time, data)
      select ${tenantId}::uuid, v.entity, v.source, v.external_id, v.event_id, v.event_time, v.data
      from jsonb_to_recordset(${JSON.stringify(versions)}::jsonb)
        as v(entity text, source text, external_id text, event_id text, event_time timestamptz, data jsonb)
      on conflict (tenant_id, entity, source, external_id) do update
        set event_id = excluded.event_id, event_time = excluded.event_time, data = excluded.data,
            versions = dcl_entities.versions + 1, updated_at = now()
        where (excluded.event_id <> dcl_entities.event_id
            and (excluded.event_time, excluded.event_id) > (dcl_entities.event_time, dcl_entities.event_id))
          or (${rederived} and excluded.event_id = dcl_entities.event_id and excluded.data is distinct from dcl_entities.data)
      returning (xmax = 0) as created, entity, source, external_id
    )
    select count(*) filter (where created)::int as created, count(*) filter (where not created)::int as updated,
      jsonb_agg(jsonb_build_object('entity', entity, 'source', source, 'external_id', external_id)) as changed
    from applied`)
  const row = result.rows[0]
  return { created: Number(row?.created ?? 0), updated: Number(row?.updated ?? 0), changed: row?.changed ?? [] }
}

export function listEntities(tx: Tx, tenantId: string, entity: string | undefined, limit: number, offset: number) {
  return tx
    .select()
    .from(dclEntities)
    .where(and(eq(dclEntities.tenantId, tenantId), entity ? eq(dclEntities.entity, entity) : undefined))
    .orderBy(desc(dclEntities.updatedAt), dclEntities.entity, dclEntities.source, dclEntities.externalId)
    .limit(limit)
    .offset(offset)
}

export async function entityCounts(tx: Tx, tenantId: string) {
  return tx
    .select({ entity: dclEntities.entity, count: sql<number>`count(*)::int` })
    .from(dclEntities)
    .where(eq(dclEntities.tenantId, tenantId))
    .groupBy(dclEntities.entity)
}

export async function insertDeadLetter(tx: Tx, tenantId: string, streamId: string, events: unknown[]) {
  const [row] = await tx.insert(dclDeadLetters).values({ tenantId, streamId, events }).returning()
  return row
}

export function listDeadLetters(tx: Tx, tenantId: string) {
  return tx
    .select()
    .from(dclDeadLetters)
    .where(and(eq(dclDeadLetters.tenantId, tenantId), isNull(dclDeadLetters.replayedAt)))
    .orderBy(desc(dclDeadLetters.createdAt))
    .limit(100)
}

/** Marks a dead letter replayed and returns it, once: a second replay finds nothing. */
export async function takeDeadLetter(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .update(dclDeadLetters)
    .set({ replayedAt: new Date() })
    .where(and(eq(dclDeadLetters.tenantId, tenantId), eq(dclDeadLetters.id, id), isNull(dclDeadLetters.replayedAt)))
    .returning()
  return row ?? null
}
