// One value per field from a cluster's members: the first member by source priority (sources listed
// earlier win; unlisted sources tie), then newest event time, that holds a value (null, undefined and
// blank text hold none). Each value keeps where it came from.
import type { ViewMember } from './member.ts'

export type LineageEntry = { source: string; external_id: string; event_time: string }

/** Fields every member has of its own, not facts about the merged entity. */
const OWN_FIELDS = new Set(['external_id'])

const holdsValue = (v: unknown) => v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')

/** Members best first: by source priority, then newest, then by key so equal ones order alike every time. */
export function rankMembers(members: readonly ViewMember[], sourcePriority: readonly string[]): ViewMember[] {
  const rank = (source: string) => {
    const at = sourcePriority.indexOf(source)
    return at < 0 ? sourcePriority.length : at
  }
  return [...members].sort(
    (a, b) =>
      rank(a.source) - rank(b.source) ||
      Date.parse(b.eventTime) - Date.parse(a.eventTime) ||
      (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) ||
      (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0),
  )
}

export function survive(members: readonly ViewMember[], sourcePriority: readonly string[]) {
  const data: Record<string, unknown> = {}
  const lineage: Record<string, LineageEntry> = {}
  for (const member of rankMembers(members, sourcePriority)) {
    for (const [field, value] of Object.entries(member.data)) {
      if (OWN_FIELDS.has(field) || field in data || !holdsValue(value)) continue
      data[field] = value
      lineage[field] = { source: member.source, external_id: member.externalId, event_time: member.eventTime }
    }
  }
  return { data, lineage }
}
