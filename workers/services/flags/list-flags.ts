import { readFlags } from '../../adapters/flags.ts'
import type { Services } from '../container.ts'

/** Every flag with its effective value for the tenant and where that value comes from. */
export const listFlags = (services: Services, tenantId: string) => readFlags(services.redis, tenantId)
