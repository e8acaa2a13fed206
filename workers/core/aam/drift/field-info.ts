// Per-field facts computed once per snapshot and reused by every pair comparison, so that
// matching cost is dominated by cheap lookups rather than re-normalising names and samples.
import type { SnapshotField } from '../schema-snapshot.ts'
import { type NameProfile, nameProfile, type WordStats } from './name-similarity.ts'
import { canonicalWords, compactName } from './name-tokens.ts'
import { ancestorsOf, relativeTo } from './paths.ts'
import { profileSamples, type SampleProfile } from './value-overlap.ts'

export interface FieldInfo {
  field: SnapshotField
  index: number // position in its snapshot, for deterministic tie-breaking
  name: NameProfile
  samples: SampleProfile | null
  childKeys: Set<string> // listed descendants, as compact relative paths (structure of objects)
}

/**
 * Infos for the fields whose paths are in `only` (the removed-only or added-only fields: fields
 * present on both sides never take part in matching, so large unchanged schemas stay cheap).
 */
export function buildFieldInfos(
  fields: readonly SnapshotField[],
  only: ReadonlySet<string>,
  stats: WordStats,
): Map<string, FieldInfo> {
  const out = new Map<string, FieldInfo>()
  fields.forEach((field, index) => {
    if (!only.has(field.path)) return
    out.set(field.path, {
      field,
      index,
      name: nameProfile(field.path, stats),
      samples: profileSamples(field.samples),
      childKeys: new Set(),
    })
  })
  for (const f of fields) {
    for (const anc of ancestorsOf(f.path)) {
      out.get(anc)?.childKeys.add(relativeKey(f.path, anc))
    }
  }
  return out
}

/**
 * Formatting- and abbreviation-insensitive key of `path` below `ancestor`:
 * 'Contact.Phone' ~ 'contact.phone', 'items[].qty' ~ 'items[].quantity'.
 */
export function relativeKey(path: string, ancestor: string): string {
  return relativeTo(path, ancestor)
    .split('.')
    .map((seg) => canonicalWords(seg).join('_') || compactName(seg) || seg)
    .join('.')
}
