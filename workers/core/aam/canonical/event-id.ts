// Deterministic event ids: the same source record at the same version always yields the same id,
// so a redelivered or re-synced record is recognised downstream by its CloudEvents `id` alone.
// The id is a UUIDv8 (RFC 9562) made of SHA-256 bits, so it also fits a Postgres `uuid` column.
import { z } from 'zod'
import { canonicalJson } from '../../json/canonical.ts'
import { sha256Hex } from '../fingerprint.ts'
import type { CanonicalIssue } from './mapping.ts'

const VERSION = 'aos-event-id/v1'

// Numbers and strings are both read as text: an id of 42 from an API and "42" from a CSV export of
// the same system are the same record.
const part = z
  .union([z.string(), z.number().finite()])
  .refine((v) => String(v).trim() !== '', { error: 'must not be empty' })

export const EventKeySchema = z.object({
  tenantId: z.uuid(),
  source: z.string().min(1), // the connected source (its id), not the connector kind
  stream: z.string().min(1), // the object/table/endpoint within the source
  primaryKey: z.union([part, z.array(part).min(1)]), // an array for composite keys, in key order
  cursor: part, // the record's version: updated_at, an LSN, or contentVersion() when there is none
})
export type EventKey = z.input<typeof EventKeySchema>

export type EventIdResult = { ok: true; id: string } | { ok: false; reason: 'invalid_key'; issues: CanonicalIssue[] }

/** Formats the first 128 bits of a hex digest as a UUID with version 8 and the RFC variant. */
export function uuidFromHex(hex: string): string {
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export async function deriveEventId(key: EventKey): Promise<EventIdResult> {
  const parsed = EventKeySchema.safeParse(key)
  if (!parsed.success) {
    return {
      ok: false,
      reason: 'invalid_key',
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    }
  }
  const { tenantId, source, stream, primaryKey, cursor } = parsed.data
  const pk = (Array.isArray(primaryKey) ? primaryKey : [primaryKey]).map(String)
  // A JSON array keeps the parts unambiguous ("a,b" + "c" differs from "a" + "b,c").
  const text = `${VERSION}\n${JSON.stringify([tenantId.toLowerCase(), source, stream, pk, String(cursor)])}`
  return { ok: true, id: uuidFromHex(await sha256Hex(text)) }
}

/** A version for records from sources without a change cursor: the hash of their content. */
export async function contentVersion(record: unknown): Promise<string> {
  return sha256Hex(canonicalJson(record))
}
