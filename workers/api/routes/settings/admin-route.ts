import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity } from '../../openapi.ts'

/** What every settings route (Slack, asset discovery) shares: the settings tag, a token, and the admin role. */
export const admin = { tags: ['settings'], security: bearerSecurity, middleware: requireRole('admin') }
