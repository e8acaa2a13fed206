// A stream's mapping as it drives the DCL now, entry by entry: the tenant's accepted registry mapping
// when it has one, else the connector's built-in mapping. A repair changes these entries.
import type { MappingTransform } from '../aam/canonical/transforms.ts'
import type { EntityMapping } from '../aam/connectors/cursor-source.ts'

export interface CurrentEntry {
  source_path: string
  entity: string
  field: string
  transform: MappingTransform
  origin: 'registry' | 'connector'
}

const entriesOf = (m: EntityMapping, origin: CurrentEntry['origin']): CurrentEntry[] =>
  Object.entries(m.mapping).map(([field, source_path]) => ({
    source_path,
    entity: m.entity,
    field,
    transform: m.transforms?.[field] ?? 'none',
    origin,
  }))

export function currentEntries(registered: EntityMapping | undefined, builtIn: EntityMapping | undefined) {
  if (registered) return entriesOf(registered, 'registry')
  return builtIn ? entriesOf(builtIn, 'connector') : []
}
