/**
 * Whether a token issued at `issuedAt` (its `iat`: seconds, with a fraction) was cut off by the user's
 * revocation stamp in the tenant (epoch milliseconds, null when there is none). A tie counts as
 * revoked: it can only mean both instants fall in the same clock tick, and letting an older token
 * through is worse than asking a newer one to refresh again.
 */
export const isRevokedToken = (issuedAt: number, revokedAtMs: number | null): boolean =>
  revokedAtMs !== null && issuedAt * 1000 <= revokedAtMs
