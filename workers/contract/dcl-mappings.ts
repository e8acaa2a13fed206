import { z } from '@hono/zod-openapi'
import { checkCanonicalField, MappingEntryFields } from '../core/dcl/registry/mapping-entry.ts'
import { EVENT_ENTITIES } from './vocabulary/entities.ts'
import { MAPPING_PROVENANCES, MAPPING_STATUSES, MAPPING_TRANSFORMS } from './vocabulary/mapping-registry.ts'

// The wire shapes of /v1/dcl/mappings: the mapping registry, one version of a mapping at a time.

export const MappingVersion = z
  .object({
    id: z.uuid().openapi({ description: 'This version’s id; decisions and reverts name it' }),
    source_system: z.string(),
    connection_id: z.uuid().nullable().openapi({ description: 'Null: holds for every connection of the system' }),
    source_stream: z.string(),
    source_path: z.string().openapi({ description: 'The source field, dotted for nested fields' }),
    version: z.number().int().openapi({ description: 'Starts at 1; every change adds one' }),
    entity: z.string(),
    field: z.string(),
    transform: z.enum(MAPPING_TRANSFORMS),
    confidence: z.number(),
    status: z.enum(MAPPING_STATUSES),
    provenance: z.enum(MAPPING_PROVENANCES),
    note: z.string().nullable(),
    evidence: z
      .array(z.string())
      .openapi({ description: 'Why the suggester proposed it, in words (empty when a person stated it)' }),
    created_by: z.string().openapi({ description: 'The user, API key or tool that wrote this version' }),
    created_at: z.string(),
  })
  .openapi('MappingVersion')

export const MappingList = z
  .object({ data: z.array(MappingVersion), next_cursor: z.string().nullable() })
  .openapi('MappingList')

export const MappingVersionList = z.object({ data: z.array(MappingVersion) }).openapi('MappingVersionList')

export const ListMappingsQuery = z.object({
  connection_id: z.uuid().optional(),
  source_stream: z.string().max(200).optional(),
  entity: z.string().max(63).optional(),
  status: z.enum(MAPPING_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
})

export const SaveMappingBody = z
  .object({
    ...MappingEntryFields.shape,
    connection_id: z.uuid().nullable().optional().openapi({
      description: 'Limit the mapping to one connection; leave out for every connection of `source_system`',
    }),
  })
  .superRefine(checkCanonicalField)
  .openapi('SaveMapping')

export const MappingDecisionBody = z
  .object({ comment: z.string().trim().max(1000).optional() })
  .openapi('MappingDecision')

export const SuggestMappingsBody = z
  .object({
    stream_id: z.uuid().openapi({ description: 'The stream to map (GET /v1/connections/{id}/streams)' }),
    entity: z.enum(EVENT_ENTITIES).optional().openapi({
      description: 'The canonical entity to map it to; left out, the entity whose fields match best',
    }),
  })
  .openapi('SuggestMappings')

export const MappingSuggestions = z
  .object({
    stream_id: z.uuid(),
    entity: z.enum(EVENT_ENTITIES),
    suggestions: z.array(MappingVersion).openapi({ description: 'Written now, as proposed versions' }),
    already_stated: z
      .array(z.object({ source_path: z.string(), field: z.string(), status: z.enum(MAPPING_STATUSES) }))
      .openapi({ description: 'Pairs whose newest version already says this: nothing written' }),
    unmatched: z
      .array(z.object({ source_path: z.string(), reason: z.string() }))
      .openapi({ description: 'Source fields left without a target, and why' }),
    llm_questions: z.number().int().openapi({ description: 'Ambiguous fields an LLM was asked about' }),
    missing_required: z.array(z.string()).openapi({
      description:
        'Required fields of the entity no accepted or proposed mapping fills: until they are, the stream reaches the DCL as generic records',
    }),
  })
  .openapi('MappingSuggestions')
