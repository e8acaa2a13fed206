import { and, eq, inArray, isNull } from 'drizzle-orm'
import { aodSettings, connections } from '../../../db/schema/index.ts'
import type { Tx } from './client.ts'

export async function findAodSettings(tx: Tx, tenantId: string) {
  const [row] = await tx.select().from(aodSettings).where(eq(aodSettings.tenantId, tenantId))
  return row ?? null
}

export async function saveAodSettings(tx: Tx, tenantId: string, baseUrl: string, tokenCiphertext: string) {
  const values = { baseUrl, tokenCiphertext, updatedAt: new Date() }
  const [row] = await tx
    .insert(aodSettings)
    .values({ tenantId, ...values })
    .onConflictDoUpdate({ target: aodSettings.tenantId, set: values })
    .returning()
  return row
}

export async function deleteAodSettings(tx: Tx, tenantId: string) {
  await tx.delete(aodSettings).where(eq(aodSettings.tenantId, tenantId))
}

/** The live connections imported from these assets, by asset id. */
export async function connectionsForAssets(tx: Tx, tenantId: string, assetIds: readonly string[]) {
  if (assetIds.length === 0) return new Map<string, typeof connections.$inferSelect>()
  const rows = await tx
    .select()
    .from(connections)
    .where(
      and(
        eq(connections.tenantId, tenantId),
        inArray(connections.aodAssetId, [...assetIds]),
        isNull(connections.deletedAt),
      ),
    )
  return new Map(rows.map((r) => [r.aodAssetId as string, r]))
}
