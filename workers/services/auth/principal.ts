import type { Role } from '../../contract/vocabulary/roles.ts'

/** Who a request acts as, once its bearer token is resolved. */
export type Principal =
  | { kind: 'user'; userId: string; email: string; role: Role; tenantName: string; sessionId: string }
  | { kind: 'api_key'; keyId: string; userId: string; role: Role }
  /** A 60-second token that only opens /v1/events streams. */
  | { kind: 'stream'; userId: string; role: Role }
