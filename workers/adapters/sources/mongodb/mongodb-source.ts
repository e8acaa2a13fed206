// A tenant's MongoDB (Atlas or self-hosted) read with the official driver, which runs in workerd under
// nodejs_compat (node:net sockets). One connection per sync; collections are the streams, their schema
// inferred from a `$sample` of documents, read in (cursor field, _id) order after the stored cursor.
import { BSON, type Document, MongoClient } from 'mongodb'
import type { CursorSource, SourceRow } from '../../../core/aam/connectors/cursor-source.ts'
import { MongoConfig } from '../../../core/aam/connectors/mongodb/connector.ts'
import {
  afterFilter,
  documentEventId,
  jsonDocument,
  readOrder,
} from '../../../core/aam/connectors/mongodb/documents.ts'
import { createSchemaInferrer } from '../../../core/aam/ingest/infer-schema.ts'
import type { SnapshotField } from '../../../core/aam/schema-snapshot.ts'
import type { OpenerInput } from '../opener.ts'

const BATCH = 2000

/** The stored cursor: the read order and the last document's values, as Extended JSON so types survive. */
type StoredCursor = { order: string[]; after: string }

function resumeAfter(stored: unknown, order: readonly string[]): unknown[] | null {
  const c = stored as Partial<StoredCursor> | null
  if (!c?.after || c.order?.join('\u0000') !== order.join('\u0000')) return null
  return BSON.EJSON.parse(c.after) as unknown[]
}

/**
 * Bounds on finding a server, connecting to it (TCP, TLS, authentication) and each read on its socket,
 * so a stalled server cannot hold a sync. (The driver ignores `timeoutMS`; these are what it honours.)
 */
const TIMEOUTS = { serverSelectionTimeoutMS: 10_000, connectTimeoutMS: 10_000, socketTimeoutMS: 60_000 }

export function openMongoSource(url: string, config: MongoConfig): CursorSource {
  // Options written in the URL win over these defaults, as users of MongoDB URLs expect (the driver
  // would let ours win, so ours are left out).
  const timeouts = Object.fromEntries(
    Object.entries(TIMEOUTS).filter(([name]) => !new RegExp(`[?&]${name}=`, 'i').test(url)),
  )
  const client = new MongoClient(url, { maxPoolSize: 1, appName: 'autonomos-aam', ...timeouts })
  const db = client.db(config.database)

  // The schema is inferred from a sample, and profiled from the same one: read once per sync.
  const samples = new Map<string, SourceRow[]>()
  async function sample(name: string) {
    const cached = samples.get(name)
    if (cached) return cached
    const docs = await db
      .collection(name)
      .aggregate<Document>([{ $sample: { size: config.sample_size } }])
      .toArray()
    const rows = docs.map(jsonDocument)
    samples.set(name, rows)
    return rows
  }

  async function collectionNames() {
    if (config.collections && config.collections.length > 0) return config.collections
    const listed = await db.listCollections({}, { nameOnly: true }).toArray()
    return listed
      .map((c) => c.name)
      .filter((name) => !name.startsWith('system.'))
      .sort()
  }

  return {
    async check() {
      await db.command({ ping: 1 })
      const names = await collectionNames()
      return [`connected to database ${config.database}`, `${names.length} collection(s) readable`]
    },
    async discover() {
      const streams = new Map<string, SnapshotField[]>()
      for (const name of await collectionNames()) {
        const inferrer = createSchemaInferrer({ format: 'json' })
        for (const doc of await sample(name)) inferrer.add(doc)
        streams.set(name, inferrer.snapshot())
      }
      return streams
    },
    sample: (name) => sample(name),
    reader(name, schema) {
      const order = readOrder(schema, config.cursor_field)
      return {
        async *batches(stored) {
          const after = resumeAfter(stored, order)
          const cursor = db
            .collection(name)
            .find(after ? afterFilter(order, after) : {})
            .sort(Object.fromEntries(order.map((f) => [f, 1 as const])))
            .batchSize(BATCH)
          // The cursor keeps the last document's own BSON values, so the next read compares like with like.
          const batch = (rows: SourceRow[], last: Document) => ({
            rows,
            cursor: { order, after: BSON.EJSON.stringify(order.map((f) => last[f] ?? null)) },
          })
          let rows: SourceRow[] = []
          let last: Document | null = null
          try {
            for await (const doc of cursor) {
              rows.push(jsonDocument(doc))
              last = doc
              if (rows.length === BATCH) {
                yield batch(rows, doc)
                rows = []
              }
            }
            if (rows.length > 0 && last) yield batch(rows, last)
          } finally {
            await cursor.close()
          }
        },
        eventId: (streamId, row) => documentEventId(streamId, row, order),
        time: (row) => {
          const value = row[config.cursor_field]
          return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : undefined
        },
      }
    },
    close: () => client.close(),
  }
}

/** Its opener (openers.ts): the settings, and the MongoDB URL as the secret. */
export const openMongo = ({ connection, secret }: OpenerInput) =>
  openMongoSource(secret, MongoConfig.parse(connection.config))
