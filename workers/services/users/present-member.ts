import type { listMembers } from '../../adapters/db/tenancy-repo.ts'

type MemberRow = Awaited<ReturnType<typeof listMembers>>[number]

export const presentMember = (row: MemberRow) => ({
  id: row.id,
  email: row.email,
  role: row.role,
  status: row.status,
  created_at: row.createdAt.toISOString(),
})
