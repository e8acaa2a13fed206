import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import { invitations, tenants, users } from '../../../db/schema/index.ts'
import type { Role } from '../../contract/vocabulary/roles.ts'
import type { Tx } from './client.ts'

const pending = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt))

/** A new invitation replaces a pending one to the same address (a re-send gets a fresh link). */
export async function replaceInvitation(
  tx: Tx,
  tenantId: string,
  values: { email: string; role: Role; tokenHash: string; invitedBy: string; expiresAt: Date },
) {
  await tx
    .update(invitations)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.email, values.email), pending))
  const [row] = await tx
    .insert(invitations)
    .values({ tenantId, ...values })
    .returning()
  return row as typeof invitations.$inferSelect
}

const listColumns = {
  id: invitations.id,
  email: invitations.email,
  role: invitations.role,
  createdAt: invitations.createdAt,
  expiresAt: invitations.expiresAt,
  invitedBy: users.email,
}

export type InvitationRow = Awaited<ReturnType<typeof listPendingInvitations>>[number]

/** Not yet accepted nor revoked, expired ones included (the list shows them as expired). */
export function listPendingInvitations(tx: Tx, tenantId: string) {
  return tx
    .select(listColumns)
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.tenantId, tenantId), pending))
    .orderBy(desc(invitations.createdAt))
}

export async function revokeInvitation(tx: Tx, tenantId: string, id: string): Promise<boolean> {
  const rows = await tx
    .update(invitations)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, id), pending))
    .returning({ id: invitations.id })
  return rows.length > 0
}

/** The usable invitation a link's token names, with its tenant's name; null when used, revoked or expired. */
export async function findUsableInvitation(tx: Tx, tenantId: string, tokenHash: string) {
  const [row] = await tx
    .select({ ...listColumns, tenantName: tenants.name })
    .from(invitations)
    .innerJoin(tenants, eq(tenants.id, invitations.tenantId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(
      and(
        eq(invitations.tenantId, tenantId),
        eq(invitations.tokenHash, tokenHash),
        pending,
        gt(invitations.expiresAt, sql`now()`),
      ),
    )
  return row ?? null
}

/** Returns false when the invitation was accepted or revoked meanwhile (a concurrent accept). */
export async function markInvitationAccepted(tx: Tx, tenantId: string, id: string, userId: string) {
  const rows = await tx
    .update(invitations)
    .set({ acceptedAt: sql`now()`, acceptedBy: userId })
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, id), pending))
    .returning({ id: invitations.id })
  return rows.length > 0
}
