// What every kind of connection declares, once, in its folder here: the registry (registry.ts) lists
// them, and the API, the sync and the contract read everything kind-specific from it. The code that
// reads a cursor source lives in adapters/sources/<kind>/, opened through adapters/sources/openers.ts.
import type { z } from 'zod'
import type { SnapshotField } from '../schema.ts'
import type { EntityMapping } from './cursor-source.ts'

/** The credentials a kind needs: sent on create and with PUT /credentials, stored sealed, never returned. */
export interface ConnectorSecret {
  /** The request field that carries it (`url`, `credentials`, `token`...). */
  field: string
  schema: z.ZodType
  /** For the credentials request's documentation, after the kinds: "postgres: the database URL". */
  describe: string
  /** Said when it is missing: "A {what} is required for this kind of connection." */
  what: string
  /** Why the platform will not dial it (a database URL's private host), worded to follow the field name; null when fine. */
  refuse?(value: string, allowLoopback: boolean): string | null
  /** What to do about a refused one. */
  refusalHint?: string
}

/** How a kind's streams are read. */
export type ConnectorReading =
  /** Files uploaded to the connection, one stream per name they are uploaded under. */
  | { reads: 'files' }
  /** A source read after a stored cursor (a CursorSource, opened by the kind's opener). */
  | {
      reads: 'cursor'
      /** What to tell the user when the source fails a read, given the driver's reason (some kinds leave it out). */
      failure(reason: string): string
    }

export type Connector = ConnectorReading & {
  kind: string
  /** One line for the API's documentation of POST /v1/connections. */
  description: string
  /** The settings (`config`): validated on create and on every change; every default fills in. */
  config: z.ZodObject
  secret: ConnectorSecret | null
  /** Settings that are URLs the Worker calls, each with what to call it in a message ("The login URL"). */
  urlFields: Readonly<Record<string, string>>
  /** The source field that identifies a record of a stream; undefined keys records by their event id. */
  recordKey(config: Readonly<Record<string, unknown>>): string | undefined
  /** The canonical entity a stream's records are also validated as, if any. */
  entity?(stream: string, schema: readonly SnapshotField[]): EntityMapping | undefined
}

/** Keeps a connector's literal types (its kind, how it reads) while checking it against `Connector`. */
export const defineConnector = <const C extends Connector>(connector: C) => connector
