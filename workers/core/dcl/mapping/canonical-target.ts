// A built-in canonical entity as the schema matcher's target: its fields and types read from the entity's
// zod schema (its JSON Schema output), so the schema stays the only definition.
import { z } from 'zod'
import { CANONICAL_SCHEMAS } from '../../aam/canonical/registry.ts'
import type { FieldType, SnapshotField } from '../../aam/schema-snapshot.ts'
import type { EventEntity } from '../registry/stream-entity-mapping.ts'

type Json = { type?: string | string[]; format?: string; anyOf?: Json[] }

function typeOf(node: Json): FieldType {
  const branch = node.anyOf?.find((b) => b.type !== 'null') ?? node
  const types = Array.isArray(branch.type) ? branch.type : [branch.type]
  if (branch.format === 'date-time') return 'timestamp'
  if (branch.format === 'date') return 'date'
  if (types.includes('integer')) return 'integer'
  if (types.includes('number')) return 'number'
  if (types.includes('boolean')) return 'boolean'
  return 'string'
}

const cache = new Map<EventEntity, SnapshotField[]>()

export function canonicalTargetFields(entity: EventEntity): readonly SnapshotField[] {
  const hit = cache.get(entity)
  if (hit) return hit
  const schema = z.toJSONSchema(CANONICAL_SCHEMAS[entity], { io: 'output', unrepresentable: 'any' })
  const required = new Set(schema.required ?? [])
  const fields = Object.entries((schema.properties ?? {}) as Record<string, Json>).map(
    ([path, node]): SnapshotField => ({ path, type: typeOf(node), nullable: !required.has(path) }),
  )
  cache.set(entity, fields)
  return fields
}
