import type { App } from '../app-env.ts'
import { registerAcceptInvitation } from './auth/accept-invitation.ts'
import { registerConfirmPasswordReset } from './auth/confirm-password-reset.ts'
import { registerGetMe } from './auth/get-me.ts'
import { registerListMyTenants } from './auth/list-my-tenants.ts'
import { registerLogin } from './auth/login.ts'
import { registerLogout } from './auth/logout.ts'
import { registerPreviewInvitation } from './auth/preview-invitation.ts'
import { registerRefreshSession } from './auth/refresh-session.ts'
import { registerRequestPasswordReset } from './auth/request-password-reset.ts'
import { registerSignup } from './auth/signup.ts'
import { registerSwitchTenant } from './auth/switch-tenant.ts'
import { registerVerifyEmail } from './auth/verify-email.ts'

/** Routes that work without a token; everything else under /v1 needs one. */
export const PUBLIC_AUTH_PATHS = [
  '/v1/auth/signup',
  '/v1/auth/verify-email',
  '/v1/auth/login',
  '/v1/auth/refresh',
  '/v1/auth/password-reset',
  '/v1/auth/password-reset/confirm',
  '/v1/auth/invitation',
  '/v1/auth/accept-invitation',
]

export function registerAuthRoutes(app: App) {
  registerSignup(app)
  registerVerifyEmail(app)
  registerLogin(app)
  registerRefreshSession(app)
  registerLogout(app)
  registerRequestPasswordReset(app)
  registerConfirmPasswordReset(app)
  registerPreviewInvitation(app)
  registerAcceptInvitation(app)
  registerGetMe(app)
  registerListMyTenants(app)
  registerSwitchTenant(app)
}
