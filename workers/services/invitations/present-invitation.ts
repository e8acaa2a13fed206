import type { InvitationRow } from '../../adapters/db/invitations-repo.ts'

export const presentInvitation = (row: InvitationRow, now = Date.now()) => ({
  id: row.id,
  email: row.email,
  role: row.role,
  status: row.expiresAt.getTime() > now ? ('pending' as const) : ('expired' as const),
  invited_by: row.invitedBy,
  created_at: row.createdAt.toISOString(),
  expires_at: row.expiresAt.toISOString(),
})
