// Benchmark: schema fingerprint and drift classification on synthetic schemas of 50 / 500 / 5,000
// fields with realistic drift (renames of several kinds, additions, removals, re-typings,
// nullability changes, reordering, sample churn). Prints one JSON document; timings in ms.
// The baseline, measured in the same run, is a plain JSON.stringify + SHA-256 of the new schema,
// i.e. the least any change-detection step has to pay.
import { classifyDrift } from '../../../workers/core/aam/drift/classify.ts'
import { fingerprintSchema, sha256Hex } from '../../../workers/core/aam/fingerprint.ts'
import type { FieldType, SnapshotField } from '../../../workers/core/aam/schema-snapshot.ts'
import { pick, rng } from './random.ts'

const WORDS = [
  'account',
  'address',
  'amount',
  'balance',
  'billing',
  'branch',
  'card',
  'city',
  'code',
  'company',
  'contact',
  'country',
  'created',
  'currency',
  'customer',
  'date',
  'default',
  'description',
  'discount',
  'email',
  'event',
  'external',
  'first',
  'invoice',
  'item',
  'label',
  'last',
  'line',
  'locale',
  'merchant',
  'method',
  'name',
  'order',
  'owner',
  'payment',
  'phone',
  'plan',
  'price',
  'product',
  'quantity',
  'reference',
  'region',
  'repository',
  'shipping',
  'source',
  'status',
  'street',
  'subscription',
  'tax',
  'tier',
  'title',
  'total',
  'type',
  'updated',
  'user',
  'vendor',
  'warehouse',
  'weight',
  'zone',
]
const SCALARS: FieldType[] = ['string', 'string', 'string', 'integer', 'number', 'boolean', 'timestamp', 'date']
const ABBREV: Record<string, string> = {
  quantity: 'qty',
  description: 'desc',
  address: 'addr',
  customer: 'cust',
  reference: 'ref',
  account: 'acct',
}

function samplesFor(r: () => number, type: FieldType, salt: number): unknown[] | undefined {
  if (r() < 0.4) return undefined
  const n = 2 + Math.floor(r() * 4)
  return Array.from({ length: n }, (_, i) => {
    // Multiplicative hashing: values look random and rarely repeat across fields.
    const k = ((salt * 31 + i) * 2654435761) % 4294967296
    switch (type) {
      case 'integer':
        return k % 1_000_000
      case 'number':
        return (k % 10_000_000) / 100
      case 'boolean':
        return k % 2 === 0
      case 'timestamp':
        return new Date(Date.UTC(2020, 0, 1) + (k % 157_680_000) * 1000).toISOString()
      case 'date':
        return new Date(Date.UTC(2000, 0, 1) + (k % 9_000) * 86_400_000).toISOString().slice(0, 10)
      default:
        return `${pick(r, WORDS)}-${k % 99_991}`
    }
  })
}

/** A schema of about `n` fields: flat fields plus objects with children, unique paths. */
export function makeSchema(n: number, seed: number): SnapshotField[] {
  const r = rng(seed)
  const out: SnapshotField[] = []
  const seen = new Set<string>()
  let salt = 0
  while (out.length < n) {
    const words = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, WORDS))
    const base = `${words.join('_')}_${out.length}`
    if (r() < 0.15 && out.length + 4 <= n) {
      out.push({ path: base, type: 'object', nullable: r() < 0.3 })
      seen.add(base)
      for (let c = 0; c < 3; c++) {
        const path = `${base}.${pick(r, WORDS)}_${c}`
        if (seen.has(path)) continue
        seen.add(path)
        const type = pick(r, SCALARS)
        out.push({ path, type, nullable: r() < 0.4, samples: samplesFor(r, type, salt++) })
      }
      continue
    }
    if (seen.has(base)) continue
    seen.add(base)
    const type = pick(r, SCALARS)
    out.push({ path: base, type, nullable: r() < 0.4, samples: samplesFor(r, type, salt++) })
  }
  return out
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())

/** Applies realistic drift: ~3% renames, 2% removals, 2% additions, ~1% re-typings and nullability changes. */
export function drift(
  schema: readonly SnapshotField[],
  seed: number,
): { schema: SnapshotField[]; renames: Map<string, string> } {
  const r = rng(seed)
  const out: SnapshotField[] = []
  const renames = new Map<string, string>()
  // Small schemas get at least a couple of each change.
  const removeRate = Math.max(0.02, 2 / schema.length)
  const renameRate = removeRate + Math.max(0.03, 3 / schema.length)
  for (const f of schema) {
    const x = r()
    const top = !f.path.includes('.') && f.type !== 'object'
    if (x < removeRate && top) continue // removed
    if (x < renameRate && top) {
      const renamed =
        r() < 0.4
          ? camel(f.path)
          : r() < 0.5
            ? f.path.replace(/[a-z]+/, (w) => ABBREV[w] ?? `${w}s`)
            : f.path.toUpperCase()
      out.push({ ...f, path: renamed })
      renames.set(f.path, renamed)
      continue
    }
    if (x < renameRate + 0.02 && f.type === 'integer') {
      out.push({ ...f, type: 'number' })
      continue
    }
    if (x < renameRate + 0.03) {
      out.push({ ...f, nullable: !f.nullable })
      continue
    }
    // Sample churn: same field, fresh values.
    out.push({ ...f, samples: f.samples ? samplesFor(r, f.type, 7_000_000 + out.length) : undefined })
  }
  const extra = Math.max(1, Math.round(schema.length * 0.02))
  for (let i = 0; i < extra; i++) {
    const type = pick(r, SCALARS)
    out.push({
      path: `new_${pick(r, WORDS)}_${pick(r, WORDS)}_${i}`,
      type,
      nullable: true,
      samples: samplesFor(r, type, 9_000_000 + i),
    })
  }
  // Reorder a little: order is never a change but must not be relied on.
  for (let i = 0; i < out.length / 20; i++) {
    const a = Math.floor(r() * out.length)
    const b = Math.floor(r() * out.length)
    const fa = out[a]
    const fb = out[b]
    if (fa && fb) {
      out[a] = fb
      out[b] = fa
    }
  }
  return { schema: out, renames }
}

export function stats(samples: number[]): { median: number; p99: number; runs: number } {
  const s = [...samples].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0
  const round = (x: number) => Math.round(x * 1000) / 1000
  return { median: round(at(0.5)), p99: round(at(0.99)), runs: s.length }
}

async function time(runs: number, fn: () => unknown | Promise<unknown>): Promise<number[]> {
  await fn() // warm-up (JIT, caches)
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    out.push(performance.now() - t0)
  }
  return out
}

/** Fingerprint + classify timings for 50 / 500 / 5,000-field schemas, with a stringify+sha256 baseline. */
export async function classifyBenchmark(quick = false) {
  const sizes: Array<[number, number]> = quick
    ? [
        [50, 20],
        [500, 5],
        [5000, 2],
      ]
    : [
        [50, 200],
        [500, 60],
        [5000, 40],
      ]
  const results = []
  for (const [n, runs] of sizes) {
    const oldSchema = makeSchema(n, n)
    const { schema: newSchema, renames } = drift(oldSchema, n + 1)
    const result = classifyDrift(oldSchema, newSchema)
    const counts: Record<string, number> = {}
    for (const c of result.changes) counts[c.kind] = (counts[c.kind] ?? 0) + 1
    // Rename quality against the generator's ground truth (a sanity check, not the eval).
    const found = result.changes.filter((c) => c.kind === 'renamed')
    const correct = found.filter((c) => c.kind === 'renamed' && renames.get(c.from) === c.to).length
    results.push({
      fields: n,
      new_fields: newSchema.length,
      changes: counts,
      renames_truth: { planted: renames.size, found: found.length, correct },
      fingerprint_ms: stats(await time(runs, () => fingerprintSchema(newSchema))),
      classify_ms: stats(await time(runs, () => classifyDrift(oldSchema, newSchema))),
      baseline_stringify_sha256_ms: stats(await time(runs, () => sha256Hex(JSON.stringify(newSchema)))),
    })
  }
  return results
}
