// A few rows read from a database or SaaS stream, made into what a file's schema pass gives: sample
// values on each field (rename matching compares them) and field profiles (fill rate, distinct values,
// ranges) for Discovery. Types stay the source's own; samples never change a fingerprint.
import { createSchemaInferrer } from '../ingest/infer-schema.ts'
import type { SnapshotField } from '../schema-snapshot.ts'
import type { SourceRow } from './cursor-source.ts'

export function profileSample(schema: readonly SnapshotField[], rows: readonly SourceRow[]) {
  const inferrer = createSchemaInferrer({ format: 'json' })
  for (const row of rows) inferrer.add(row)
  const sampled = new Map(inferrer.snapshot().map((f) => [f.path, f.samples]))
  return {
    schema: schema.map((f) => {
      const samples = sampled.get(f.path)
      return samples && samples.length > 0 ? { ...f, samples } : f
    }),
    profile: inferrer.profile(),
  }
}
