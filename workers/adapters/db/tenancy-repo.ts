import { and, asc, eq, type SQL, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { memberships, tenants, users } from '../../../db/schema/index.ts'
import type { Role } from '../../contract/vocabulary/roles.ts'
import type { Tx } from './client.ts'

/** Run with scope { loginEmail: email }: RLS shows exactly that user row, if it exists. */
export async function findUserByEmail(tx: Tx, email: string) {
  const [row] = await tx.select().from(users).where(eq(users.email, email)).limit(1)
  return row ?? null
}

/** Run with scope { userId }: RLS shows the user's own memberships across tenants. */
export function activeMembershipsOfUser(tx: Tx, userId: string) {
  return tx
    .select({ tenantId: memberships.tenantId, role: memberships.role, tenantName: tenants.name })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, 'active')))
    .orderBy(asc(memberships.createdAt))
}

/** Every tenant the user was ever a member of, active or not. Run with scope { userId }. */
export async function tenantIdsOfUser(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ tenantId: memberships.tenantId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
  return rows.map((r) => r.tenantId)
}

export async function insertTenant(tx: Tx, tenantId: string, name: string) {
  const [row] = await tx.insert(tenants).values({ id: tenantId, name }).returning()
  return row as typeof tenants.$inferSelect
}

/** Accounts are created only from an emailed link, so a new user's address is proved. */
export async function insertVerifiedUser(tx: Tx, email: string, passwordHash: string) {
  const [row] = await tx.insert(users).values({ email, passwordHash, emailVerifiedAt: sql`now()` }).returning()
  return row as typeof users.$inferSelect
}

/**
 * Someone proved the address with a link: the address is verified and, when `passwordHash` is given,
 * the password becomes theirs (an unproved account's password, set by whoever registered it, is void).
 * Run with scope { userId }.
 */
export async function proveAddress(tx: Tx, userId: string, passwordHash: string | null) {
  await tx
    .update(users)
    .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`, ...(passwordHash ? { passwordHash } : {}) })
    .where(eq(users.id, userId))
}

export async function insertMembership(tx: Tx, tenantId: string, userId: string, role: Role) {
  const [row] = await tx.insert(memberships).values({ tenantId, userId, role }).returning()
  return row as typeof memberships.$inferSelect
}

const memberColumns = {
  id: users.id,
  email: users.email,
  emailVerifiedAt: users.emailVerifiedAt,
  role: memberships.role,
  status: memberships.status,
  createdAt: memberships.createdAt,
}

export function listMembers(tx: Tx, tenantId: string) {
  return tx
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(asc(memberships.createdAt))
}

const memberIs = (tenantId: string, userId: string) =>
  and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId))

/** Epoch milliseconds with the microseconds kept, so revocation stamps and session reads compare exactly. */
const epochMs = (instant: SQL | AnyPgColumn) => sql<number>`(extract(epoch from ${instant}) * 1000)::float8`

const selectMember = (tx: Tx) =>
  tx
    .select({ ...memberColumns, readAtMs: epochMs(sql`clock_timestamp()`) })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))

/**
 * The member, with `readAtMs`: the database's clock at this read, the clock `sessions_revoked_at` is
 * set from. `lock` orders the read against concurrent changes to the membership:
 * - `update`, for a change that stamps the row, so the stamp follows any session read in flight;
 * - `share`, for a new session: a role change in flight either commits first (and is what this reads)
 *   or waits and stamps after `readAtMs`, so the session's token orders exactly against the stamp.
 */
export async function findMember(tx: Tx, tenantId: string, userId: string, lock?: 'update' | 'share') {
  const query = selectMember(tx).where(memberIs(tenantId, userId))
  const [row] = await (lock ? query.for(lock, { of: memberships }) : query)
  return row ?? null
}

export async function findMemberByEmail(tx: Tx, tenantId: string, email: string) {
  const [row] = await selectMember(tx).where(and(eq(memberships.tenantId, tenantId), eq(users.email, email)))
  return row ?? null
}

export async function findTenant(tx: Tx, tenantId: string) {
  const [row] = await tx.select().from(tenants).where(eq(tenants.id, tenantId))
  return row ?? null
}

/**
 * The changes below stamp `sessions_revoked_at`, cutting off the member's access tokens issued
 * before it; they return the stamp (epoch ms) for the revocation cache. clock_timestamp(), not now():
 * the statement's own instant, after any lock it waited for, not the transaction's start.
 */
const revokedAt = { revokedAtMs: epochMs(memberships.sessionsRevokedAt) }

export async function setMemberRole(tx: Tx, tenantId: string, userId: string, role: Role): Promise<number> {
  const [row] = await tx
    .update(memberships)
    .set({ role, sessionsRevokedAt: sql`clock_timestamp()` })
    .where(memberIs(tenantId, userId))
    .returning(revokedAt)
  return (row as { revokedAtMs: number }).revokedAtMs
}

export async function deactivateMember(tx: Tx, tenantId: string, userId: string): Promise<number> {
  const [row] = await tx
    .update(memberships)
    .set({ status: 'deactivated', deactivatedAt: sql`now()`, sessionsRevokedAt: sql`clock_timestamp()` })
    .where(memberIs(tenantId, userId))
    .returning(revokedAt)
  return (row as { revokedAtMs: number }).revokedAtMs
}

/** Only the stamp: the user's access tokens here issued before now stop working (password reset). */
export async function stampSessionsRevoked(tx: Tx, tenantId: string, userId: string): Promise<number> {
  const [row] = await tx
    .update(memberships)
    .set({ sessionsRevokedAt: sql`clock_timestamp()` })
    .where(memberIs(tenantId, userId))
    .returning(revokedAt)
  return (row as { revokedAtMs: number }).revokedAtMs
}

/** Stamps older than the longest token lifetime cut off no live token, so only newer ones are cached. */
export function recentSessionRevocations(tx: Tx, tenantId: string, withinSeconds: number) {
  return tx
    .select({ userId: memberships.userId, ...revokedAt })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        sql`${memberships.sessionsRevokedAt} > now() - make_interval(secs => ${withinSeconds})`,
      ),
    )
}

export async function countActiveOwners(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, 'owner'), eq(memberships.status, 'active')))
  return row?.n ?? 0
}

export async function reactivateMember(tx: Tx, tenantId: string, userId: string, role: Role) {
  await tx
    .update(memberships)
    .set({ status: 'active', deactivatedAt: null, role })
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
}
