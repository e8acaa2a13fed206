// What the console says and asks per connection kind: labels, the source's description on its page,
// and which config list selects its streams.
import type { ConnectionKind } from '../../workers/contract/connections.ts'
import type { Connection } from './types.ts'

export const KIND_LABEL: Record<ConnectionKind, string> = {
  file: 'FileSource (CSV / JSON Lines upload)',
  postgres: 'Postgres / Supabase database',
  salesforce: 'Salesforce (connected app)',
  airbyte: 'Airbyte sync monitor',
  mongodb: 'MongoDB (Atlas or self-hosted)',
}

/** The kinds to offer, in the registry's order: the API's list, which this table must cover. */
export const CONNECTION_KINDS = Object.keys(KIND_LABEL) as ConnectionKind[]

export type Selection = { key: string; label: string; hint: string; placeholder: string; required: boolean }

/** The config list that selects a kind's streams; leaving one out keeps its records and cursor. */
export const SELECTION: Partial<Record<ConnectionKind, Selection>> = {
  postgres: {
    key: 'tables',
    label: 'Tables to sync',
    hint: 'Comma-separated; every table of the schema when empty. Deselected tables keep their records.',
    placeholder: 'customers, orders',
    required: false,
  },
  salesforce: {
    key: 'objects',
    label: 'Objects to sync',
    hint: 'Comma-separated API names; Account, Contact and Opportunity when empty. Deselected objects keep their records.',
    placeholder: 'Account, Contact, Opportunity, Invoice__c',
    required: false,
  },
  mongodb: {
    key: 'collections',
    label: 'Collections to sync',
    hint: 'Comma-separated; every collection of the database when empty. Deselected collections keep their records.',
    placeholder: 'orders, customers',
    required: false,
  },
  airbyte: {
    key: 'connection_ids',
    label: 'Airbyte connections to watch',
    hint: 'Comma-separated connection ids from the Airbyte UI (the id in the connection URL).',
    placeholder: '9b1c…, 4f0a…',
    required: true,
  },
}

export const splitList = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)

/** One line on the connection page about where its data comes from and how it is read. */
export function sourceSummary(connection: Connection): string {
  const c = connection.config
  switch (connection.kind) {
    case 'postgres':
      return `Tables of schema ${c.schema} sync incrementally by ${c.cursor_column}, then ${c.primary_key}. The database URL is stored encrypted and never shown.`
    case 'salesforce':
      return `Objects sync incrementally by SystemModstamp, then Id, through ${c.login_url} (API ${c.api_version}). Account, Contact and Opportunity also become canonical entities. The client credentials are stored encrypted and never shown.`
    case 'mongodb':
      return `Collections of database ${c.database} sync incrementally by ${c.cursor_field}, then _id; each collection's schema is inferred from a sample of ${c.sample_size} documents (nested fields as dotted paths). The URL is stored encrypted and never shown.`
    case 'airbyte':
      return `Finished sync jobs of the watched Airbyte connections are recorded as they complete; a failed job or a schema-change flag raises an alert (and a Slack message when Slack is set up). The token is stored encrypted and never shown.`
    default:
      return 'Upload files to sync them.'
  }
}
