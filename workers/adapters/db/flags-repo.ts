import { and, eq, isNull, or } from 'drizzle-orm'
import { flagValues, platformAdmins } from '../../../db/schema/index.ts'
import type { Tx } from './client.ts'

/** Where a stored flag value applies: one tenant, or every tenant without an override of its own. */
export type FlagScope = { tenantId: string } | 'global'

const scopeIs = (scope: FlagScope) =>
  scope === 'global' ? isNull(flagValues.tenantId) : eq(flagValues.tenantId, scope.tenantId)

/** The tenant's overrides and the global values (RLS lets the tenant's transaction read both). */
export async function storedFlagValues(tx: Tx, tenantId: string) {
  return tx
    .select({ tenantId: flagValues.tenantId, name: flagValues.name, value: flagValues.value })
    .from(flagValues)
    .where(or(eq(flagValues.tenantId, tenantId), isNull(flagValues.tenantId)))
}

/** Stores `value` for the scope, or removes the scope's value when null. */
export async function storeFlagValue(
  tx: Tx,
  scope: FlagScope,
  name: string,
  value: boolean | null,
  updatedBy: string | null,
) {
  if (value === null) {
    await tx.delete(flagValues).where(and(scopeIs(scope), eq(flagValues.name, name)))
    return
  }
  const tenantId = scope === 'global' ? null : scope.tenantId
  await tx
    .insert(flagValues)
    .values({ tenantId, name, value, updatedBy })
    .onConflictDoUpdate({
      target: [flagValues.tenantId, flagValues.name],
      set: { value, updatedBy, updatedAt: new Date() },
    })
}

/** Whether the transaction's user (app.user_id) may change platform-wide settings. */
export async function isPlatformAdmin(tx: Tx, userId: string) {
  const rows = await tx
    .select({ userId: platformAdmins.userId })
    .from(platformAdmins)
    .where(eq(platformAdmins.userId, userId))
  return rows.length > 0
}
