import { boolean, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { tenantIsolation } from './rls.ts'
import { tenants } from './tenancy.ts'

/**
 * A tenant's edit of one of the assistant's personas (core/nlp/assistant/personas.ts). A null column keeps the
 * default's value; no row: the default persona. Deleting the row restores the defaults.
 */
export const tenantPersonas = pgTable(
  'tenant_personas',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    persona: text('persona').notNull(),
    title: text('title'),
    focus: text('focus'),
    tools: jsonb('tools').$type<string[]>(),
    filter: jsonb('filter').$type<Record<string, unknown>>(),
    enabled: boolean('enabled'),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.persona] }), tenantIsolation(t.tenantId)],
)
