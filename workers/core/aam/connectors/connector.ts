// What every kind of connection declares, once, in its folder here: the registry (registry.ts) lists
// them, and the API, the sync and the contract read everything kind-specific from it. The code that
// reads a cursor source lives in adapters/sources/<kind>/, opened through adapters/sources/openers.ts.
import type { z } from 'zod'
import type { SnapshotField } from '../schema-snapshot.ts'
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

/** One field of the console's form for a kind. */
export interface ConnectorField {
  /** Where its value goes in the create request: a setting (`config.schema`) or the secret (`url`, `credentials.client_id`). */
  path: string
  label: string
  input?: 'text' | 'password' | 'url' | 'select'
  options?: readonly { value: string; label: string }[]
  required?: boolean
  /** Shown in an empty form, and sent when the field is left empty. */
  default?: string
  placeholder?: string
  hint?: string
  max_length?: number
}

/** The config list that selects a kind's streams (tables, objects...); leaving one out keeps its records. */
export interface ConnectorSelection {
  key: string
  label: string
  hint: string
  placeholder: string
  /** The kind has no default selection: the list cannot be empty. */
  required: boolean
}

/** What the console shows and asks for a kind; GET /v1/connectors serves it, so a new kind needs no console change. */
export interface ConnectorConsole {
  label: string
  /** One line on a connection's page about where its data comes from; `{name}` is the setting's value. */
  summary: string
  /** The create form's fields, row by row (fields of one row sit side by side). */
  fields: readonly (readonly ConnectorField[])[]
  selection?: ConnectorSelection
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
  console: ConnectorConsole
}

/** Keeps a connector's literal types (its kind, how it reads) while checking it against `Connector`. */
export const defineConnector = <const C extends Connector>(connector: C) => connector
