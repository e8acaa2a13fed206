// Which canonical entity a stream's records become, as the tenant's mapping registry says: the newest
// version of each of the stream's mappings, those accepted, read as one EntityMapping. Only the built-in
// entities (account, contact, opportunity) produce canonical events; mappings to a tenant's own entity
// stay in the registry (planned: unified views of them). A mapping that cannot make an entity (a
// required field such as external_id unmapped) is reported, not used, so the stream's records are
// still stored as generic records instead of each being quarantined for a mapping problem.

import { EVENT_ENTITIES } from '../../../contract/vocabulary/entities.ts'
import { type CanonicalIssue, entityFields, validateMapping } from '../../aam/canonical/mapping.ts'
import type { MappingTransform } from '../../aam/canonical/transforms.ts'
import type { EntityMapping } from '../../aam/connectors/cursor-source.ts'
import type { MappingStatus } from './mapping-entry.ts'

/** A newest registry version of one of the stream's mappings (for its connection or for every connection). */
export interface StreamMappingVersion {
  connection_id: string | null
  source_path: string
  entity: string
  field: string
  transform: MappingTransform
  confidence: number
  status: MappingStatus
}

export type EventEntity = (typeof EVENT_ENTITIES)[number]
export const isEventEntity = (entity: string): entity is EventEntity =>
  (EVENT_ENTITIES as readonly string[]).includes(entity)

export type RegistryEntityMapping =
  | { ok: true; mapping: EntityMapping }
  | { ok: false; entity: EventEntity; issues: CanonicalIssue[] }

/** Per source field, the version that holds: one stated for this connection beats one for every connection. */
export function effectiveVersions<V extends Pick<StreamMappingVersion, 'connection_id' | 'source_path'>>(
  versions: readonly V[],
): V[] {
  const byPath = new Map<string, V>()
  for (const v of versions) {
    const held = byPath.get(v.source_path)
    if (!held || (held.connection_id === null && v.connection_id !== null)) byPath.set(v.source_path, v)
  }
  return [...byPath.values()]
}

/** The built-in entity's required fields that `fields` leave unmapped (`external_id`, `name`, …). */
export const missingRequired = (entity: EventEntity, fields: Iterable<string>) => {
  const mapped = new Set(fields)
  return entityFields(entity).required.filter((name) => !mapped.has(name))
}

/**
 * The accepted mappings as an EntityMapping, or why they cannot be one; undefined when none is accepted
 * for a built-in entity. Should a stream's fields be accepted for two entities, the one with more fields wins.
 */
export function registryEntityMapping(versions: readonly StreamMappingVersion[]): RegistryEntityMapping | undefined {
  const accepted = effectiveVersions(versions).filter((v) => v.status === 'accepted' && isEventEntity(v.entity))
  const counts = new Map<EventEntity, number>()
  for (const v of accepted) counts.set(v.entity as EventEntity, (counts.get(v.entity as EventEntity) ?? 0) + 1)
  const [entity] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? []
  if (!entity) return undefined
  const mapping: Record<string, string> = {}
  const transforms: Record<string, MappingTransform> = {}
  // Two source fields accepted for one canonical field: the surer one fills it.
  const ordered = accepted.filter((v) => v.entity === entity).sort((a, b) => b.confidence - a.confidence)
  for (const v of ordered) {
    if (Object.hasOwn(mapping, v.field)) continue
    mapping[v.field] = v.source_path
    if (v.transform !== 'none') transforms[v.field] = v.transform
  }
  const issues = validateMapping(entity, mapping)
  if (issues.length > 0) return { ok: false, entity, issues }
  return { ok: true, mapping: { entity, mapping, ...(Object.keys(transforms).length > 0 ? { transforms } : {}) } }
}
