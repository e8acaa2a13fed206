// A tenant's MongoDB (Atlas or self-hosted): collections are the streams, their schema inferred from a
// sample of documents, read in (cursor field, _id) order.
import { z } from 'zod'
import { defineConnector } from '../connector.ts'
import { checkDatabaseUrl } from '../database-url.ts'

export const MongoConfig = z
  .object({
    database: z
      .string()
      .regex(/^[^/\\. "$]{1,63}$/, { error: 'must be a MongoDB database name' })
      .meta({ example: 'crm' }),
    collections: z
      .array(z.string().min(1).max(120))
      .max(500)
      .optional()
      .meta({ description: 'Stream selection: the collections to sync; all of the database when omitted' }),
    cursor_field: z.string().min(1).max(200).default('updatedAt').meta({
      description: 'Incremental cursor: documents are read in (cursor field, _id) order; by _id when they lack it',
    }),
    sample_size: z.number().int().min(10).max(10_000).default(500).meta({
      description: 'Documents sampled ($sample) to infer each collection’s schema',
    }),
  })
  .meta({ id: 'MongoSourceConfig' })
export type MongoConfig = z.infer<typeof MongoConfig>

export const MongoUrl = z
  .string()
  .max(2000)
  .regex(/^mongodb(\+srv)?:\/\/[^\s]+$/, { error: 'must be a mongodb:// or mongodb+srv:// URL' })
  .meta({
    description: 'Write-only: stored encrypted, never returned. Every host must be public (not private or loopback)',
    example: 'mongodb+srv://reader:secret@cluster0.example.mongodb.net',
  })

export const mongodbConnector = defineConnector({
  kind: 'mongodb',
  description: 'a MongoDB Atlas or self-hosted URL',
  reads: 'cursor',
  // One message whatever happened, as for Postgres: the answers must not tell closed ports from open ones.
  failure: () =>
    "MongoDB could not be read: it did not answer in time, or refused the connection, the credentials or a read. Check the URL (host, port, user, password, database), that the server accepts connections from Cloudflare, and the user's read rights.",
  config: MongoConfig,
  secret: {
    field: 'url',
    schema: MongoUrl,
    describe: 'the database URL',
    what: 'database URL',
    refuse: (url, allowLoopback) => {
      const checked = checkDatabaseUrl('mongodb', url, allowLoopback)
      return checked.ok ? null : checked.reason
    },
    refusalHint: 'Give the address the database is reachable at from the internet.',
  },
  urlFields: {},
  recordKey: () => '_id',
  console: {
    label: 'MongoDB (Atlas or self-hosted)',
    summary:
      "Collections of database {database} sync incrementally by {cursor_field}, then _id; each collection's schema is inferred from a sample of {sample_size} documents (nested fields as dotted paths). The URL is stored encrypted and never shown.",
    fields: [
      [
        {
          path: 'url',
          label: 'MongoDB URL',
          input: 'password',
          required: true,
          placeholder: 'mongodb+srv://reader:…@cluster0.example.mongodb.net',
          hint: 'Stored encrypted and never shown again; a read-only user is best',
        },
      ],
      [
        { path: 'config.database', label: 'Database', required: true },
        { path: 'config.cursor_field', label: 'Cursor field', default: 'updatedAt' },
      ],
    ],
    selection: {
      key: 'collections',
      label: 'Collections to sync',
      hint: 'Comma-separated; every collection of the database when empty. Deselected collections keep their records.',
      placeholder: 'orders, customers',
      required: false,
    },
  },
})
