import type { App } from '../app-env.ts'
import { registerLogin } from './auth/login.ts'
import { registerLogout } from './auth/logout.ts'
import { registerRefresh } from './auth/refresh.ts'
import { registerSignup } from './auth/signup.ts'
import { registerSwitchTenant } from './auth/switch-tenant.ts'
import { registerMe } from './me.ts'

/** Routes that work without a token; everything else under /v1 needs one. */
export const PUBLIC_AUTH_PATHS = ['/v1/auth/signup', '/v1/auth/login', '/v1/auth/refresh']

export function registerAuthRoutes(app: App) {
  registerSignup(app)
  registerLogin(app)
  registerRefresh(app)
  registerLogout(app)
  registerMe(app)
  registerSwitchTenant(app)
}
