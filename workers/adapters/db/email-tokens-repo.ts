import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import { emailTokens } from '../../../db/schema/index.ts'
import type { Tx } from './client.ts'

export type EmailTokenPurpose = (typeof emailTokens.$inferSelect)['purpose']

/** Run with scope { tokenHash } matching `values.tokenHash` (RLS lets a transaction insert any row). */
export async function insertEmailToken(
  tx: Tx,
  values: {
    purpose: EmailTokenPurpose
    email: string
    userId: string | null
    tokenHash: string
    data: Record<string, string>
    expiresAt: Date
  },
) {
  await tx.insert(emailTokens).values(values)
}

const usable = (tokenHash: string, purposes: readonly EmailTokenPurpose[]) =>
  and(
    eq(emailTokens.tokenHash, tokenHash),
    isNull(emailTokens.usedAt),
    gt(emailTokens.expiresAt, sql`now()`),
    sql`${emailTokens.purpose} in ${purposes}`,
  )

/** Reads a usable token without using it up (to learn whose it is before the real work). */
export async function peekEmailToken(tx: Tx, tokenHash: string, purposes: readonly EmailTokenPurpose[]) {
  const [row] = await tx.select().from(emailTokens).where(usable(tokenHash, purposes))
  return row ?? null
}

/**
 * Marks an unused, unexpired token of that purpose used and returns it; null when there is none (a
 * second use, or a race with one, finds nothing). Run with scope { tokenHash }.
 */
export async function consumeEmailToken(tx: Tx, tokenHash: string, purposes: readonly EmailTokenPurpose[]) {
  const [row] = await tx.update(emailTokens).set({ usedAt: sql`now()` }).where(usable(tokenHash, purposes)).returning()
  return row ?? null
}
