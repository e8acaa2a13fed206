// The tenant's personas: the defaults with the tenant's edits applied (core/nlp/assistant/personas.ts), and
// the admin's edit and reset of one, each audited in the transaction that makes it.
import type { z } from '@hono/zod-openapi'
import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { type Tx, withTenant } from '../../adapters/db/client.ts'
import { deletePersonaOverride, personaOverrides, storePersonaOverride } from '../../adapters/db/personas-repo.ts'
import type { PersonaUpdate } from '../../contract/nlp.ts'
import {
  effectivePersonas,
  PERSONA_IDS,
  type Persona,
  type PersonaId,
  type Personas,
  type PersonaTool,
} from '../../core/nlp/assistant/personas.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { filterFromWire, filterToWire } from '../kb/search-knowledge-base.ts'
import { ProblemError } from '../problem-error.ts'

const effective = async (tx: Tx, tenantId: string) => effectivePersonas(await personaOverrides(tx, tenantId))

/** The personas routing and answering use for this tenant. */
export const tenantPersonas = (services: Services, tenantId: string): Promise<Personas> =>
  withTenant(services.db, tenantId, async (tx) => (await effective(tx, tenantId)).personas)

const present = (persona: Persona, customised: boolean) => ({
  ...persona,
  vocabulary: [...persona.vocabulary],
  tools: [...persona.tools],
  filter: filterToWire(persona.filter),
  customised,
})

/** `GET /v1/nlp/personas`. */
export async function listPersonas(services: Services, tenantId: string) {
  const { personas, customised } = await withTenant(services.db, tenantId, (tx) => effective(tx, tenantId))
  return { data: PERSONA_IDS.map((id) => present(personas[id], customised.has(id))) }
}

/** `PUT /v1/nlp/personas/{persona}`: replaces the tenant's edit; answers the persona as it now is. */
export async function updatePersona(
  services: Services,
  tenantId: string,
  persona: PersonaId,
  update: z.output<typeof PersonaUpdate>,
  actor: Actor,
) {
  return withTenant(services.db, tenantId, async (tx) => {
    await storePersonaOverride(
      tx,
      tenantId,
      persona,
      { ...update, ...(update.filter ? { filter: filterFromWire(update.filter) } : {}) },
      actor.actorId,
    )
    await recordAudit(tx, tenantId, {
      ...actor,
      action: 'persona.updated',
      targetType: 'persona',
      targetId: persona,
      metadata: { fields: Object.keys(update).sort() },
    })
    return present((await effective(tx, tenantId)).personas[persona], true)
  })
}

/** `DELETE /v1/nlp/personas/{persona}`: back to the default; 404 when the tenant had not changed it. */
export async function resetPersona(services: Services, tenantId: string, persona: PersonaId, actor: Actor) {
  return withTenant(services.db, tenantId, async (tx) => {
    if (!(await deletePersonaOverride(tx, tenantId, persona)))
      throw new ProblemError('not_found', `The ${persona} persona has no edit in this workspace: it is the default.`)
    await recordAudit(tx, tenantId, {
      ...actor,
      action: 'persona.reset',
      targetType: 'persona',
      targetId: persona,
    })
    return present((await effective(tx, tenantId)).personas[persona], false)
  })
}

/** The persona, refused with a problem when the tenant disabled it or took away the tool the request needs. */
export function usablePersona(personas: Personas, id: PersonaId, tool: PersonaTool): Persona {
  const persona = personas[id]
  if (!persona.enabled)
    throw new ProblemError('conflict', `The ${persona.title} persona is disabled in this workspace.`)
  if (!persona.tools.includes(tool))
    throw new ProblemError('conflict', `The ${persona.title} persona may not use ${tool} in this workspace.`)
  return persona
}
