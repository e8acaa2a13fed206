import { checkOutboundUrl } from '../../../core/http/outbound-url.ts'
import { ApiError } from '../../errors.ts'

/** A URL from a connection's settings that the Worker will call must pass the outbound rule. */
export function requireCallableUrl(path: string, raw: string, allowLoopback: boolean) {
  const checked = checkOutboundUrl(raw, allowLoopback)
  if (!checked.ok)
    throw new ApiError('validation_failed', `${path} ${checked.reason}.`, [
      { path, message: checked.reason, code: 'invalid_url' },
    ])
}
