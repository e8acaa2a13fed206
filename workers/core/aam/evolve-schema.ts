// One call from a stream's newly read schema to what the sync does about it: fingerprint it, classify
// the drift against the stream's current schema, and apply the connection's drift policy. Pure: the
// caller records, announces and stores what this decides, the same way for every source kind.
import type { DriftPolicy } from './connections.ts'
import { classifyDrift } from './drift/classify.ts'
import { decidePolicy, isBreaking, type PolicyDecision, summarizeChanges } from './drift-policy.ts'
import { fingerprintSchema } from './fingerprint.ts'
import type { DriftChange, SnapshotField } from './schema-snapshot.ts'

export interface SchemaEvolution {
  /** The fingerprint of the observed schema. */
  fingerprint: string
  /** The drift against the current schema; empty on first sight and when the shape is unchanged. */
  changes: DriftChange[]
  breaking: boolean
  decision: PolicyDecision
  /** Why the stream pauses (policy `pause`), else null. */
  pausedReason: string | null
  /** Why each record of this sync goes to quarantine (policy `freeze`), else null. */
  quarantineReason: string | null
}

const UNCHANGED: PolicyDecision = { action: 'recorded', adoptSchema: true, records: 'store' }

export async function evolveSchema(
  current: { schema: readonly SnapshotField[] | null; fingerprint: string | null },
  observed: readonly SnapshotField[],
  policy: DriftPolicy,
): Promise<SchemaEvolution> {
  const { fingerprint } = await fingerprintSchema(observed)
  const same = {
    fingerprint,
    changes: [],
    breaking: false,
    decision: UNCHANGED,
    pausedReason: null,
    quarantineReason: null,
  }
  if (!current.schema || !current.fingerprint || current.fingerprint === fingerprint) return same
  const { changes } = classifyDrift(current.schema, observed)
  if (changes.length === 0) return same
  const decision = decidePolicy(policy, changes)
  const summary = summarizeChanges(changes)
  return {
    fingerprint,
    changes,
    breaking: isBreaking(changes),
    decision,
    pausedReason: decision.records === 'wait' ? `drift under pause policy: ${summary}` : null,
    quarantineReason: decision.records === 'quarantine' ? `schema frozen by policy, drift: ${summary}` : null,
  }
}
