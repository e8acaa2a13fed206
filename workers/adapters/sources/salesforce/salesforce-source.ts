// A Salesforce org as a cursor source: the selected objects are the streams, `describe` gives their
// schemas, SOQL reads them after the stored (SystemModstamp, Id), following `nextRecordsUrl` pages.

import type { CursorSource } from '../../../core/aam/connectors/cursor-source.ts'
import { SalesforceConfig, SalesforceCredentials } from '../../../core/aam/connectors/salesforce/connector.ts'
import {
  CURSOR_FIELD,
  cursorOf,
  type DescribeField,
  describeToSnapshot,
  normalizeRecord,
  resumeCursor,
  soqlAfter,
} from '../../../core/aam/connectors/salesforce/objects.ts'
import type { OpenerInput } from '../opener.ts'
import { type SalesforceClient, salesforceClient } from './salesforce-client.ts'

const SAMPLE = 200

type QueryPage = { records: Record<string, unknown>[]; done: boolean; nextRecordsUrl?: string }

export function openSalesforceSource(client: SalesforceClient, config: SalesforceConfig): CursorSource {
  async function discover() {
    const objects = new Map<string, ReturnType<typeof describeToSnapshot>>()
    for (const object of config.objects) {
      const described = await client.get<{ fields: DescribeField[] }>(client.api(`/sobjects/${object}/describe`))
      objects.set(object, describeToSnapshot(described.fields))
    }
    return objects
  }

  return {
    async check() {
      const global = await client.get<{ sobjects: { name: string; queryable: boolean }[] }>(client.api('/sobjects'))
      const queryable = new Set(global.sobjects.filter((o) => o.queryable).map((o) => o.name))
      const missing = config.objects.filter((o) => !queryable.has(o))
      return [
        `authenticated at ${client.instanceUrl()}`,
        `${queryable.size} queryable objects visible to the integration user`,
        missing.length === 0
          ? `selected objects readable: ${config.objects.join(', ')}`
          : `not readable by this user: ${missing.join(', ')}`,
      ]
    },
    discover,
    async sample(object, schema) {
      const soql = `${soqlAfter(
        object,
        schema.map((f) => f.path),
        null,
      )} LIMIT ${SAMPLE}`
      const page = await client.get<QueryPage>(`${client.api('/query')}?q=${encodeURIComponent(soql)}`)
      return page.records.map((r) => normalizeRecord(r, schema))
    },
    reader(object, schema) {
      const fields = schema.map((f) => f.path)
      if (!fields.includes(CURSOR_FIELD) || !fields.includes('Id'))
        return { skipped: `no ${CURSOR_FIELD} and Id to read by` }
      return {
        async *batches(stored) {
          let page = await client.get<QueryPage>(
            `${client.api('/query')}?q=${encodeURIComponent(soqlAfter(object, fields, resumeCursor(stored)))}`,
          )
          for (;;) {
            const rows = page.records.map((r) => normalizeRecord(r, schema))
            if (rows.length > 0) yield { rows, cursor: cursorOf(rows[rows.length - 1] as Record<string, unknown>) }
            if (page.done || !page.nextRecordsUrl) return
            page = await client.get<QueryPage>(page.nextRecordsUrl)
          }
        },
        eventId: (streamId, row) => `${streamId}:${String(row.Id)}:${String(row[CURSOR_FIELD])}`,
        time: (row) => (typeof row[CURSOR_FIELD] === 'string' ? (row[CURSOR_FIELD] as string) : undefined),
      }
    },
  }
}

/** Its opener (openers.ts): the settings, and the connected app's credentials (JSON) as the secret. */
export function openSalesforce({ connection, secret, allowLoopback }: OpenerInput) {
  const config = SalesforceConfig.parse(connection.config)
  const client = salesforceClient(config, SalesforceCredentials.parse(JSON.parse(secret)), allowLoopback)
  return openSalesforceSource(client, config)
}
