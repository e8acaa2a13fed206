import { z } from '@hono/zod-openapi'
import { checkCanonicalField } from '../core/dcl/registry/mapping-entry.ts'
import { MAPPING_TRANSFORMS } from './vocabulary/mapping-registry.ts'
import { REPAIR_KINDS, REPAIR_STATUSES } from './vocabulary/repairs.ts'

// The wire shapes of /v1/repairs and /v1/settings/automation: the repair engine's proposals and how far
// it may act alone.

export const RepairWrite = z
  .object({
    source_path: z.string().trim().min(1).max(500),
    entity: z.string().trim().min(1).max(63),
    field: z.string().trim().min(1).max(200),
    transform: z.enum(MAPPING_TRANSFORMS).default('none'),
    status: z.enum(['accepted', 'deprecated']),
  })
  .superRefine(checkCanonicalField)
  .openapi('RepairWrite', { description: 'A registry entry of the stream as it reads once the repair is applied' })

export const Repair = z
  .object({
    id: z.uuid(),
    drift_id: z.uuid().openapi({ description: 'The drift record it repairs (GET /v1/streams/{id}/drift)' }),
    change_index: z.number().int().openapi({ description: 'Which change of the drift record' }),
    connection_id: z.uuid(),
    stream_id: z.uuid(),
    kind: z.enum(REPAIR_KINDS),
    summary: z.string(),
    confidence: z.number().openapi({ description: 'At or above the threshold it applies itself, outside Safe Mode' }),
    evidence: z.array(z.string()).openapi({ description: 'Why, in words: the change, what it fed, past decisions' }),
    writes: z.array(RepairWrite),
    status: z.enum(REPAIR_STATUSES),
    applied_versions: z.array(z.uuid()).openapi({ description: 'The mapping versions applying wrote' }),
    decided_by: z
      .object({ type: z.string(), id: z.string().nullable() })
      .nullable()
      .openapi({ description: '`system` when the engine applied it on its own' }),
    decided_at: z.string().nullable(),
    comment: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('Repair')

export const RepairList = z.object({ data: z.array(Repair), next_cursor: z.string().nullable() }).openapi('RepairList')

export const ListRepairsQuery = z.object({
  status: z.enum(REPAIR_STATUSES).optional(),
  stream_id: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
})

export const RepairDecisionBody = z
  .object({
    comment: z.string().trim().max(1000).optional(),
    writes: z.array(RepairWrite).min(1).max(200).optional().openapi({
      description: 'Approve only: the entries to write instead of the proposal’s (edit, then approve)',
    }),
  })
  .openapi('RepairDecision')

export const Automation = z
  .object({
    safe_mode: z.boolean().openapi({
      description: 'On (the default for a new workspace): repairs are proposed and wait for a person, however sure',
    }),
    repair_threshold: z.number().min(0.5).max(1).openapi({
      description: 'A repair at or above this confidence applies itself outside Safe Mode',
    }),
  })
  .openapi('Automation')

export const AutomationPatch = Automation.partial().openapi('AutomationPatch')

export const SafeModeBody = z.object({ safe_mode: z.boolean() }).openapi('ConnectionSafeMode')
export const ConnectionSafeMode = z
  .object({ connection_id: z.uuid(), safe_mode: z.boolean() })
  .openapi('ConnectionSafeModeState')
