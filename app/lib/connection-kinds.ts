// What the console says and asks per connection kind comes from the API (GET /v1/connectors, declared by
// each connector), so a new kind needs no change here: labels, form fields, the stream selection, a summary.
import type { z } from 'zod'
import type { ConnectorInfo } from '../../workers/contract/connectors.ts'
import { api } from './api.ts'
import type { Connection, List } from './types.ts'

export type Connector = z.infer<typeof ConnectorInfo>
export type ConnectorField = Connector['fields'][number][number]
export type Selection = NonNullable<Connector['selection']>

/** The kinds of connection, in the registry's order (they change only with a deploy, so once per page load). */
let connectors: Promise<Connector[]> | null = null
export function loadConnectors(): Promise<Connector[]> {
  connectors ??= api<List<Connector>>('/v1/connectors').then(
    (list) => list.data,
    (error: unknown) => {
      connectors = null
      throw error
    },
  )
  return connectors
}

export async function loadConnector(kind: string): Promise<Connector> {
  const found = (await loadConnectors()).find((c) => c.kind === kind)
  if (!found) throw new Error(`The API knows no connection kind ${kind}.`)
  return found
}

export const splitList = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)

/** One line on the connection page about where its data comes from and how it is read. */
export const sourceSummary = (connector: Connector, connection: Connection) =>
  connector.summary.replace(/\{(\w+)\}/g, (_, name: string) => String(connection.config[name] ?? ''))
