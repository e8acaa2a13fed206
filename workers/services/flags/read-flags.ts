import { withTenant } from '../../adapters/db/client.ts'
import { storedFlagValues } from '../../adapters/db/flags-repo.ts'
import { fillCachedFlags, readCachedFlags, type ScopeValues } from '../../adapters/flags.ts'
import { FLAG_NAMES, type FlagState, resolveFlag } from '../../core/flags/registry.ts'
import type { Services } from '../container.ts'
import { REDIS_WAIT_MS, within } from '../within.ts'

type Stored = { global: ScopeValues; tenant: ScopeValues }

const resolveAll = ({ global, tenant }: Stored): FlagState[] =>
  FLAG_NAMES.map((name) => resolveFlag(name, global[name] ?? null, tenant[name] ?? null))

async function fromPostgres(services: Services, tenantId: string): Promise<Stored> {
  const rows = await withTenant(services.db, tenantId, (tx) => storedFlagValues(tx, tenantId))
  const stored: Stored = { global: {}, tenant: {} }
  for (const row of rows) stored[row.tenantId === null ? 'global' : 'tenant'][row.name] = row.value
  return stored
}

/**
 * Every flag's effective value for the tenant and where it comes from: from Redis, else (not cached, or
 * Redis refusing or hanging) from Postgres, the truth. A Redis outage costs a query, never a wrong value.
 */
export async function readFlags(services: Services, tenantId: string): Promise<FlagState[]> {
  const { redis, log } = services
  let cached: Awaited<ReturnType<typeof readCachedFlags>>
  try {
    cached = await within(readCachedFlags(redis, tenantId), REDIS_WAIT_MS, 'flags read')
  } catch (error) {
    log('warn', 'flags read from Postgres: Redis did not answer', { tenant_id: tenantId, error: String(error) })
    return resolveAll(await fromPostgres(services, tenantId))
  }
  if (cached.global && cached.tenant) return resolveAll({ global: cached.global, tenant: cached.tenant })

  const stored = await fromPostgres(services, tenantId)
  try {
    await within(fillCachedFlags(redis, tenantId, FLAG_NAMES, stored), REDIS_WAIT_MS, 'flags cache fill')
  } catch (error) {
    log('warn', 'could not fill the flags cache', { tenant_id: tenantId, error: String(error) })
  }
  return resolveAll(stored)
}
