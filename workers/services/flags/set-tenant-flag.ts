import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { publishEvent } from '../../adapters/events.ts'
import { readFlags, writeTenantFlag } from '../../adapters/flags.ts'
import { cloudEvent } from '../../core/events/cloud-event.ts'
import { isFlagName } from '../../core/flags/registry.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'

/**
 * Overrides a flag for the tenant (null clears the override), records who did it and tells the tenant's
 * live clients (`aos.flag.changed`). Returns the flag's new effective state.
 */
export async function setTenantFlag(
  services: Services,
  tenantId: string,
  input: { name: string; value: boolean | null; actor: Actor },
) {
  const { name, value } = input
  if (!isFlagName(name)) throw new ProblemError('not_found', `There is no flag ${name}. GET /v1/flags lists them.`)
  const { redis, db, env } = services
  await writeTenantFlag(redis, tenantId, name, value)
  const flag = (await readFlags(redis, tenantId)).find((f) => f.name === name)
  if (!flag) throw new ProblemError('internal', 'flag vanished after write')
  await withTenant(db, tenantId, (tx) =>
    recordAudit(tx, tenantId, {
      ...input.actor,
      action: 'flag.changed',
      targetType: 'flag',
      targetId: name,
      metadata: { override: value, effective: flag.value },
    }),
  )
  await publishEvent(env, cloudEvent(tenantId, 'aos.flag.changed', { ...flag }, `flags/${name}`))
  return flag
}
