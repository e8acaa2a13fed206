// Which registry writes a batch of stated mappings needs: a mapping whose newest version already says
// the same thing is left alone (so loading a file twice changes nothing); anything else becomes the
// next version of its mapping.
import { type MappingContent, type MappingKey, mappingKeyText, sameContent } from './mapping-entry.ts'

export type StatedMapping = MappingKey & MappingContent
export type StoredVersion = MappingKey & MappingContent & { version: number }

export interface VersionPlan {
  writes: (StatedMapping & { version: number })[]
  unchanged: number
}

export function planVersions(stated: readonly StatedMapping[], latest: readonly StoredVersion[]): VersionPlan {
  const newest = new Map(latest.map((v) => [mappingKeyText(v), v]))
  const writes: VersionPlan['writes'] = []
  let unchanged = 0
  for (const mapping of stated) {
    const current = newest.get(mappingKeyText(mapping))
    if (current && sameContent(current, mapping)) {
      unchanged++
      continue
    }
    const next = { ...mapping, version: (current?.version ?? 0) + 1 }
    writes.push(next)
    newest.set(mappingKeyText(next), next) // a key stated twice gets two versions, never two v1s
  }
  return { writes, unchanged }
}
