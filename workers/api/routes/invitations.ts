import type { App } from '../app-env.ts'
import { registerCreateInvitation } from './invitations/create-invitation.ts'
import { registerListInvitations } from './invitations/list-invitations.ts'
import { registerRevokeInvitation } from './invitations/revoke-invitation.ts'

export function registerInvitationRoutes(app: App) {
  registerCreateInvitation(app)
  registerListInvitations(app)
  registerRevokeInvitation(app)
}
