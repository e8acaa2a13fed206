// A tenant's own Postgres (or Supabase) database: its tables are the streams, read in (cursor column, key) order.
import { z } from 'zod'
import { defineConnector } from '../connector.ts'
import { checkDatabaseUrl } from '../database-url.ts'

const Identifier = z
  .string()
  .regex(/^[A-Za-z_][\w$]{0,62}$/, { error: 'must be a Postgres identifier (letters, digits, _ and $)' })

export const PostgresConfig = z
  .object({
    schema: Identifier.default('public'),
    tables: z
      .array(Identifier)
      .max(500)
      .optional()
      .meta({ description: 'Stream selection: the tables to sync; all tables of the schema when omitted' }),
    cursor_column: Identifier.default('updated_at').meta({
      description: 'Incremental cursor: rows are read in (cursor, key) order; tables without it are read by key',
    }),
    primary_key: Identifier.default('id'),
  })
  .meta({ id: 'PostgresSourceConfig' })
export type PostgresConfig = z.infer<typeof PostgresConfig>

export const PostgresUrl = z
  .string()
  .max(2000)
  .regex(/^postgres(ql)?:\/\/[^\s]+$/, { error: 'must be a postgres:// or postgresql:// URL' })
  .meta({
    description: 'Write-only: stored encrypted, never returned. Every host must be public (not private or loopback)',
    example: 'postgres://reader:secret@db.example.com:5432/crm',
  })

export const postgresConnector = defineConnector({
  kind: 'postgres',
  description: 'any Postgres or Supabase URL',
  reads: 'cursor',
  // One message whatever happened (refused, timed out, DNS, TLS, credentials), so its answers cannot tell
  // closed ports from open ones; the driver's words stay the error's cause, for operators.
  failure: () =>
    "The Postgres database could not be read: it did not answer in time, or refused the connection, the credentials or a read. Check the URL (host, port, user, password, database), that the server accepts connections from Cloudflare, and the user's read rights.",
  config: PostgresConfig,
  secret: {
    field: 'url',
    schema: PostgresUrl,
    describe: 'the database URL',
    what: 'database URL',
    refuse: (url, allowLoopback) => {
      const checked = checkDatabaseUrl('postgres', url, allowLoopback)
      return checked.ok ? null : checked.reason
    },
    refusalHint: 'Give the address the database is reachable at from the internet.',
  },
  urlFields: {},
  recordKey: (config) => (typeof config.primary_key === 'string' ? config.primary_key : 'id'),
  console: {
    label: 'Postgres / Supabase database',
    summary:
      'Tables of schema {schema} sync incrementally by {cursor_column}, then {primary_key}. The database URL is stored encrypted and never shown.',
    fields: [
      [
        {
          path: 'url',
          label: 'Database URL',
          input: 'password',
          required: true,
          placeholder: 'postgres://reader:…@db.example.com:5432/crm',
          hint: 'Stored encrypted and never shown again; a read-only user is best',
        },
      ],
      [
        { path: 'config.schema', label: 'Schema', default: 'public' },
        { path: 'config.cursor_column', label: 'Cursor column', default: 'updated_at' },
        { path: 'config.primary_key', label: 'Key column', default: 'id' },
      ],
    ],
    selection: {
      key: 'tables',
      label: 'Tables to sync',
      hint: 'Comma-separated; every table of the schema when empty. Deselected tables keep their records.',
      placeholder: 'customers, orders',
      required: false,
    },
  },
})
