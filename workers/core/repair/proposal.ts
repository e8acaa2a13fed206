// The repair engine's proposals for one drift record: for each change that touches a mapped field,
// what to write to the mapping registry, how sure the engine is, and why, in words a reviewer reads.
// Pure: the stream's current mapping and the tenant's past decisions come in as plain values.
import type { RepairKind } from '../../contract/vocabulary/repairs.ts'
import type { MappingTransform } from '../aam/canonical/transforms.ts'
import { isWidening } from '../aam/drift/type-lattice.ts'
import type { DriftChange, FieldType } from '../aam/schema-snapshot.ts'
import { canonicalTargetFields } from '../dcl/mapping/canonical-target.ts'
import { missingRequired } from '../dcl/registry/stream-entity-mapping.ts'
import type { CurrentEntry } from './current-entries.ts'
import { type Precedent, signatureOf, withHistory } from './history.ts'

/** A registry entry of the stream as it reads once the repair is applied. */
export interface RepairWrite {
  source_path: string
  entity: string
  field: string
  transform: MappingTransform
  status: 'accepted' | 'deprecated'
}

export interface RepairProposal {
  /** The change's position in the drift record: one repair per change. */
  change_index: number
  kind: RepairKind
  signature: string
  summary: string
  confidence: number
  evidence: string[]
  writes: RepairWrite[]
}

/** A widened type still coerces into the canonical field; values that do not fit are quarantined one by one. */
const CAST_CONFIDENCE = 0.9
/** A removed field's mappings retired: certain, unless the entity cannot be built without it. */
const DEPRECATE_CONFIDENCE = 0.9
const DEPRECATE_REQUIRED_CONFIDENCE = 0.3
/** A narrowed or sideways type: a person should look at the values first. */
const TRANSFORM_CONFIDENCE = 0.45

/** The entries a change at `path` touches: the field itself, or fields nested under it (an object renamed). */
const touching = (entries: readonly CurrentEntry[], path: string) =>
  entries.filter((e) => e.source_path === path || e.source_path.startsWith(`${path}.`))

const target = (e: CurrentEntry) => `${e.entity}.${e.field}`
const origin = (e: CurrentEntry) =>
  e.origin === 'connector' ? "the connector's built-in mapping" : 'an accepted mapping in the registry'
const fieldType = (entity: string, field: string): FieldType | undefined =>
  canonicalTargetFields(entity as Parameters<typeof canonicalTargetFields>[0]).find((f) => f.path === field)?.type

/** A transform that turns values of the new source type into the canonical field's type, where one exists. */
function transformFor(to: FieldType, canonical: FieldType | undefined): MappingTransform | null {
  if (to === 'integer' && canonical === 'timestamp') return 'epoch_seconds_to_timestamp'
  if (to === 'timestamp' && canonical === 'date') return 'timestamp_to_date'
  return null
}

function remap(change: Extract<DriftChange, { kind: 'renamed' }>, entries: readonly CurrentEntry[]) {
  const hit = touching(entries, change.from)
  if (hit.length === 0) return null
  const moved = (e: CurrentEntry) => `${change.to}${e.source_path.slice(change.from.length)}`
  return {
    kind: 'remap' as const,
    summary: `Repoint ${hit.map(target).join(', ')} from ${change.from} to ${change.to}`,
    confidence: change.confidence,
    evidence: [
      `The drift classifier reads ${change.from} → ${change.to} as a rename (confidence ${change.confidence.toFixed(2)}).`,
      ...hit.map((e) => `${e.source_path} filled ${target(e)} (from ${origin(e)}).`),
      `Without the repair, ${hit.map(target).join(', ')} stop filling from this stream.`,
    ],
    writes: hit.flatMap((e): RepairWrite[] => [
      { ...entryContent(e), source_path: moved(e), status: 'accepted' },
      { ...entryContent(e), status: 'deprecated' },
    ]),
  }
}

function deprecate(change: Extract<DriftChange, { kind: 'removed' }>, entries: readonly CurrentEntry[]) {
  const hit = touching(entries, change.path)
  if (hit.length === 0) return null
  const [first] = hit as [CurrentEntry]
  const remaining = entries.filter((e) => !hit.includes(e) && e.entity === first.entity).map((e) => e.field)
  const lost = missingRequired(first.entity as Parameters<typeof missingRequired>[0], remaining)
  return {
    kind: 'deprecate' as const,
    summary: `Retire the mappings of removed field ${change.path} (${hit.map(target).join(', ')})`,
    confidence: lost.length > 0 ? DEPRECATE_REQUIRED_CONFIDENCE : DEPRECATE_CONFIDENCE,
    evidence: [
      `${change.path} is gone from the source; it filled ${hit.map(target).join(', ')}.`,
      `The ${first.entity} view keeps the values it already merged; new rows from this stream leave ${hit.map((e) => e.field).join(', ')} empty.`,
      ...(lost.length > 0
        ? [
            `${first.entity} cannot be built without ${lost.join(', ')}: map another field to it (edit, then approve) or this stream's records are quarantined.`,
          ]
        : []),
    ],
    writes: hit.map((e): RepairWrite => ({ ...entryContent(e), status: 'deprecated' })),
  }
}

function retype(change: Extract<DriftChange, { kind: 'type_changed' }>, entries: readonly CurrentEntry[]) {
  const hit = entries.filter((e) => e.source_path === change.path)
  if (hit.length === 0) return null
  const targets = hit.map(target).join(', ')
  if (isWidening(change.from, change.to)) {
    return {
      kind: 'cast' as const,
      summary: `Keep ${targets} filling from ${change.path}, now ${change.to}`,
      confidence: CAST_CONFIDENCE,
      evidence: [
        `${change.path} widened from ${change.from} to ${change.to}.`,
        `${targets} coerce the new values; a value that does not fit is quarantined with its record, the rest keep flowing.`,
      ],
      writes: [],
    }
  }
  const writes = hit.flatMap((e): RepairWrite[] => {
    const transform = transformFor(change.to, fieldType(e.entity, e.field))
    return transform ? [{ ...entryContent(e), transform, status: 'accepted' }] : []
  })
  return {
    kind: 'transform' as const,
    summary:
      writes.length > 0
        ? `Re-shape ${change.path} (${change.from} → ${change.to}) with ${writes.map((w) => w.transform).join(', ')}`
        : `Review ${change.path}: ${change.from} → ${change.to} no longer fits ${targets}`,
    confidence: TRANSFORM_CONFIDENCE,
    evidence: [
      `${change.path} changed from ${change.from} to ${change.to}, which ${targets} may not hold.`,
      'Until it is decided, each record whose value does not fit is quarantined with the reason; the others keep flowing.',
      ...(writes.length > 0
        ? [`A transform fits: ${writes.map((w) => `${w.transform} for ${w.field}`).join(', ')}.`]
        : []),
    ],
    writes,
  }
}

const entryContent = (e: CurrentEntry) => ({
  source_path: e.source_path,
  entity: e.entity,
  field: e.field,
  transform: e.transform,
})

/**
 * One proposal per change that touches a mapped field (changes to unmapped fields need no repair; an
 * added field is the mapper's to suggest). Confidence comes from the change's evidence, then the
 * tenant's history of decisions on the same repair.
 */
export function proposeRepairs(
  changes: readonly DriftChange[],
  entries: readonly CurrentEntry[],
  precedents: readonly Precedent[],
): RepairProposal[] {
  const proposals: RepairProposal[] = []
  changes.forEach((change, change_index) => {
    const base =
      change.kind === 'renamed'
        ? remap(change, entries)
        : change.kind === 'removed'
          ? deprecate(change, entries)
          : change.kind === 'type_changed'
            ? retype(change, entries)
            : null
    if (!base) return
    const signature = signatureOf(base.kind, change)
    const { confidence, evidence } = withHistory(base.confidence, signature, precedents)
    proposals.push({ change_index, ...base, signature, confidence, evidence: [...base.evidence, ...evidence] })
  })
  return proposals
}
