// Canonical, order-independent fingerprint of a schema snapshot: SHA-256 over the sorted
// (path, type, nullability) triples. Sample values and field order are deliberately excluded, so
// the fingerprint changes exactly when the shape of the data changes. Uses WebCrypto, available
// both in Cloudflare Workers and in Node 20+.
import type { FingerprintResult, SnapshotField } from './schema-snapshot.ts'

const VERSION = 'aam-schema-fp/v1'

/** The exact text that is hashed: one JSON line per field, sorted by path (code-unit order). */
export function canonicalSchemaText(fields: readonly Pick<SnapshotField, 'path' | 'type' | 'nullable'>[]): string {
  const lines = fields.map((f) => JSON.stringify([f.path, f.type, f.nullable])).sort()
  return `${VERSION}\n${lines.join('\n')}\n`
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

export async function fingerprintSchema(
  fields: readonly Pick<SnapshotField, 'path' | 'type' | 'nullable'>[],
): Promise<FingerprintResult> {
  return { fingerprint: await sha256Hex(canonicalSchemaText(fields)), fields: fields.length }
}
