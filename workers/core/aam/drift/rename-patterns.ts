// Systematic renames: a vendor renaming a family of fields the same way at once
// (sent_location -> sent_lsn, write_location -> write_lsn, ...; total_time -> total_exec_time,
// min_time -> min_exec_time, ...). Individually each pair may look only loosely related, but one
// word edit that explains several removed/added pairs, with the other words unchanged, is strong
// evidence that they are renames.
import type { NameProfile } from './name-similarity.ts'
import { baseWeight } from './name-tokens.ts'

/** The word edit turning `a` into `b` ("location>lsn", ">exec"), or null if too large/unrelated. */
export function renameSignature(a: NameProfile, b: NameProfile): string | null {
  if (a.parentCompact !== b.parentCompact) return null
  const left = a.leafWords.map((w) => w.word)
  const right = b.leafWords.map((w) => w.word)
  const remaining = [...right]
  const removed: string[] = []
  let shared = 0
  for (const w of left) {
    const i = remaining.indexOf(w)
    if (i >= 0) {
      remaining.splice(i, 1)
      if (baseWeight(w) > 0.2) shared++
    } else removed.push(w)
  }
  if (shared === 0 || removed.length > 2 || remaining.length > 2) return null
  if (removed.length === 0 && remaining.length === 0) return null
  return `${removed.sort().join('+')}>${remaining.sort().join('+')}`
}

/**
 * Signatures shared by enough distinct pairs: pure qualifier insertions/removals need two pairs,
 * word substitutions three (a substitution is more often a genuinely different field).
 */
export function systematicSignatures(pairs: ReadonlyArray<readonly [NameProfile, NameProfile]>): Set<string> {
  const seen = new Map<string, { olds: Set<string>; news: Set<string> }>()
  for (const [a, b] of pairs) {
    const sig = renameSignature(a, b)
    if (!sig) continue
    const entry = seen.get(sig) ?? { olds: new Set<string>(), news: new Set<string>() }
    entry.olds.add(a.path)
    entry.news.add(b.path)
    seen.set(sig, entry)
  }
  const out = new Set<string>()
  for (const [sig, { olds, news }] of seen) {
    const support = Math.min(olds.size, news.size)
    const substitution = !sig.startsWith('>') && !sig.endsWith('>')
    if (support >= (substitution ? 3 : 2)) out.add(sig)
  }
  return out
}
