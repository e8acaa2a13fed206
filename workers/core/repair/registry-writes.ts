// What applying a repair writes to the registry. A stream still driven by its connector's built-in
// mapping has nothing in the registry to change, so its built-in entries are copied in first (the
// registry then drives the stream, with the repair's changes on top).
import type { CurrentEntry } from './current-entries.ts'
import type { RepairWrite } from './proposal.ts'

export interface RegistryWrite extends RepairWrite {
  /** Copied from the connector's mapping (not the repair's own change). */
  seeded: boolean
}

export function repairRegistryWrites(
  writes: readonly RepairWrite[],
  current: readonly CurrentEntry[],
): RegistryWrite[] {
  const changed = new Set(writes.map((w) => w.source_path))
  const seeds = current
    .filter((e) => e.origin === 'connector' && !changed.has(e.source_path))
    .map(
      (e): RegistryWrite => ({
        source_path: e.source_path,
        entity: e.entity,
        field: e.field,
        transform: e.transform,
        status: 'accepted',
        seeded: true,
      }),
    )
  return [...seeds, ...writes.map((w) => ({ ...w, seeded: false }))]
}
