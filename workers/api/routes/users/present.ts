import type { findMember } from '../../../adapters/db/tenancy-repo.ts'

type MemberRow = NonNullable<Awaited<ReturnType<typeof findMember>>>

export const presentMember = (row: MemberRow) => ({
  id: row.id,
  email: row.email,
  role: row.role,
  status: row.status,
  created_at: row.createdAt.toISOString(),
})
