// A unified view: the members of one canonical entity from every source, clustered into one row per
// real-world entity, each row's values chosen by survivorship with their lineage. Pure: the caller
// reads the members and stores the rows (workers/services/dcl/views/).
import { uuidFromHex } from '../../aam/canonical/event-id.ts'
import { sha256Hex } from '../../aam/fingerprint.ts'
import { clusterMembers } from './cluster.ts'
import { memberKey, type ViewMember } from './member.ts'
import { type Identity, viewProfile } from './profiles.ts'
import { type LineageEntry, rankMembers, survive } from './survivorship.ts'

export type UnifiedRowMember = { source: string; external_id: string; event_time: string }

export type UnifiedRow = {
  /** The smallest member key: the row's identity, so a rebuild gives the same row the same id. */
  anchor: string
  data: Record<string, unknown>
  lineage: Record<string, LineageEntry>
  /** Best first, as survivorship ranked them. */
  members: UnifiedRowMember[]
  sources: string[]
  /** Its members' lookup keys: where an incremental refresh finds the rows a changed record may join. */
  lookup: string[]
}

export type ViewOptions = {
  /** Sources whose values win, strongest first; the others tie and their newest value wins. */
  sourcePriority?: readonly string[]
}

const NO_IDENTITY: Identity = { keys: [], lookup: [], conflicts: {}, nameWords: [] }

/** The lookup keys of one member (what an incremental refresh searches stored rows for). */
export function memberLookup(entity: string, member: ViewMember): readonly string[] {
  const profile = viewProfile(entity)
  return profile.mode === 'resolve' ? profile.identity(member.data).lookup : []
}

/**
 * What ties a member to others it may resolve with: its identity keys (`strong`: the resolver merges on
 * them) and its other lookup keys (`weak`: a phone, a name word, what a fuzzy match may be found by).
 * Records sharing neither are resolved apart by a chunked rebuild, as by an incremental refresh.
 */
export function partitionKeys(entity: string, member: ViewMember): { strong: readonly string[]; weak: string[] } {
  const profile = viewProfile(entity)
  if (profile.mode !== 'resolve') return { strong: [], weak: [] }
  const { keys, lookup } = profile.identity(member.data)
  return { strong: keys, weak: lookup.filter((k) => !keys.includes(k)) }
}

export function buildUnifiedRows(
  entity: string,
  members: readonly ViewMember[],
  options: ViewOptions = {},
): UnifiedRow[] {
  const profile = viewProfile(entity)
  const identities = members.map((m) => (profile.mode === 'resolve' ? profile.identity(m.data) : NO_IDENTITY))
  const priority = options.sourcePriority ?? []
  return clusterMembers(members, profile, identities).map((cluster) => {
    const own = cluster.map((i) => members[i] as ViewMember)
    const { data, lineage } = survive(own, priority)
    return {
      anchor: own.map(memberKey).sort()[0] ?? '',
      data,
      lineage,
      members: rankMembers(own, priority).map((m) => ({
        source: m.source,
        external_id: m.externalId,
        event_time: m.eventTime,
      })),
      sources: [...new Set(own.map((m) => m.source))].sort(),
      lookup: [...new Set(cluster.flatMap((i) => identities[i]?.lookup ?? []))].sort(),
    }
  })
}

/** The row id: a UUID from the entity and the anchor, so it survives a rebuild. */
export async function unifiedRowId(entity: string, anchor: string) {
  return uuidFromHex(await sha256Hex(`aos-unified-row/v1\n${JSON.stringify([entity, anchor])}`))
}
