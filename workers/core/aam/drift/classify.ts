// Schema-drift classification: compares two snapshots and lists every change with its severity.
//   1. paths on both sides: type / nullability changes only (rule 1);
//   2. removed-only x added-only paths: object moves first (descendants move with their parent),
//      then one-to-one field renames;
//   3. the rest are plain removals and additions.
// Pure and deterministic: the same inputs always give the same, sorted output.
import type { DriftChange, DriftResult, SnapshotField } from '../schema-snapshot.ts'
import { buildFieldInfos } from './field-info.ts'
import { type NameProfile, nameProfile, WordStats } from './name-similarity.ts'
import { findObjectMoves, projectPath } from './object-moves.ts'
import { confidenceOf } from './pair-score.ts'
import { ancestorsOf, isUnder, joinPath, parentOf, relativeTo } from './paths.ts'
import { type Anchors, matchRenames } from './rename-matcher.ts'
import { nullabilityChangeSeverity, nullabilityOf, typeChangeSeverity } from './type-lattice.ts'
import { profileSamples, type SampleProfile, sampleContinuity } from './value-overlap.ts'

/** Type and nullability changes of one field (same path, or the two ends of a rename). */
function fieldChanges(path: string, before: SnapshotField, after: SnapshotField): DriftChange[] {
  const out: DriftChange[] = []
  if (before.type !== after.type) {
    out.push({
      kind: 'type_changed',
      path,
      from: before.type,
      to: after.type,
      severity: typeChangeSeverity(before.type, after.type),
    })
  }
  if (before.nullable !== after.nullable) {
    out.push({
      kind: 'nullability_changed',
      path,
      from: nullabilityOf(before.nullable),
      to: nullabilityOf(after.nullable),
      severity: nullabilityChangeSeverity(before.nullable, after.nullable),
    })
  }
  return out
}

/**
 * For each field, the nearest neighbours (in snapshot order) that exist in the other snapshot,
 * and how many places away they are.
 */
function anchorsOf(fields: readonly SnapshotField[], other: ReadonlyMap<string, unknown>): Map<string, Anchors> {
  const out = new Map<string, Anchors>()
  let prev: { path: string; at: number } | null = null
  fields.forEach((f, i) => {
    out.set(f.path, { prev: prev?.path ?? null, prevOffset: prev ? i - prev.at : 0, next: null, nextOffset: 0 })
    if (other.has(f.path)) prev = { path: f.path, at: i }
  })
  let next: { path: string; at: number } | null = null
  for (let i = fields.length - 1; i >= 0; i--) {
    const f = fields[i]
    if (!f) continue
    const a = out.get(f.path)
    if (a && next) {
      a.next = next.path
      a.nextOffset = next.at - i
    }
    if (other.has(f.path)) next = { path: f.path, at: i }
  }
  return out
}

// Share of unchanged fields whose samples overlap above which both snapshots are taken to sample
// the same records.
const SAME_RECORDS = 0.8

/** Sample profiles of the fields present in both snapshots, old and new side. */
function sharedSamples(
  oldFields: readonly SnapshotField[],
  newByPath: ReadonlyMap<string, SnapshotField>,
): Array<[SampleProfile | null, SampleProfile | null]> {
  const out: Array<[SampleProfile | null, SampleProfile | null]> = []
  for (const o of oldFields) {
    const n = newByPath.get(o.path)
    if (n) out.push([profileSamples(o.samples), profileSamples(n.samples)])
  }
  return out
}

const KIND_ORDER: Record<DriftChange['kind'], number> = {
  removed: 0,
  renamed: 1,
  added: 2,
  type_changed: 3,
  nullability_changed: 4,
}

/** Sorted by path, then kind, so a rename is directly followed by its type/nullability change. */
export function compareChanges(x: DriftChange, y: DriftChange): number {
  if (x.path !== y.path) return x.path < y.path ? -1 : 1
  return KIND_ORDER[x.kind] - KIND_ORDER[y.kind]
}

export function classifyDrift(oldFields: readonly SnapshotField[], newFields: readonly SnapshotField[]): DriftResult {
  const stats = new WordStats(
    oldFields.map((f) => f.path),
    newFields.map((f) => f.path),
  )
  const oldByPath = new Map(oldFields.map((f) => [f.path, f]))
  const newByPath = new Map(newFields.map((f) => [f.path, f]))
  const changes: DriftChange[] = []

  for (const o of oldFields) {
    const n = newByPath.get(o.path)
    if (n) changes.push(...fieldChanges(o.path, o, n))
  }

  const oldInfo = buildFieldInfos(
    oldFields,
    new Set(oldFields.filter((f) => !newByPath.has(f.path)).map((f) => f.path)),
    stats,
  )
  const newInfo = buildFieldInfos(
    newFields,
    new Set(newFields.filter((f) => !oldByPath.has(f.path)).map((f) => f.path)),
    stats,
  )
  const removed = [...oldInfo.values()]
  const added = [...newInfo.values()]
  const renames = new Map<string, { to: string; score: number }>() // old path -> new path
  const taken = new Set<string>() // new paths already used as rename targets
  const addedPaths = new Set(added.map((f) => f.field.path))
  const rename = (from: string, to: string, score: number) => {
    if (renames.has(from) || taken.has(to) || !addedPaths.has(to)) return
    renames.set(from, { to, score })
    taken.add(to)
  }

  // Object moves: each removed descendant with a counterpart at the same relative path follows.
  // Such renames rest on a whole subtree agreeing, hence a higher score than one pair alone.
  const moves = findObjectMoves(removed, added, (p) => nameProfile(p, stats))
  for (const m of moves) {
    for (const r of removed) {
      const p = r.field.path
      if (p === m.from || isUnder(p, m.from))
        rename(p, joinPath(m.to, p === m.from ? '' : relativeTo(p, m.from)), m.score + 0.4)
    }
  }

  // Field renames among what is left; old names are compared as if already moved.
  const restRemoved = removed.filter((f) => !renames.has(f.field.path))
  const restAdded = added.filter((f) => !taken.has(f.field.path))
  const projected = new Map<string, NameProfile>()
  for (const r of restRemoved) {
    const p = projectPath(r.field.path, moves)
    projected.set(r.field.path, p === r.field.path ? r.name : nameProfile(p, stats))
  }
  const pairs = matchRenames(restRemoved, restAdded, {
    oldNames: projected,
    profileOf: (p) => nameProfile(p, stats),
    oldAnchors: anchorsOf(oldFields, newByPath),
    newAnchors: anchorsOf(newFields, oldByPath),
    // Profiling every unchanged field's samples is only worth it when there is something to pair.
    sameRecords:
      restRemoved.length > 0 &&
      restAdded.length > 0 &&
      sampleContinuity(sharedSamples(oldFields, newByPath)) >= SAME_RECORDS,
  })
  for (const pair of pairs) rename(pair.from, pair.to, pair.score)
  // A renamed object entry carries its not-yet-matched descendants along (rule 4).
  for (const pair of pairs) {
    if (oldInfo.get(pair.from)?.field.type !== 'object') continue
    for (const r of restRemoved) {
      if (isUnder(r.field.path, pair.from))
        rename(r.field.path, joinPath(pair.to, relativeTo(r.field.path, pair.from)), pair.score)
    }
  }

  // Conversely, an object entry whose children were mostly renamed into one new object entry is
  // that object renamed (rule 4: one entry per path, object and descendants alike). The children
  // may land deeper (spec.backend.serviceName -> spec.defaultBackend.service.name): a new object
  // entry under the old object's own parent that holds them all is then the renamed object.
  const childrenOf = new Map<string, string[]>()
  for (const c of removed) {
    const list = childrenOf.get(parentOf(c.field.path))
    if (list) list.push(c.field.path)
    else childrenOf.set(parentOf(c.field.path), [c.field.path])
  }
  for (const r of removed) {
    if (r.field.type !== 'object' || renames.has(r.field.path)) continue
    const children = childrenOf.get(r.field.path) ?? []
    const votes = new Map<string, number>() // direct parents of the children's new paths
    const holders = new Map<string, number>() // new objects under r's parent holding them deeper
    for (const c of children) {
      const to = renames.get(c)?.to
      if (to === undefined) continue
      votes.set(parentOf(to), (votes.get(parentOf(to)) ?? 0) + 1)
      for (const a of ancestorsOf(to)) {
        if (parentOf(a) === parentOf(r.field.path)) holders.set(a, (holders.get(a) ?? 0) + 1)
      }
    }
    for (const [to, n] of [...votes, ...holders]) {
      if (n >= 2 && n * 2 >= children.length && newInfo.get(to)?.field.type === 'object') rename(r.field.path, to, 0.8)
    }
  }

  for (const r of removed) {
    const target = renames.get(r.field.path)
    const n = target ? newInfo.get(target.to) : undefined
    if (!target || !n) {
      changes.push({ kind: 'removed', path: r.field.path, severity: 'breaking' })
      continue
    }
    changes.push({
      kind: 'renamed',
      path: target.to,
      from: r.field.path,
      to: target.to,
      severity: 'breaking',
      confidence: confidenceOf(target.score),
    })
    changes.push(...fieldChanges(target.to, r.field, n.field))
  }
  for (const a of added) {
    if (!taken.has(a.field.path)) changes.push({ kind: 'added', path: a.field.path, severity: 'non_breaking' })
  }

  changes.sort(compareChanges)
  return { changes }
}
