// Every kind of connection, declared once. Adding a kind is a folder beside this file (its connector.ts)
// and one line below; docs/connectors.md walks through it. The database stores the kind as text: no
// migration is needed for a new one.
import { airbyteConnector } from './airbyte/connector.ts'
import type { Connector } from './connector.ts'
import { fileConnector } from './file/connector.ts'
import { httpJsonConnector } from './http_json/connector.ts'
import { mongodbConnector } from './mongodb/connector.ts'
import { postgresConnector } from './postgres/connector.ts'
import { salesforceConnector } from './salesforce/connector.ts'

export const CONNECTORS = {
  file: fileConnector,
  postgres: postgresConnector,
  salesforce: salesforceConnector,
  airbyte: airbyteConnector,
  mongodb: mongodbConnector,
  http_json: httpJsonConnector,
} as const satisfies { [K in string]: Connector & { kind: K } }

export type ConnectionKind = keyof typeof CONNECTORS
export const CONNECTION_KINDS = Object.keys(CONNECTORS) as [ConnectionKind, ...ConnectionKind[]]

/** The kinds read after a cursor: each has an opener in adapters/sources/openers.ts. */
export type CursorKind = {
  [K in ConnectionKind]: (typeof CONNECTORS)[K]['reads'] extends 'cursor' ? K : never
}[ConnectionKind]

export const isConnectionKind = (kind: string): kind is ConnectionKind => Object.hasOwn(CONNECTORS, kind)

export const isCursorKind = (kind: string): kind is CursorKind =>
  isConnectionKind(kind) && CONNECTORS[kind].reads === 'cursor'

/** A stored kind, checked: the API only ever stores a known one, so anything else is a bug to hear about. */
export function knownKind(kind: string): ConnectionKind {
  if (!isConnectionKind(kind)) throw new Error(`unknown connection kind ${kind}: no connector is registered for it`)
  return kind
}

export const connectorOf = (kind: string): Connector => CONNECTORS[knownKind(kind)]

/** A connection's settings after a change: the current ones with the changes, valid for its kind. */
export function mergeConfig(kind: string, current: Record<string, unknown>, changes: Record<string, unknown>) {
  // null removes a setting, so it falls back to its default (e.g. `tables: null` syncs every table).
  const merged = Object.fromEntries(Object.entries({ ...current, ...changes }).filter(([, v]) => v !== null))
  return connectorOf(kind).config.safeParse(merged)
}
