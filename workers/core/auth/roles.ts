import type { Role } from '../../contract/vocabulary/roles.ts'

const RANK: Record<Role, number> = { owner: 4, admin: 3, member: 2, viewer: 1 }

export const atLeast = (role: Role, minimum: Role) => RANK[role] >= RANK[minimum]

/** An API key acts with the lesser of its own role and its creator's current role. */
export const lesserRole = (a: Role, b: Role): Role => (RANK[a] <= RANK[b] ? a : b)

/**
 * Who may grant or change a role: owners anything; admins up to admin, and never on an owner.
 * (Transferring ownership stays with owners.)
 */
export function canAssign(actor: Role, currentRole: Role | null, nextRole: Role): boolean {
  if (actor === 'owner') return true
  if (actor !== 'admin') return false
  return nextRole !== 'owner' && currentRole !== 'owner'
}
