// A tenant's edits of the assistant's personas (tenant_personas): one row per edited persona, null columns
// keeping the default. Written only from a validated PersonaOverride (services/nlp/personas.ts).
import { and, eq } from 'drizzle-orm'
import { tenantPersonas } from '../../../db/schema/index.ts'
import {
  PERSONA_IDS,
  type PersonaId,
  type PersonaOverride,
  type PersonaTool,
} from '../../core/nlp/assistant/personas.ts'
import type { Tx } from './client.ts'

const isPersonaId = (value: string): value is PersonaId => (PERSONA_IDS as readonly string[]).includes(value)

/** The tenant's overrides by persona (a row for a persona no longer known is ignored). */
export async function personaOverrides(tx: Tx, tenantId: string): Promise<Map<PersonaId, PersonaOverride>> {
  const rows = await tx.select().from(tenantPersonas).where(eq(tenantPersonas.tenantId, tenantId))
  const overrides = new Map<PersonaId, PersonaOverride>()
  for (const row of rows) {
    if (!isPersonaId(row.persona)) continue
    overrides.set(row.persona, {
      ...(row.title !== null ? { title: row.title } : {}),
      ...(row.focus !== null ? { focus: row.focus } : {}),
      ...(row.tools !== null ? { tools: row.tools as PersonaTool[] } : {}),
      ...(row.filter !== null ? { filter: row.filter } : {}),
      ...(row.enabled !== null ? { enabled: row.enabled } : {}),
    })
  }
  return overrides
}

/** Replaces the tenant's edit of `persona` with `override` (fields left out keep the default). */
export async function storePersonaOverride(
  tx: Tx,
  tenantId: string,
  persona: PersonaId,
  override: PersonaOverride,
  updatedBy: string | null,
) {
  const values = {
    title: override.title ?? null,
    focus: override.focus ?? null,
    tools: override.tools ? [...override.tools] : null,
    filter: override.filter ?? null,
    enabled: override.enabled ?? null,
    updatedBy,
    updatedAt: new Date(),
  }
  await tx
    .insert(tenantPersonas)
    .values({ tenantId, persona, ...values })
    .onConflictDoUpdate({ target: [tenantPersonas.tenantId, tenantPersonas.persona], set: values })
}

/** Removes the tenant's edit of `persona`; whether there was one. */
export async function deletePersonaOverride(tx: Tx, tenantId: string, persona: PersonaId): Promise<boolean> {
  const deleted = await tx
    .delete(tenantPersonas)
    .where(and(eq(tenantPersonas.tenantId, tenantId), eq(tenantPersonas.persona, persona)))
    .returning({ persona: tenantPersonas.persona })
  return deleted.length > 0
}
