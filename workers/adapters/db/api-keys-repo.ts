import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm'
import { apiKeys, memberships } from '../../../db/schema/index.ts'
import type { Role } from '../../contract/vocabulary/roles.ts'
import type { Tx } from './client.ts'

export async function insertApiKey(
  tx: Tx,
  tenantId: string,
  values: { name: string; prefix: string; keyHash: string; role: Role; createdBy: string; expiresAt: Date | null },
) {
  const [row] = await tx
    .insert(apiKeys)
    .values({ tenantId, ...values })
    .returning()
  return row as typeof apiKeys.$inferSelect
}

export function listActiveApiKeys(tx: Tx, tenantId: string) {
  return tx
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt))
}

/** Returns false when there was no active key with that id in the tenant. */
export async function revokeApiKey(tx: Tx, tenantId: string, id: string): Promise<boolean> {
  const rows = await tx
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id })
  return rows.length > 0
}

/** Deactivation revokes the person's keys for good, so re-adding them later brings none back. */
export async function revokeUserApiKeys(tx: Tx, tenantId: string, userId: string): Promise<number> {
  const rows = await tx
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.createdBy, userId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id })
  return rows.length
}

/** A key is usable only while its creator is an active member; `creatorRole` is their role now. */
export async function findUsableApiKey(tx: Tx, tenantId: string, keyHash: string) {
  const [row] = await tx
    .select({ id: apiKeys.id, role: apiKeys.role, createdBy: apiKeys.createdBy, creatorRole: memberships.role })
    .from(apiKeys)
    .innerJoin(
      memberships,
      and(
        eq(memberships.tenantId, apiKeys.tenantId),
        eq(memberships.userId, apiKeys.createdBy),
        eq(memberships.status, 'active'),
      ),
    )
    .where(
      and(
        eq(apiKeys.tenantId, tenantId),
        eq(apiKeys.keyHash, keyHash),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), sql`${apiKeys.expiresAt} > now()`),
      ),
    )
  return row ?? null
}

/** At most one write a minute per key, so heavy API-key traffic does not turn reads into writes. */
export async function touchApiKey(tx: Tx, tenantId: string, id: string) {
  await tx
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.tenantId, tenantId),
        eq(apiKeys.id, id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    )
}
