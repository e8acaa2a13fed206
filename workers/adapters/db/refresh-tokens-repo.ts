import { and, eq, isNull, sql } from 'drizzle-orm'
import { refreshTokens } from '../../../db/schema/index.ts'
import type { Tx } from './client.ts'

export async function insertRefreshToken(
  tx: Tx,
  tenantId: string,
  values: { userId: string; familyId: string; tokenHash: string; expiresAt: Date },
) {
  await tx.insert(refreshTokens).values({ tenantId, ...values })
}

export async function findRefreshToken(tx: Tx, tenantId: string, tokenHash: string) {
  const [row] = await tx
    .select()
    .from(refreshTokens)
    .where(and(eq(refreshTokens.tenantId, tenantId), eq(refreshTokens.tokenHash, tokenHash)))
    .for('update')
  return row ?? null
}

export async function markRotated(tx: Tx, tenantId: string, id: string) {
  await tx
    .update(refreshTokens)
    .set({ rotatedAt: sql`now()` })
    .where(and(eq(refreshTokens.tenantId, tenantId), eq(refreshTokens.id, id)))
}

export async function revokeFamily(tx: Tx, tenantId: string, familyId: string) {
  await tx
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(
      and(eq(refreshTokens.tenantId, tenantId), eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)),
    )
}

export async function revokeUserSessions(tx: Tx, tenantId: string, userId: string) {
  await tx
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.tenantId, tenantId), eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)))
}
