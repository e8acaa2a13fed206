// How far the platform acts alone for a tenant: Safe Mode (on for every new tenant) and the confidence at
// which a repair applies itself. Leaving Safe Mode is an admin's explicit, audited act.
import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { type Tx, withTenant } from '../../adapters/db/client.ts'
import { automationOf, putAutomation, setConnectionSafeMode } from '../../adapters/db/repairs-repo.ts'
import { AUTO_APPLY_THRESHOLD } from '../../core/aam/drift/auto-apply.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'

export interface Automation {
  safe_mode: boolean
  repair_threshold: number
}

export async function automationIn(tx: Tx, tenantId: string): Promise<Automation> {
  const row = await automationOf(tx, tenantId)
  return { safe_mode: row?.safeMode ?? true, repair_threshold: row?.repairThreshold ?? AUTO_APPLY_THRESHOLD }
}

export const getAutomation = (services: Services, tenantId: string) =>
  withTenant(services.db, tenantId, (tx) => automationIn(tx, tenantId))

export async function updateAutomation(
  services: Services,
  tenantId: string,
  input: Partial<Automation> & { actor: Actor; userId: string | null },
): Promise<Automation> {
  return withTenant(services.db, tenantId, async (tx) => {
    const before = await automationIn(tx, tenantId)
    const after = {
      safe_mode: input.safe_mode ?? before.safe_mode,
      repair_threshold: input.repair_threshold ?? before.repair_threshold,
    }
    await putAutomation(tx, tenantId, {
      safeMode: after.safe_mode,
      repairThreshold: after.repair_threshold,
      updatedBy: input.userId,
    })
    await recordAudit(tx, tenantId, {
      ...input.actor,
      action:
        before.safe_mode !== after.safe_mode
          ? `safe_mode.${after.safe_mode ? 'entered' : 'left'}`
          : 'automation.updated',
      targetType: 'tenant',
      targetId: tenantId,
      metadata: { before, after },
    })
    return after
  })
}

/** Puts one connection in or out of Safe Mode (new connections start in it). */
export async function setSafeMode(
  services: Services,
  tenantId: string,
  input: { connectionId: string; safeMode: boolean; actor: Actor },
) {
  return withTenant(services.db, tenantId, async (tx) => {
    const row = await setConnectionSafeMode(tx, tenantId, input.connectionId, input.safeMode)
    if (!row)
      throw new ProblemError('not_found', `No connection ${input.connectionId}. GET /v1/connections lists yours.`)
    await recordAudit(tx, tenantId, {
      ...input.actor,
      action: `safe_mode.${input.safeMode ? 'entered' : 'left'}`,
      targetType: 'connection',
      targetId: input.connectionId,
    })
    return { connection_id: row.id, safe_mode: row.safeMode }
  })
}
