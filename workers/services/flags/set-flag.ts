import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withScope } from '../../adapters/db/client.ts'
import { type FlagScope, isPlatformAdmin, storedFlagValues, storeFlagValue } from '../../adapters/db/flags-repo.ts'
import { publishEvent } from '../../adapters/events.ts'
import { dropCachedFlags, publishFlagValue } from '../../adapters/flags.ts'
import { cloudEvent } from '../../core/events/cloud-event.ts'
import { type FlagName, isFlagName, resolveFlag } from '../../core/flags/registry.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { REDIS_WAIT_MS, within } from '../within.ts'

interface FlagChange {
  name: string
  /** null removes the scope's value. */
  value: boolean | null
  actor: Actor
}

/**
 * After the commit: Redis gets the value, so every isolate's next read sees it. If Redis refuses it, the
 * scope's cache is dropped (the next read goes to Postgres); if even that fails, the stale value lasts
 * until the cache's TTL (FLAG_CACHE_TTL_SECONDS).
 */
async function publish(services: Services, scope: FlagScope, name: FlagName, value: boolean | null) {
  try {
    await within(publishFlagValue(services.redis, scope, name, value), REDIS_WAIT_MS, 'flag publish')
  } catch (error) {
    try {
      await within(dropCachedFlags(services.redis, scope), REDIS_WAIT_MS, 'flag cache drop')
      services.log('warn', 'could not publish a flag change; dropped the cached scope', {
        flag: name,
        error: String(error),
      })
    } catch {
      services.log(
        'error',
        'flag change neither published nor dropped; the old value may be read until the cache expires',
        {
          flag: name,
          error: String(error),
        },
      )
    }
  }
}

async function setFlag(
  services: Services,
  tenantId: string,
  userId: string | null,
  scope: FlagScope,
  change: FlagChange,
) {
  const { name, value } = change
  if (!isFlagName(name)) throw new ProblemError('not_found', `There is no flag ${name}. GET /v1/flags lists them.`)
  // Postgres first: the value and its audit row commit together, and are the truth Redis caches.
  const stored = await withScope(services.db, { tenantId, ...(userId ? { userId } : {}) }, async (tx) => {
    if (scope === 'global' && !(userId && (await isPlatformAdmin(tx, userId))))
      throw new ProblemError(
        'forbidden',
        'Only a platform admin sets a flag for every tenant. PUT /v1/flags/{name} sets it for this tenant.',
      )
    await storeFlagValue(tx, scope, name, value, change.actor.actorId)
    await recordAudit(tx, tenantId, {
      ...change.actor,
      action: scope === 'global' ? 'flag.global_changed' : 'flag.changed',
      targetType: 'flag',
      targetId: name,
      metadata: { value },
    })
    return storedFlagValues(tx, tenantId)
  })
  await publish(services, scope, name, value)
  const valueIn = (global: boolean) =>
    stored.find((row) => row.name === name && (row.tenantId === null) === global)?.value ?? null
  // A global change answers with what a tenant without an override now gets.
  const flag = resolveFlag(name, valueIn(true), scope === 'global' ? null : valueIn(false))
  await publishEvent(services.env, cloudEvent(tenantId, 'aos.flag.changed', { ...flag }, `flags/${name}`))
  return flag
}

/** Overrides a flag for the tenant (null clears the override); returns the flag's new effective state. */
export const setTenantFlag = (services: Services, tenantId: string, change: FlagChange) =>
  setFlag(services, tenantId, null, { tenantId }, change)

/**
 * Sets a flag for every tenant without an override of its own (null clears it, back to the code
 * default); platform admins only. Tenant overrides win, so a tenant that chose keeps its choice. The
 * change is audited, and broadcast live, in the admin's own tenant.
 */
export const setGlobalFlag = (services: Services, tenantId: string, userId: string, change: FlagChange) =>
  setFlag(services, tenantId, userId, 'global', change)
