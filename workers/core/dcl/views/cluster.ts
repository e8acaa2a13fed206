// Which members of a view are one entity: records sharing a key first, then the resolution engine's
// fuzzy match, each merge refused when the two sides conflict (different web domains, different emails)
// or, for a fuzzy one, when their names do not agree. The engine alone is tuned on people with birth
// dates; on a handful of companies it has too little data to estimate how common a name is, so the
// keys and the vetoes keep its merges honest.
import { resolveEntities } from '../resolution/resolve.ts'
import { tokenSetSimilarity } from '../resolution/similarity.ts'
import { memberKey, text, type ViewMember } from './member.ts'
import type { Identity, ViewProfile } from './profiles.ts'

/** Share of the longer name's words matched: "acme" and "acme logistics" agree on half. */
const NAME_AGREEMENT = 0.85

type Group = { members: number[]; conflicts: Map<string, Set<string>>; names: (readonly string[])[] }

function conflicting(a: Group, b: Group) {
  for (const [kind, values] of a.conflicts) {
    const other = b.conflicts.get(kind)
    if (values.size > 0 && other && other.size > 0 && ![...values].some((v) => other.has(v))) return true
  }
  return false
}

const namesAgree = (a: Group, b: Group) =>
  a.names.some((x) =>
    b.names.some((y) => {
      const longer = Math.max(x.length, y.length)
      return longer > 0 && (tokenSetSimilarity(x, y) * Math.min(x.length, y.length)) / longer >= NAME_AGREEMENT
    }),
  )

/** Clusters of member indexes, in the order of their first member. */
export function clusterMembers(
  members: readonly ViewMember[],
  profile: ViewProfile,
  identities: readonly Identity[],
): number[][] {
  if (profile.mode === 'source_id') return members.map((_, i) => [i])
  const groupOf = members.map((_, i) => i)
  const groups = new Map<number, Group>(
    identities.map((id, i) => [
      i,
      {
        members: [i],
        conflicts: new Map(Object.entries(id.conflicts).map(([k, v]) => [k, new Set(v)])),
        names: id.nameWords.length > 0 ? [id.nameWords] : [],
      },
    ]),
  )
  const root = (i: number): number => {
    let r = i
    while (groupOf[r] !== r) r = groupOf[r] as number
    groupOf[i] = r
    return r
  }
  const merge = (i: number, j: number, fuzzy: boolean) => {
    const [ri, rj] = [root(i), root(j)]
    if (ri === rj) return
    const [a, b] = [groups.get(ri) as Group, groups.get(rj) as Group]
    if (conflicting(a, b) || (fuzzy && !namesAgree(a, b))) return
    const [keep, drop, kept, gone] = a.members.length >= b.members.length ? [ri, rj, a, b] : [rj, ri, b, a]
    groupOf[drop] = keep
    kept.members.push(...gone.members)
    kept.names.push(...gone.names)
    for (const [kind, values] of gone.conflicts) {
      const into = kept.conflicts.get(kind) ?? new Set<string>()
      for (const v of values) into.add(v)
      kept.conflicts.set(kind, into)
    }
    groups.delete(drop)
  }

  const firstWithKey = new Map<string, number>()
  identities.forEach((id, i) => {
    for (const key of id.keys) {
      const first = firstWithKey.get(key)
      if (first === undefined) firstWithKey.set(key, i)
      else merge(first, i, false)
    }
  })

  const index = new Map(members.map((m, i) => [memberKey(m), i]))
  const records = members.map((m) => ({
    id: memberKey(m),
    source: m.source,
    fields: Object.fromEntries(Object.entries(m.data).map(([k, v]) => [k, text(v)])),
  }))
  for (const cluster of resolveEntities(records, { roles: profile.roles }).clusters) {
    // Every pair, not a star around the first: one member vetoed must not keep the others apart.
    const at = cluster.map((id) => index.get(id) as number)
    at.forEach((i, k) => {
      for (const j of at.slice(k + 1)) merge(i, j, true)
    })
  }
  return [...groups.values()].map((g) => g.members.sort((x, y) => x - y)).sort((x, y) => (x[0] ?? 0) - (y[0] ?? 0))
}
