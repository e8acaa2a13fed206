// Candidate pairs without comparing all pairs. A pair is compared when the two records share a blocking
// key (each key catches duplicates the others miss: a typo in the surname, a changed birth date, a moved
// address) or sit near each other in a sort order. Keys shared by too many records say nothing and are
// dropped, so the work stays near-linear in the number of records.
import type { PreparedRecord } from './prepare.ts'

/** How many records may share a blocking key before it is too common to say anything. */
export const MAX_BLOCK_SIZE = 60

export type BlockingOptions = {
  /** A key held by more records than this is too common to block on. */
  maxBlockSize?: number
  /** Sorted-neighbourhood window: each record is paired with the next `window - 1` in each order. */
  window?: number
}

export type CandidatePairs = {
  /** Pairs as `i * n + j` with i < j (record indexes), ascending, each once. */
  readonly pairs: Float64Array
  /** Keys dropped as too common, for the summary. */
  readonly oversizedKeys: number
}

/** Every single-character deletion of a code: two codes one typo apart share one of these. */
function deletions(code: string): string[] {
  const out = new Set<string>()
  for (let i = 0; i < code.length; i++) out.add(code.slice(0, i) + code.slice(i + 1))
  return [...out]
}

const sortedPair = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`)

/** The blocking keys of one record; each is prefixed with its kind so kinds never collide. */
export function blockingKeys(r: PreparedRecord): string[] {
  const keys: string[] = []
  const dates = r.birth?.readings ?? []
  const years = [...new Set(dates.map((d) => d.slice(0, 4)))]
  const names = [r.given, r.family].filter((v) => v !== undefined)
  if (r.nationalId && r.nationalId.length >= 3) {
    keys.push(`id:${r.nationalId}`)
    if (r.nationalId.length >= 5) for (const d of deletions(r.nationalId)) keys.push(`id-:${d}`)
  }
  for (const name of names) {
    for (const year of years) keys.push(`sx+y:${name.soundex}:${year}`)
    for (const date of dates) keys.push(`n0+d:${name.compact[0]}:${date}`)
  }
  if (r.given && r.family) {
    keys.push(`ny2:${sortedPair(r.given.nysiis, r.family.nysiis)}`)
    for (const year of years)
      keys.push(`i2+y:${sortedPair(r.given.compact[0] ?? '', r.family.compact[0] ?? '')}:${year}`)
  }
  if (r.postcode) {
    for (const name of names) keys.push(`pc+n0:${r.postcode}:${name.compact[0]}`)
    if (r.streetNumber) keys.push(`pc+no:${r.postcode}:${r.streetNumber}`)
  }
  if (r.locality && r.streetNumber) keys.push(`loc+no:${r.locality.compact.slice(0, 4)}:${r.streetNumber}`)
  if (r.email) keys.push(`em:${r.email.address}`)
  if (r.domain) keys.push(`dom:${r.domain}`)
  if (r.phone && r.phone.length >= 7) keys.push(`ph:${r.phone.slice(-7)}`)
  if (r.organisation) {
    keys.push(`org:${r.organisation.nysiis}`)
    for (const word of r.organisation.words) if (word.length >= 4) keys.push(`orgw:${word}`)
  }
  return keys
}

/** Sort orders for the sorted neighbourhood: names both ways round, the id forwards and backwards (a typo in its first digits still sorts it near), organisation, email. */
const SORT_KEYS: ReadonlyArray<(r: PreparedRecord) => string | undefined> = [
  (r) => (r.family || r.given ? `${r.family?.compact ?? ''} ${r.given?.compact ?? ''}` : undefined),
  (r) => (r.family || r.given ? `${r.given?.compact ?? ''} ${r.family?.compact ?? ''}` : undefined),
  (r) => r.nationalId,
  (r) => r.nationalId && [...r.nationalId].reverse().join(''),
  (r) => r.organisation?.compact,
  (r) => r.email?.address,
]

export function candidatePairs(records: readonly PreparedRecord[], options: BlockingOptions = {}): CandidatePairs {
  const n = records.length
  const maxBlock = options.maxBlockSize ?? MAX_BLOCK_SIZE
  const window = options.window ?? 6
  // Pair keys pile up in a growing typed array and are deduplicated once at the end: far cheaper than a Set.
  let keys = new Float64Array(1024)
  let size = 0
  const add = (i: number, j: number) => {
    if (i === j) return
    if (size === keys.length) {
      const grown = new Float64Array(keys.length * 2)
      grown.set(keys)
      keys = grown
    }
    keys[size++] = i < j ? i * n + j : j * n + i
  }

  const blocks = new Map<string, number[]>()
  for (const r of records) {
    for (const key of new Set(blockingKeys(r))) {
      const block = blocks.get(key)
      if (block) block.push(r.index)
      else blocks.set(key, [r.index])
    }
  }
  let oversizedKeys = 0
  for (const members of blocks.values()) {
    if (members.length < 2) continue
    if (members.length > maxBlock) {
      oversizedKeys++
      continue
    }
    for (let x = 0; x < members.length; x++)
      for (let y = x + 1; y < members.length; y++) add(members[x] ?? 0, members[y] ?? 0)
  }

  for (const sortKey of SORT_KEYS) {
    const keyed: Array<[string, number]> = []
    for (const r of records) {
      const key = sortKey(r)
      if (key) keyed.push([key, r.index])
    }
    if (keyed.length < 2) continue
    keyed.sort((p, q) => (p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : p[1] - q[1]))
    for (let x = 0; x < keyed.length; x++)
      for (let y = x + 1; y < Math.min(keyed.length, x + window); y++) add(keyed[x]?.[1] ?? 0, keyed[y]?.[1] ?? 0)
  }
  const sorted = keys.subarray(0, size).sort()
  let unique = 0
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[unique++] = sorted[k] ?? 0
  return { pairs: sorted.slice(0, unique), oversizedKeys }
}
