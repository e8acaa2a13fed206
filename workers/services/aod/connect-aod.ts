import { encryptText } from '../../adapters/crypto.ts'
import { saveAodSettings } from '../../adapters/db/aod-repo.ts'
import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { checkOutboundUrl } from '../../core/http/outbound-url.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { aodTokenContext } from './aod-access.ts'
import { presentAodSettings } from './present-aod-settings.ts'

/** Stores where the tenant's asset-discovery service answers, and its token encrypted. */
export async function connectAod(
  services: Services,
  tenantId: string,
  input: { baseUrl: string; token: string; actor: Actor },
) {
  const { db, config } = services
  // The Worker calls this URL, so it must pass the outbound rule like any source's.
  const checked = checkOutboundUrl(input.baseUrl, config.ALLOW_LOOPBACK_URLS)
  if (!checked.ok)
    throw new ProblemError('validation_failed', `base_url ${checked.reason}.`, [
      { path: 'base_url', message: checked.reason, code: 'invalid_url' },
    ])
  const ciphertext = await encryptText(config.DATA_ENCRYPTION_KEY, input.token, aodTokenContext(tenantId))
  const row = await withTenant(db, tenantId, async (tx) => {
    const row = await saveAodSettings(tx, tenantId, input.baseUrl.replace(/\/+$/, ''), ciphertext)
    await recordAudit(tx, tenantId, {
      ...input.actor,
      action: 'settings.aod.updated',
      targetType: 'settings',
      targetId: 'aod',
    })
    return row ?? null
  })
  return presentAodSettings(row)
}
