/**
 * `npm run bench -- mapping [--quick]`: the offline schema matcher (`matchSchemas`) on synthetic
 * schema pairs of 20 / 200 / 2,000 target fields (lib/mapping-synthetic.ts): source fields and
 * suggestions per second, the share of source fields resolved without an LLM call (not marked
 * ambiguous), and precision/recall against the generator's ground truth. Beside it, measured in the
 * same run on the same pairs: a plain matcher that pairs fields whose normalised names are equal.
 * Prints one JSON document.
 */
import { compactName } from '../../workers/core/aam/drift/name-tokens.ts'
import type { SnapshotField } from '../../workers/core/aam/schema-snapshot.ts'
import { matchSchemas } from '../../workers/core/dcl/mapping/match-schemas.ts'
import { mappingPair } from './lib/mapping-synthetic.ts'
import { percentile, progress, round } from './lib/stats.ts'

const quick = process.argv.includes('--quick')
const SIZES: ReadonlyArray<[number, number]> = quick
  ? [
      [20, 20],
      [200, 3],
      [2000, 1],
    ]
  : [
      [20, 200],
      [200, 20],
      [2000, 3],
    ]

/** The baseline: equal names once case, separators and accents are dropped (leaf or whole path). */
function exactNames(source: readonly SnapshotField[], target: readonly SnapshotField[]) {
  const byName = new Map<string, string>()
  for (const t of target) byName.set(compactName(t.path), t.path)
  const taken = new Set<string>()
  const out: Array<{ source: string; target: string }> = []
  for (const s of source) {
    const t = byName.get(compactName(s.path))
    if (t && !taken.has(t)) {
      taken.add(t)
      out.push({ source: s.path, target: t })
    }
  }
  return out
}

function quality(pairs: ReadonlyArray<{ source: string; target: string }>, truth: ReadonlyMap<string, string>) {
  const right = pairs.filter((p) => truth.get(p.source) === p.target).length
  return {
    precision: round(pairs.length ? right / pairs.length : 1, 3),
    recall: round(truth.size ? right / truth.size : 1, 3),
  }
}

function timed<T>(runs: number, fn: () => T): { result: T; ms: number[] } {
  let result = fn() // warm-up
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    result = fn()
    ms.push(performance.now() - t0)
  }
  return { result, ms }
}

const results = []
for (const [n, runs] of SIZES) {
  const pair = mappingPair(n)
  progress(`${n} target fields, ${pair.source.length} source fields: ${runs} runs`)
  const engine = timed(runs, () => matchSchemas({ source: pair.source, target: pair.target }))
  const baseline = timed(runs, () => exactNames(pair.source, pair.target))
  const median = (ms: number[]) => percentile(ms, 50)
  const suggestions = engine.result.suggestions.length
  results.push({
    target_fields: pair.target.length,
    source_fields: pair.source.length,
    matcher: {
      median_ms: round(median(engine.ms), 2),
      source_fields_per_s: Math.round((pair.source.length / median(engine.ms)) * 1000),
      suggestions_per_s: Math.round((suggestions / median(engine.ms)) * 1000),
      suggestions,
      resolved_without_llm: round(1 - engine.result.ambiguous_fields / pair.source.length, 3),
      ...quality(engine.result.suggestions, pair.truth),
    },
    baseline_exact_names: {
      median_ms: round(median(baseline.ms), 3),
      source_fields_per_s: Math.round((pair.source.length / median(baseline.ms)) * 1000),
      suggestions_per_s: Math.round((baseline.result.length / median(baseline.ms)) * 1000),
      suggestions: baseline.result.length,
      resolved_without_llm: 1,
      ...quality(baseline.result, pair.truth),
    },
  })
}

console.log(
  JSON.stringify(
    {
      benchmark: 'mapping',
      note: 'resolved_without_llm = share of source fields neither suggested nor left unmatched as ambiguous; the baseline never asks, and finds only equal names',
      runs: results,
    },
    null,
    2,
  ),
)
