// The DCL's direct reads (the legacy side of the USE_AAM_AS_SOURCE strangler fig): rows read from a
// connection's sources become the same canonical events, with the same ids, a sync would send, so
// either path feeds the same entities and flipping the flag loses or doubles nothing.
import type { CanonicalEvent } from '../aam/canonical/event.ts'
import { summarizeChanges } from '../aam/drift-policy.ts'
import type { SchemaEvolution } from '../aam/evolve-schema.ts'
import type { RecordCanonical } from '../aam/source-record.ts'
import { findUnstorable } from '../aam/storable.ts'

/**
 * Why a stream is not fed directly, or null when it is. The AAM path feeds neither a paused stream nor
 * one whose records are held for drift review (they reach the DCL once the review releases them).
 */
export function directReadSkip(stream: { pausedAt: Date | null; heldDriftId: string | null }): string | null {
  if (stream.pausedAt) return 'paused'
  if (stream.heldDriftId) return 'held for drift review'
  return null
}

/**
 * Why a stream's records read under `evolution` are not fed, or null when they are: the AAM stores a
 * drifted stream's records only when its policy adopts the drift (not when frozen, held or paused).
 */
export function unstoredDriftSkip(evolution: Pick<SchemaEvolution, 'decision' | 'changes'>): string | null {
  if (evolution.decision.records === 'store') return null
  return `drift not adopted under the connection's policy (${evolution.decision.action}: ${summarizeChanges(evolution.changes)}); its records stay out of the DCL`
}

/**
 * Whether a sync's result shows it read anything (rows, or held records it released). One that read
 * nothing new leaves a direct read nothing new either (neither path sees deletions), so the source is
 * not read a second time for nothing; that includes a sync that did not run (a draft, a lease taken).
 */
export const syncReadAnything = (result: Record<string, unknown>) =>
  (typeof result.rows === 'number' && result.rows > 0) || result.released !== undefined

/** A row read from a source, with the event id and time the AAM path gives it. */
export type DirectRow = { eventId: string; record: Record<string, unknown>; time: string }

/**
 * The canonical events of rows a direct read found, and how many cannot become one. A row the AAM would
 * quarantine (a value Postgres cannot store, or one failing the stream's mapping) is counted, not sent:
 * the AAM path does not send it either.
 */
export function directEvents(
  convert: (eventId: string, record: Record<string, unknown>, time: string) => RecordCanonical,
  rows: readonly DirectRow[],
): { events: CanonicalEvent[]; notConvertible: number } {
  const events: CanonicalEvent[] = []
  let notConvertible = 0
  for (const row of rows) {
    const result = findUnstorable(row.record) ? null : convert(row.eventId, row.record, row.time)
    if (result?.ok) events.push(result.event)
    else notConvertible++
  }
  return { events, notConvertible }
}

/** What a direct read of connections did, added up across streams and connections. */
export type DirectReadTally = {
  connections: number
  streams: number
  events_applied: number
  not_convertible: number
  skipped: string[]
}

export const emptyTally = (): DirectReadTally => ({
  connections: 0,
  streams: 0,
  events_applied: 0,
  not_convertible: 0,
  skipped: [],
})

export function addTally(into: DirectReadTally, more: DirectReadTally) {
  into.connections += more.connections
  into.streams += more.streams
  into.events_applied += more.events_applied
  into.not_convertible += more.not_convertible
  into.skipped.push(...more.skipped)
}
