import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { tenantIsolation } from './rls.ts'
import { tenants } from './tenancy.ts'

/** Where a tenant's asset-discovery (AOD) service answers; its bearer token is stored AES-GCM encrypted. */
export const aodSettings = pgTable(
  'aod_settings',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id),
    baseUrl: text('base_url').notNull(),
    tokenCiphertext: text('token_ciphertext').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [tenantIsolation(t.tenantId)],
)
